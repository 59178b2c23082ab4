"""The pages of issue 18: the workbench's verification button, the unit's sheet form, and the
office's filing status with late marks, downloads and sending a sheet back."""

from __future__ import annotations

import hashlib
from datetime import date

from fastapi.testclient import TestClient

from application.accounts import Principal
from application.entries import RecordRectification
from domain.accounts import Role
from domain.base import acting_as
from domain.governance import Period
from domain.progress import progress_due
from infrastructure.bootstrap import Chengxin
from infrastructure.clock import FixedClock
from tests.integration.test_governance import blacklist
from tests.support import ADMIN, create_user, page_sign_in, sign_in

LI = Principal("li.ming", Role.OFFICER, "public_security")
SHEET = "/dashboard/progress/public_security/2024/1"


def accounts(client: TestClient) -> None:
    admin = sign_in(client, *ADMIN)
    create_user(client, admin, username="li.ming", role="officer", department="public_security")
    create_user(client, admin, username="wmb.office", role="office", password="office-password")


def post(client: TestClient, url: str, **data: str) -> int:
    answer = client.post(
        url, data={**data, "csrf_token": client.cookies["cx_csrf"]}, follow_redirects=False
    )
    return answer.status_code


def test_the_deciding_officer_verifies_a_rectification_on_the_workbench(
    client: TestClient, system: Chengxin
) -> None:
    accounts(client)
    entry = blacklist(system, "telecom_fraud", 1, "913208001234571")[0]
    with acting_as("admin"):
        admin = Principal("admin", Role.ADMIN)
        system.entries.record_rectification(
            admin, RecordRectification(entry.id, "已整改", system.clock.today(), [])
        )
    page_sign_in(client, "li.ming", "officer-password")
    page = client.get(f"/workbench/entries/{entry.id}")
    assert page.status_code == 200
    assert "rectification/verification" not in page.text  # decided by the credit office
    credit = sign_in(client, *ADMIN)
    create_user(client, credit, username="zhao.lei", role="officer", department="credit_office")
    page_sign_in(client, "zhao.lei", "officer-password")
    page = client.get(f"/workbench/entries/{entry.id}")
    assert "确认整改属实" in page.text
    url = f"/workbench/entries/{entry.id}/rectification/verification"
    assert post(client, url, note="经核查属实", version=str(entry.version + 1)) == 303
    assert system.entries.get(entry.id).rectification_verified_on == system.clock.today()
    assert "经认定部门核实" in client.get(f"/workbench/entries/{entry.id}").text


def test_a_unit_writes_and_submits_its_sheet_and_the_office_sends_it_back(
    client: TestClient, system: Chengxin
) -> None:
    accounts(client)
    system.progress.clock = FixedClock(date(2024, 4, 12))  # two days past the due day
    page_sign_in(client, "li.ming", "officer-password")
    page = client.get(SHEET)
    assert page.status_code == 200, page.text
    assert "淮安市集中治理诚信缺失突出问题工作进度表 (2018-2020年)" in page.text
    assert "在册黑名单" in page.text  # the computed starting text in the form
    assert post(client, SHEET + "/submission") == 422  # rows not written yet
    for domain in ("telecom_fraud", "online_rumours"):
        status = post(
            client,
            f"{SHEET}/rows/{domain}",
            problems="排查问题三项",
            measures_and_results="专项行动",
        )
        assert status == 303
    assert post(client, SHEET + "/submission") == 303
    assert "已报送" in client.get(SHEET).text
    page_sign_in(client, "wmb.office", "office-password")
    dashboard = client.get("/dashboard", params={"year": 2024, "quarter": 1})
    assert dashboard.status_code == 200, dashboard.text
    assert dashboard.text.count('class="badge badge-late"') == len(system.governance.lead_units())
    assert "/dashboard/progress-city.xlsx?year=2024&amp;quarter=1" in dashboard.text
    city = client.get("/dashboard/progress-city.xlsx", params={"year": 2024, "quarter": 1})
    assert city.status_code == 200
    filed = client.get(SHEET + "/submission.xlsx")
    report = system.progress.report(LI, "public_security", 2024, 1)
    assert hashlib.sha256(filed.content).hexdigest() == report.submissions[0].sha256
    assert post(client, SHEET + "/return", comment="") == 422
    assert post(client, SHEET + "/return", comment="请补充典型案例") == 303
    page_sign_in(client, "li.ming", "officer-password")
    assert "请补充典型案例" in client.get(SHEET).text
    assert progress_due(Period(2024, 1)) == date(2024, 4, 10)


def test_the_office_sets_a_target_on_the_dashboard(client: TestClient, system: Chengxin) -> None:
    accounts(client)
    page_sign_in(client, "wmb.office", "office-password")
    year = system.clock.today().year
    page = client.get("/dashboard")
    assert f'action="/dashboard/targets/{year}"' in page.text
    low = post(client, f"/dashboard/targets/{year}", domain="charity", rate_percent="70")
    assert low == 422
    done = post(
        client,
        f"/dashboard/targets/{year}",
        domain="charity",
        rate_percent="90",
        goal="慈善失信清零",
    )
    assert done == 303
    assert system.governance.targets(year)["charity"].rate == 0.9
    page_sign_in(client, "li.ming", "officer-password")
    assert "/dashboard/targets/" not in client.get("/dashboard").text
    assert post(client, f"/dashboard/targets/{year}", domain="charity", rate_percent="95") == 403

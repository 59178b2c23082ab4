"""Issue 17 item 8 through HTTP: an officer of the deciding department records an objection that
came by window, letter or Credit China; its deadline runs from the day it was received; the
subject sees it in the portal; the workbench has the form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from domain.calendar import add_working_days
from infrastructure.bootstrap import Chengxin
from tests.support import (
    ADMIN,
    COMPANY_USCC,
    TODAY,
    create_user,
    officer,
    page_sign_in,
    register_subject,
    sign_in,
)


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def world(client: TestClient) -> dict[str, Any]:
    li = officer(client)  # public_security decides the entry
    other = officer(client, "wang.fang", "taxation")
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    admin = sign_in(client, *ADMIN)
    owner = create_user(
        client, admin, username="kexin", role="subject", subject_id=company, password="owner-pass-1"
    )
    auditor = create_user(
        client, admin, username="zhao.shen", role="auditor", password="auditor-pass-1"
    )
    entry = client.post(
        "/api/v1/entries",
        json={
            "subject_id": company,
            "list_type": "focus",
            "domain": "telecom_fraud",
            "severity": "general",
            "decision_no": "淮公罚〔2026〕3号",
            "decision_date": day(30),
            "legal_basis": "x",
        },
        headers=li,
    )
    assert entry.status_code == 201, entry.text
    return {
        "li": li,
        "other": other,
        "owner": owner,
        "auditor": auditor,
        "entry": entry.json()["id"],
    }


def file(client: TestClient, headers: dict[str, str], entry: str, **body: Any) -> Any:
    return client.post(
        f"/api/v1/entries/{entry}/objections",
        json={"grounds": "当事人主体认定错误", **body},
        headers=headers,
    )


def test_an_officer_records_an_objection_received_at_the_window(
    client: TestClient, system: Chengxin
) -> None:
    w = world(client)
    filed = file(client, w["li"], w["entry"], channel="window", received_on=day(10))
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert (body["channel"], body["received_on"], body["filed_on"]) == (
        "window",
        day(10),
        TODAY.isoformat(),
    )
    regime = system.reference.regime_on(TODAY - timedelta(days=10))
    expected = add_working_days(
        system.calendar, TODAY - timedelta(days=10), regime.objection_decide_working_days
    )
    assert body["deadline"] == expected.isoformat()  # from receipt, not from recording

    seen = client.get(f"/api/v1/entries/{w['entry']}", headers=w["owner"]).json()
    assert seen["objection"]["channel"] == "window"
    listed = client.get("/api/v1/objections", headers=w["li"]).json()["items"]
    assert [(o["channel"], o["received_on"]) for o in listed] == [("window", day(10))]

    page_sign_in(client, "kexin", "owner-pass-1")
    portal = client.get(f"/portal/entries/{w['entry']}")
    assert portal.status_code == 200
    assert "窗口受理" in portal.text and "由决定部门代为登记" in portal.text


def test_wrong_objections_on_behalf_are_refused_and_write_nothing(
    client: TestClient, system: Chengxin
) -> None:
    w = world(client)
    before = system.store.max_position()
    cases = [
        (w["li"], {}, 422, "channel"),  # an officer names the channel ...
        (w["li"], {"channel": "letter"}, 422, "received_on"),  # ... and the day received
        (w["li"], {"channel": "letter", "received_on": day(-1)}, 422, "received_on"),  # future
        (w["li"], {"channel": "letter", "received_on": day(31)}, 422, "received_on"),  # early
        (w["li"], {"channel": "fax", "received_on": day(1)}, 422, None),
        (w["owner"], {"channel": "window", "received_on": day(1)}, 422, "channel"),
        (w["other"], {"channel": "window", "received_on": day(1)}, 403, None),
        (w["auditor"], {"channel": "window", "received_on": day(1)}, 403, None),
    ]
    for headers, body, status, field in cases:
        answer = file(client, headers, w["entry"], **body)
        assert answer.status_code == status, (body, answer.text)
        if field is not None:
            assert answer.json()["code"] == "validation_error"
            assert answer.json()["errors"][0]["loc"][-1] == field
    assert system.store.max_position() == before
    own = file(client, w["owner"], w["entry"])  # the subject's own stays as it was
    assert (own.status_code, own.json()["channel"]) == (201, "online")
    assert own.json()["received_on"] == TODAY.isoformat()
    again = file(client, w["li"], w["entry"], channel="credit_china", received_on=day(0))
    assert (again.status_code, again.json()["code"]) == (409, "objection_open")


def test_the_workbench_form_records_an_objection_from_a_letter(
    client: TestClient, system: Chengxin
) -> None:
    w = world(client)
    page_sign_in(client, "li.ming", "officer-password")
    page = client.get(f"/workbench/entries/{w['entry']}")
    assert page.status_code == 200 and 'id="on-behalf"' in page.text
    entry = client.get(f"/api/v1/entries/{w['entry']}", headers=w["li"]).json()
    answer = client.post(
        f"/workbench/entries/{w['entry']}/objections",
        data={
            "csrf_token": client.cookies.get("cx_csrf"),
            "version": str(entry["version"]),
            "channel": "letter",
            "received_on": day(3),
            "grounds": "来信称已履行",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    shown = client.get(f"/api/v1/entries/{w['entry']}", headers=w["li"]).json()["objection"]
    assert (shown["channel"], shown["received_on"], shown["grounds"]) == (
        "letter",
        day(3),
        "来信称已履行",
    )

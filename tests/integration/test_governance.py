"""The credit office's governance: statistics, the progress sheet, bulk import and the demo."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from application.accounts import Principal
from application.entries import NewEntry, RecordRectification, RevokeEntry
from demo.city import SEED, SUBJECTS
from demo.loading import load_demo, load_demo_if_empty
from demo.people import residents
from domain.accounts import Role
from domain.base import acting_as
from domain.errors import Conflict
from domain.progress import filing_quarter
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.routers import imports as imports_router
from tests.support import ADMIN, officer, sign_in, valid_uscc

# On PostgreSQL with a replica configured, the public reads and statistics come from the replica.
pytestmark = pytest.mark.replica

HEADER = "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis"
GOOD = (
    "legal_person,{uscc},淮安恒信商贸有限公司,blacklist,telecom_fraud,serious,{no},{day},《条例》"
)
BAD = (
    "natural_person,110105194912310021,张三,blacklist,telecom_fraud,serious,"
    "淮公〔2025〕2号,2025-03-01,《条例》"
)
ADMIN_PRINCIPAL = Principal("admin", Role.ADMIN)
STATS = "/api/v1/stats/governance"


def this_year_day(system: Chengxin) -> date:
    """A decision date early in the current year (so its entry is active all year)."""
    today = system.clock.today()
    return min(today, date(today.year, 1, 2))


def blacklist(system: Chengxin, domain: str, count: int, stem: str) -> list[Any]:
    """`count` companies blacklisted in `domain` this year, through the entry service."""
    made = []
    with acting_as(ADMIN_PRINCIPAL.actor):
        for number in range(count):
            company = system.subjects.register(
                SubjectKind.LEGAL_PERSON, valid_uscc(f"{stem}{number:02d}"), f"淮安第{number}公司"
            )
            new = NewEntry(
                subject_id=company.id,
                list_type=ListType.BLACKLIST,
                domain=domain,
                severity=Severity.SERIOUS,
                decision_no=f"淮决〔{this_year_day(system).year}〕{stem}{number}号",
                decision_date=this_year_day(system),
                legal_basis="《江苏省社会信用条例》",
                repairable=True,
                department="credit_office",
            )
            made.append(system.entries.record(ADMIN_PRINCIPAL, new))
    return made


def a_governed_telecom_domain(system: Chengxin) -> None:
    """Six entries in telecom fraud: one revoked (out of both numbers), four of the other five
    rectified and verified by the deciding department, one rectified without verification."""
    entries = blacklist(system, "telecom_fraud", 6, "913208001234567")
    with acting_as(ADMIN_PRINCIPAL.actor):
        system.entries.revoke(ADMIN_PRINCIPAL, RevokeEntry(entries[0].id, "决定被撤销"))
        for entry in entries[1:]:
            system.entries.record_rectification(
                ADMIN_PRINCIPAL,
                RecordRectification(entry.id, "已整改", system.clock.today(), ["整改报告"]),
            )
        for entry in entries[1:5]:
            system.entries.verify_rectification(ADMIN_PRINCIPAL, entry.id, "经核查属实")
    blacklist(system, "finance", 1, "913208009876543")


def test_statistics_list_every_domain_with_its_rate_against_the_target(
    client: TestClient, system: Chengxin
) -> None:
    a_governed_telecom_domain(system)
    admin = sign_in(client, *ADMIN)
    answer = client.get(STATS, headers=admin)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["target"] == 0.8
    assert len(body["domains"]) == 19
    for domain in body["domains"]:
        if domain["listed"]:
            assert 0 <= domain["rate"] <= 1
            assert domain["meets_target"] == (domain["rate"] >= domain["target"])
        else:
            assert (domain["rate"], domain["meets_target"]) == (None, None)
    by_code = {domain["code"]: domain for domain in body["domains"]}
    telecom = by_code["telecom_fraud"]
    assert (telecom["listed"], telecom["governed"], telecom["rate"]) == (5, 4, 0.8)
    assert telecom["meets_target"] is True
    if system.clock.today() > this_year_day(system) + timedelta(days=14):
        assert telecom["published_timely_share"] == 0.0  # recorded long after the decision
    assert (by_code["finance"]["listed"], by_code["finance"]["meets_target"]) == (1, False)
    assert by_code["charity"]["listed"] == 0
    assert by_code["charity"]["rate"] is None  # nothing listed: no rate at all
    assert (body["met"], body["with_data"]) == (1, 2)


def test_officers_see_the_domains_of_their_department_only(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    answer = client.get(STATS, headers=li)
    assert answer.status_code == 200, answer.text
    seen = {domain["code"] for domain in answer.json()["domains"]}
    expected = {d.code for d in system.reference.domains_of("public_security")}
    assert seen == expected
    assert len(seen) < 19
    refused = client.get(STATS, params={"domain": "finance"}, headers=li)
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden_domain")
    one = client.get(STATS, params={"domain": "telecom_fraud"}, headers=li).json()
    assert [d["code"] for d in one["domains"]] == ["telecom_fraud"]
    admin = sign_in(client, *ADMIN)
    led = client.get(STATS, params={"unit": "civil_affairs"}, headers=admin).json()["domains"]
    assert [d["code"] for d in led] == ["illegal_social_orgs", "charity", "fake_lottery"]
    quarter = client.get(STATS, params={"year": 2025, "quarter": 5}, headers=admin)
    assert quarter.status_code == 422


def csv_upload(text: str, encoding: str = "utf-8") -> dict[str, Any]:
    return {"file": ("rows.csv", text.encode(encoding), "text/csv")}


def good_row(number: int) -> str:
    uscc = valid_uscc(f"91320800MA1MB{number:04d}")
    return GOOD.format(uscc=uscc, no=f"淮公〔2025〕{number}号", day="2025-03-01")


def test_an_import_accepts_good_rows_and_reports_bad_ones(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    text = "\n".join((HEADER, good_row(1), BAD)) + "\n"
    answer = client.post("/api/v1/imports", files=csv_upload(text), headers=li)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["accepted"] == 1
    assert [(r["row"], r["code"]) for r in body["rejected"]] == [(3, "invalid_identifier")]
    assert body["rejected"][0]["message"]
    before = system.store.max_position()
    again = client.post("/api/v1/imports", files=csv_upload(text), headers=li).json()
    assert (again["accepted"], again["unchanged"]) == (0, 1)
    assert system.store.max_position() == before
    found = client.get("/api/v1/entries", params={"domain": "telecom_fraud"}, headers=li)
    assert [item["department"] for item in found.json()["items"]] == ["public_security"]


def xlsx_upload(rows: list[list[Any]]) -> dict[str, Any]:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {"file": ("rows.xlsx", buffer.getvalue(), xlsx)}


def test_an_import_reads_gb18030_bom_and_xlsx_files(client: TestClient) -> None:
    li = officer(client)
    for number, encoding in ((2, "gb18030"), (3, "utf-8-sig")):
        upload = csv_upload(f"{HEADER}\n{good_row(number)}\n", encoding)
        answer = client.post("/api/v1/imports", files=upload, headers=li)
        assert (answer.status_code, answer.json()["accepted"]) == (200, 1), answer.text
    chinese_header = ["主体类型", "统一社会信用代码", "名称", "名单类型", "领域", "严重程度"]
    chinese_header += ["决定文号", "决定日期", "法律依据", "是否可修复"]
    row: list[Any] = ["法人", valid_uscc("91320800MA1MB0004"), "淮安运河物流有限公司"]
    row += [
        "重点关注名单",
        "电信网络诈骗",
        "一般",
        "淮公〔2025〕4号",
        date(2025, 3, 2),
        "《条例》",
        "否",
    ]
    sheet = client.post("/api/v1/imports", files=xlsx_upload([chinese_header, row]), headers=li)
    assert sheet.json() == {"accepted": 1, "unchanged": 0, "rejected": [], "rejected_total": 0}
    names = {
        item["subject_name"] for item in client.get("/api/v1/entries", headers=li).json()["items"]
    }
    assert "淮安运河物流有限公司" in names


def test_an_import_refuses_what_the_api_refuses(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    li = officer(client)
    admin = sign_in(client, *ADMIN)
    text = f"{HEADER}\n{good_row(5)}\n"
    nameless = client.post("/api/v1/imports", files=csv_upload(text), headers=admin)
    assert (nameless.status_code, nameless.json()["code"]) == (422, "validation_error")
    named = client.post(
        "/api/v1/imports", files=csv_upload(text), data={"department": "court"}, headers=admin
    )
    assert named.json()["accepted"] == 1, named.text
    foreign = good_row(6).replace("telecom_fraud", "poverty_relief")
    refused = client.post("/api/v1/imports", files=csv_upload(f"{HEADER}\n{foreign}\n"), headers=li)
    assert [r["code"] for r in refused.json()["rejected"]] == ["forbidden_domain"]
    headless = client.post("/api/v1/imports", files=csv_upload("kind,name\n"), headers=li)
    assert headless.status_code == 422
    monkeypatch.setattr(imports_router, "MAX_BYTES", 10)
    too_big = client.post("/api/v1/imports", files=csv_upload(text), headers=li)
    assert (too_big.status_code, too_big.json()["code"]) == (413, "payload_too_large")


class MidnightDuringTheLoad:
    """Midnight in China is 16:00 UTC: a demo loaded then reads one day, then the next."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        day, self.day = self.day, self.day + timedelta(days=1)
        return day


def test_the_demo_city_loads_into_an_empty_database_once(
    client: TestClient, system: Chengxin
) -> None:
    assert load_demo_if_empty(system) is None  # CHENGXIN_DEMO is off here
    printed: list[str] = []
    clock = system.clock
    today = clock.today()
    system.clock = MidnightDuringTheLoad(today)
    try:
        summary = load_demo(system, printed.append)
    finally:
        system.clock = clock
    assert summary.subjects == SUBJECTS
    assert summary.as_of == today  # the day it began, though midnight passed during the load
    city = residents(random.Random(SEED), today, SUBJECTS)
    assert all(system.subjects.find(r.identifier) for r in city[:20])
    for account in summary.accounts:
        assert account.password in printed[0]
        sign_in(client, account.username, account.password)
    assert {a.role for a in summary.accounts} >= {Role.OFFICER, Role.AUDITOR, Role.SUBJECT}
    records = system.worklists
    regimes = set()
    for domain in system.reference.domains:
        rows = records.list_entries(EntryFilter(domain=domain.code), None, 500)
        assert rows, f"no demo entries in {domain.code}"
        regimes.update(row["regime"] for row in rows)
    assert len(regimes) >= 3
    stats = client.get(STATS, headers=sign_in(client, *ADMIN)).json()
    assert sum(d["listed"] for d in stats["domains"]) > 0
    assert {d["meets_target"] for d in stats["domains"]} == {True, False}
    for county in ("320812", "320826"):  # 清江浦区 and 涟水县 decide records of their own
        figures = client.get(STATS, params={"county": county}, headers=sign_in(client, *ADMIN))
        assert (
            0
            < sum(d["listings"] for d in figures.json()["domains"])
            < sum(d["listings"] for d in stats["domains"])
        )
    objections = records.list_objections(None, None, None, None, None, 500)
    assert {row["status"] for row in objections} >= {"open", "upheld", "rejected"}
    repairs = {row["status"] for row in records.list_repairs(None, None, None, None, None, 500)}
    assert repairs >= {"filed", "accepted", "rejected", "approved", "denied", "withdrawn"}
    assert summary.expired > 0
    quarter = filing_quarter(today)
    if quarter is not None:
        filed = {f.unit: f.status for f in system.progress.filings(ADMIN_PRINCIPAL, quarter)}
        assert (filed["public_security"], filed["taxation"], filed["civil_affairs"]) == (
            "submitted",
            "draft",
            "none",
        )
    assert client.get("/api/v1/public/entries").json()["items"]
    assert client.get("/api/v1/public/licences").json()["items"]
    shown = client.get("/api/v1/public/commitments", params={"limit": 100}).json()["items"]
    assert {c["status"] for c in shown} == {"in_force", "fulfilled", "broken"}
    with pytest.raises(Conflict):
        load_demo(system, printed.append)

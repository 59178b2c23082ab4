"""Issue 22 item 4 over HTTP: a CSV in mixed or unknown encodings is refused naming the first
bad row, and an upheld objection's correction meets the rules a record meets when it is made.
Each refusal writes nothing. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from application.entries import NewEntry
from application.objections import FileObjection
from domain.accounts import Role
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from tests.support import COMPANY_USCC, sign_in, valid_uscc

HEADER = "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis\n"
LI_MING = ("li.ming", "officer-password")
KEXIN = ("kexin", "company-password")


def row(number: int, name: str = "正常运营有限公司") -> str:
    uscc = valid_uscc(f"91320800MA1MC{number:04d}")
    return (
        f"legal_person,{uscc},{name},penalty,telecom_fraud,general,"
        f"淮公罚〔2025〕{number}号,2025-03-01,《反电信网络诈骗法》\n"
    )


@pytest.fixture
def li_ming(system: Chengxin, client: TestClient) -> dict[str, str]:
    system.accounts.register(*LI_MING, Role.OFFICER, "public_security")
    return sign_in(client, *LI_MING)


def upload(client: TestClient, headers: dict[str, str], data: bytes) -> Any:
    files = {"file": ("rows.csv", data, "text/csv")}
    return client.post("/api/v1/imports", files=files, headers=headers)


@pytest.mark.parametrize(
    ("data", "bad_row"),
    [
        ((HEADER + row(1)).encode() + row(2).encode("gb18030"), 3),
        ((HEADER + row(1)).encode("gb18030") + row(2).encode(), 3),
        (b"\xef\xbb\xbf" + HEADER.encode() + row(1).encode("gb18030"), 2),
        (HEADER.encode() + row(1).encode() + b"legal_person,\xff\xfe\xff,x\n", 3),
    ],
    ids=["utf8-then-gb18030", "gb18030-then-utf8", "bom-then-gb18030", "neither"],
)
def test_a_csv_not_in_one_encoding_is_refused_naming_the_first_bad_row(
    client: TestClient, system: Chengxin, li_ming: dict[str, str], data: bytes, bad_row: int
) -> None:
    before = system.app.recorder.max_notification_id()
    answer = upload(client, li_ming, data)
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert (problem["code"], problem["row"]) == ("invalid_encoding", bad_row)
    assert f"row {bad_row}" in problem["detail"]
    assert system.app.recorder.max_notification_id() == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_in_one_encoding_keeps_its_chinese(
    client: TestClient, system: Chengxin, li_ming: dict[str, str], encoding: str
) -> None:
    answer = upload(client, li_ming, (HEADER + row(1) + row(2)).encode(encoding))
    assert (answer.status_code, answer.json()["accepted"]) == (200, 2), answer.text
    found = system.subjects.find(valid_uscc("91320800MA1MC0002"))
    assert found is not None and found.name == "正常运营有限公司"


@pytest.fixture
def objected(system: Chengxin, li_ming: dict[str, str]) -> dict[str, Any]:
    """A company's blacklisting by Li Ming, objected to by the company."""
    officer = system.accounts.principal(LI_MING[0])
    assert officer is not None
    company = system.subjects.register(
        SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某科技有限公司"
    )
    system.accounts.register(*KEXIN, Role.SUBJECT, subject_id=company.id)
    owner = system.accounts.principal(KEXIN[0])
    assert owner is not None
    entry = system.entries.record(officer, blacklisting(company.id, system))
    _, objection = system.objections.file(owner, FileObjection(entry.id, "名称登记有误"))
    return {"entry": entry.id, "objection": objection.id}


def blacklisting(subject_id: UUID, system: Chengxin) -> NewEntry:
    return NewEntry(
        subject_id=subject_id,
        list_type=ListType.FOCUS,
        domain="telecom_fraud",
        severity=Severity.GENERAL,
        decision_no="淮公罚〔2026〕7号",
        decision_date=system.clock.today() - timedelta(days=10),
        legal_basis="《反电信网络诈骗法》",
        repairable=True,
        department="public_security",
    )


def resolve(client: TestClient, headers: dict[str, str], ids: dict[str, Any], fix: Any) -> Any:
    path = f"/api/v1/entries/{ids['entry']}/objections/{ids['objection']}/resolution"
    body = {"outcome": "upheld", "reason": "核实有误", "correction": fix}
    return client.post(path, json=body, headers=headers)


@pytest.mark.parametrize(
    ("fix", "field"),
    [
        ({"subject_name": ""}, "correction.subject_name"),
        ({"subject_name": "   "}, "correction.subject_name"),
        ({"subject_name": "某" * 500}, "correction.subject_name"),
        ({"decision_no": ""}, "correction.decision_no"),
        ({"severity": "catastrophic"}, "correction.severity"),
        ({"identifier": COMPANY_USCC}, "correction"),
    ],
)
def test_a_correction_that_breaks_a_field_rule_is_refused_and_writes_nothing(
    client: TestClient,
    system: Chengxin,
    li_ming: dict[str, str],
    objected: dict[str, Any],
    fix: dict[str, str],
    field: str,
) -> None:
    before = system.app.recorder.max_notification_id()
    answer = resolve(client, li_ming, objected, fix)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "validation_error"
    assert answer.json()["errors"][0]["loc"] == ["body", field]
    assert system.app.recorder.max_notification_id() == before
    entry = system.entries.get(objected["entry"])
    assert entry.subject_name == "淮安某某科技有限公司"
    assert entry.open_objection is not None


def test_a_correct_name_is_recorded_cleaned_as_at_registration(
    client: TestClient, system: Chengxin, li_ming: dict[str, str], objected: dict[str, Any]
) -> None:
    answer = resolve(client, li_ming, objected, {"subject_name": "  淮安某某  信息科技有限公司 "})
    assert answer.status_code == 200, answer.text
    entry = system.entries.get(objected["entry"])
    assert entry.subject_name == "淮安某某 信息科技有限公司"


def test_the_name_may_be_as_long_as_at_registration_and_no_longer(
    client: TestClient, system: Chengxin, li_ming: dict[str, str], objected: dict[str, Any]
) -> None:
    assert resolve(client, li_ming, objected, {"subject_name": "某" * 201}).status_code == 422
    assert resolve(client, li_ming, objected, {"subject_name": "某" * 200}).status_code == 200

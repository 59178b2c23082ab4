"""Issue 4 through HTTP: objections, revocation, credit repair and expiry."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from domain.entry_values import EntryStatus
from infrastructure.bootstrap import Chengxin
from tests.support import (
    ADMIN,
    COMPANY_2_USCC,
    COMPANY_USCC,
    TODAY,
    create_user,
    officer,
    register_subject,
    sign_in,
)


def post(client: TestClient, path: str, headers: dict[str, str], **body: Any) -> Any:
    return client.post(path, json=body, headers=headers)


def record(
    client: TestClient, li: dict[str, str], subject: str, days_ago: int, **extra: Any
) -> str:
    body = {
        "subject_id": subject,
        "list_type": "focus",
        "domain": "telecom_fraud",
        "severity": "general",
        "decision_no": f"淮公〔{days_ago}〕号",
        "legal_basis": "x",
        "decision_date": (TODAY - timedelta(days=days_ago)).isoformat(),
        **extra,
    }
    answer = client.post("/api/v1/entries", json=body, headers=li)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


@pytest.fixture
def world(client: TestClient) -> dict[str, Any]:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    other = register_subject(client, li, "legal_person", COMPANY_2_USCC, "淮安另一家公司")
    admin = sign_in(client, *ADMIN)
    owner = create_user(
        client,
        admin,
        username="company.owner",
        role="subject",
        subject_id=company,
        password="owner-password",
    )
    return {"li": li, "company": company, "other": other, "owner": owner}


def test_an_objection_annotates_a_second_is_refused_and_rejection_clears_it(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 10)
    filed = post(client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="处罚对象错误")
    assert filed.status_code == 201, filed.text
    assert filed.json()["status"] == "open" and filed.json()["deadline"] > TODAY.isoformat()
    entry = client.get(f"/api/v1/entries/{entry_id}", headers=owner).json()
    assert entry["objection"]["status"] == "open"
    second = post(client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="再次")
    assert (second.status_code, second.json()["code"]) == (409, "objection_open")
    resolved = post(
        client,
        f"/api/v1/entries/{entry_id}/objections/{filed.json()['id']}/resolution",
        li,
        outcome="rejected",
        reason="证据确凿",
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["objection"] is None
    assert resolved.json()["status"] == "published"


def test_an_upheld_objection_with_revocation_withdraws_the_entry(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 10)
    objection = post(
        client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="认定错误"
    ).json()
    upheld = post(
        client,
        f"/api/v1/entries/{entry_id}/objections/{objection['id']}/resolution",
        li,
        outcome="upheld",
        reason="复核认定有误",
        correction={"legal_basis": "更正后的依据"},
        revoke=True,
    )
    assert upheld.status_code == 200, upheld.text
    assert upheld.json()["status"] == "revoked"
    assert upheld.json()["legal_basis"] == "更正后的依据"


def test_a_subject_cannot_see_or_object_to_another_subjects_entry(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry_id = record(client, world["li"], world["other"], 10)
    owner = world["owner"]
    assert client.get(f"/api/v1/entries/{entry_id}", headers=owner).status_code == 404
    answer = post(client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="不是我的")
    assert answer.status_code == 404  # as if it did not exist: tests/integration/test_no_oracle.py


def test_a_repair_too_early_is_refused_with_the_earliest_date(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry_id = record(client, world["li"], world["company"], 5)
    answer = post(
        client,
        "/api/v1/repairs",
        world["owner"],
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["罚款缴纳凭证"],
    )
    assert answer.status_code == 422
    body = answer.json()
    assert (body["code"], body["reason"]) == ("repair_not_eligible", "min_period_not_elapsed")
    earliest = date.fromisoformat(body["earliest_date"])
    assert timedelta(days=85) <= earliest - (TODAY - timedelta(days=5)) <= timedelta(days=93)


def test_without_the_commitment_letter_nothing_is_filed(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry_id = record(client, world["li"], world["company"], 200)
    answer = post(
        client,
        "/api/v1/repairs",
        world["owner"],
        entry_id=entry_id,
        commitment_signed=False,
        obligations_evidence=["凭证"],
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "commitment_required")


def test_a_repair_filed_after_the_minimum_period_is_approved_and_the_entry_repaired(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 200)
    post(client, f"/api/v1/entries/{entry_id}/measures", li, measure_code="strict_licence_review")
    post(
        client,
        f"/api/v1/entries/{entry_id}/rectification",
        owner,
        description="已缴清罚款",
        performed_on=(TODAY - timedelta(days=30)).isoformat(),
        evidence=["缴款凭证 2026-001"],
    )
    filed = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["缴款凭证 2026-001"],
    )
    assert filed.status_code == 201, filed.text
    repair = filed.json()
    assert repair["status"] == "filed" and repair["feedback_deadline"] > TODAY.isoformat()
    again = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["x"],
    )
    assert (again.status_code, again.json()["code"]) == (409, "repair_open")
    accepted = post(client, f"/api/v1/repairs/{repair['id']}/acceptance", li, accepted=True)
    assert accepted.json()["status"] == "accepted" and accepted.json()["decision_deadline"]
    approved = post(
        client, f"/api/v1/repairs/{repair['id']}/decision", li, approved=True, reason="已履行义务"
    )
    assert approved.status_code == 200, approved.text
    entry = client.get(f"/api/v1/entries/{entry_id}", headers=li).json()
    assert entry["status"] == "repaired"
    assert all(m["lifted_on"] for m in entry["measures"])
    check = client.get(
        "/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=li
    ).json()
    assert check["entries"] == [] and check["sanctions"] == []
    listed = client.get("/api/v1/repairs", params={"status": "approved"}, headers=li).json()
    assert [r["id"] for r in listed["items"]] == [repair["id"]]


def test_a_denial_keeps_the_entry_published_and_gives_reasons(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 200)
    repair = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    ).json()
    post(client, f"/api/v1/repairs/{repair['id']}/acceptance", li, accepted=True)
    denied = post(
        client,
        f"/api/v1/repairs/{repair['id']}/decision",
        li,
        approved=False,
        reason="材料虚假",
        false_materials=True,
    )
    assert denied.json()["status"] == "denied" and denied.json()["reasons"] == ["材料虚假"]
    assert client.get(f"/api/v1/entries/{entry_id}", headers=li).json()["status"] == "published"
    barred = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["新凭证"],
    )
    assert barred.json()["reason"] == "barred" and barred.json()["earliest_date"]


def test_an_unrepairable_entry_is_refused(client: TestClient, world: dict[str, Any]) -> None:
    entry_id = record(
        client,
        world["li"],
        world["company"],
        200,
        repairable=False,
        not_repairable_reason="涉及重大公共利益",
    )
    answer = post(
        client,
        "/api/v1/repairs",
        world["owner"],
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    )
    assert (answer.json()["code"], answer.json()["reason"]) == (
        "repair_not_eligible",
        "not_repairable",
    )


def test_withdrawal_closes_the_application(client: TestClient, world: dict[str, Any]) -> None:
    entry_id = record(client, world["li"], world["company"], 200)
    repair = post(
        client,
        "/api/v1/repairs",
        world["owner"],
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    ).json()
    withdrawn = post(client, f"/api/v1/repairs/{repair['id']}/withdrawal", world["owner"])
    assert withdrawn.json()["status"] == "withdrawn"
    refiled = post(
        client,
        "/api/v1/repairs",
        world["owner"],
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    )
    assert refiled.status_code == 201


def test_an_entry_decided_400_days_ago_is_never_active_and_the_sweep_records_its_expiry(
    client: TestClient, world: dict[str, Any], system: Chengxin
) -> None:
    li = world["li"]
    entry_id = record(client, li, world["company"], 400)
    assert client.get(f"/api/v1/entries/{entry_id}", headers=li).json()["status"] == "expired"
    expired = client.get("/api/v1/entries", params={"status": "expired"}, headers=li).json()
    assert [e["id"] for e in expired["items"]] == [entry_id]
    admin = sign_in(client, *ADMIN)
    assert post(client, "/api/v1/admin/sweep", admin).json() == {"expired": 1}
    assert post(client, "/api/v1/admin/sweep", admin).json() == {"expired": 0}
    entry = client.get(f"/api/v1/entries/{entry_id}", headers=li).json()
    assert entry["recorded_status"] == "expired"
    check = client.get(
        "/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=li
    ).json()
    assert check["entries"] == []


def test_a_failure_in_the_middle_of_an_approval_changes_nothing(
    client: TestClient, world: dict[str, Any], system: Chengxin, monkeypatch: pytest.MonkeyPatch
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 200)
    repair = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    ).json()
    post(client, f"/api/v1/repairs/{repair['id']}/acceptance", li, accepted=True)
    before = system.store.max_position()

    def broken_projection(*_: Any) -> None:
        raise RuntimeError("the disk filled up half-way")

    monkeypatch.setattr(system.projector, "apply_live", broken_projection)
    answer = post(
        client, f"/api/v1/repairs/{repair['id']}/decision", li, approved=True, reason="ok"
    )
    assert answer.status_code == 500
    monkeypatch.undo()
    assert system.store.max_position() == before
    assert client.get(f"/api/v1/repairs/{repair['id']}", headers=li).json()["status"] == "accepted"
    entry = system.entries.get(UUID(entry_id))
    assert entry.status is EntryStatus.PUBLISHED
    assert entry.open_repair_id == UUID(repair["id"])


def test_an_objection_is_extended_once_and_overdue_work_is_listed(
    client: TestClient, world: dict[str, Any], system: Chengxin, monkeypatch: pytest.MonkeyPatch
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 200)
    objection = post(client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="有误").json()
    path = f"/api/v1/entries/{entry_id}/objections/{objection['id']}/extension"
    extended = post(client, path, li, reason="需要其他单位核实")
    assert extended.status_code == 200, extended.text
    assert extended.json()["objection"]["deadline"] > objection["deadline"]
    again = post(client, path, li, reason="再延")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")
    repair = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    ).json()

    later = date.fromisoformat(extended.json()["objection"]["deadline"]) + timedelta(days=1)
    monkeypatch.setattr(system.clock, "today", lambda: later)
    overdue_objections = client.get(
        "/api/v1/objections", params={"overdue": True}, headers=li
    ).json()
    assert [o["objection_id"] for o in overdue_objections["items"]] == [objection["id"]]
    listed = client.get(f"/api/v1/entries/{entry_id}/objections", headers=owner).json()["items"]
    assert listed[0]["overdue"] is True
    overdue_repairs = client.get("/api/v1/repairs", params={"overdue": True}, headers=li).json()
    assert [r["id"] for r in overdue_repairs["items"]] == [repair["id"]]
    assert client.get("/api/v1/repairs", params={"overdue": True}, headers=owner).status_code == 403


def test_revoking_an_entry_lapses_its_open_repair_application(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 200)
    repair = post(
        client,
        "/api/v1/repairs",
        owner,
        entry_id=entry_id,
        commitment_signed=True,
        obligations_evidence=["凭证"],
    ).json()
    revoked = post(client, f"/api/v1/entries/{entry_id}/revocation", li, reason="原处罚决定被撤销")
    assert revoked.json()["status"] == "revoked"
    lapsed = client.get(f"/api/v1/repairs/{repair['id']}", headers=owner).json()
    assert lapsed["status"] == "rejected"
    assert "撤销" in lapsed["reasons"][0]


def test_a_correction_with_an_unknown_severity_is_refused_and_writes_nothing(
    client: TestClient, world: dict[str, Any], system: Chengxin
) -> None:
    li, owner = world["li"], world["owner"]
    entry_id = record(client, li, world["company"], 10)
    objection = post(client, f"/api/v1/entries/{entry_id}/objections", owner, grounds="有误").json()
    before = system.store.max_position()
    answer = post(
        client,
        f"/api/v1/entries/{entry_id}/objections/{objection['id']}/resolution",
        li,
        outcome="upheld",
        reason="更正",
        correction={"severity": "catastrophic"},
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "validation_error")
    assert system.store.max_position() == before

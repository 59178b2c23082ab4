"""Issue 21 F2 as measured: an officer of a participating department (public_security) decided a
blacklisting on a case opened by taxation (200). Now every action on another department's case,
entry, objection or repair is 403 `forbidden` and writes nothing, in the API and in the pages;
the participating department still reads the case and opens its own in the domain."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from tests.support import ADMIN, COMPANY_USCC, create_user, officer, register_subject, sign_in

DOMAIN = "tax_fraud"  # led by taxation; public_security is a participating unit
PASSWORD = "Grand-Canal-1415"


@pytest.fixture
def f2(client: TestClient, system: Chengxin) -> dict[str, Any]:
    """Taxation's case, notice served and the subject heard: ready for a decision."""
    tax = officer(client, "wang.shui", "taxation")
    police = officer(client, "li.ming", "public_security")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    case = client.post(
        "/api/v1/cases",
        json={"subject_id": company, "domain": DOMAIN, "summary": "虚开增值税专用发票"},
        headers=tax,
    ).json()["id"]
    today = system.clock.today().isoformat()
    served = {"proposed": "blacklist", "served_on": today}
    assert client.post(f"/api/v1/cases/{case}/notice", json=served, headers=tax).status_code == 200
    heard = {"text": "无异议", "received_on": today}
    assert (
        client.post(f"/api/v1/cases/{case}/statements", json=heard, headers=tax).status_code == 200
    )
    return {"tax": tax, "police": police, "case": case, "company": company, "today": today}


def blacklisting(today: str) -> dict[str, Any]:
    return {
        "outcome": "listing",
        "list_type": "blacklist",
        "severity": "serious",
        "decision_no": "淮税稽罚〔2026〕7号",
        "decision_date": today,
        "legal_basis": "《税收征收管理法》第六十三条",
    }


def assert_forbidden(answer: Any) -> None:
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "forbidden"


def test_a_participating_officer_cannot_decide_another_departments_case(
    client: TestClient, system: Chengxin, f2: dict[str, Any]
) -> None:
    case, police, today = f2["case"], f2["police"], f2["today"]
    before = system.store.max_position()
    for step, body in (
        ("decision", blacklisting(today)),
        ("evidence", {"description": "另一份证据"}),
        ("notice", {"proposed": "blacklist", "served_on": today}),
        ("statements", {"text": "代为记录", "received_on": today}),
        ("closure", None),
    ):
        assert_forbidden(client.post(f"/api/v1/cases/{case}/{step}", json=body, headers=police))
    assert system.store.max_position() == before
    seen = client.get(f"/api/v1/cases/{case}", headers=police)
    assert seen.status_code == 200 and seen.json()["decision"] is None  # reading stays open
    own = client.post(
        "/api/v1/cases",
        json={"subject_id": f2["company"], "domain": DOMAIN, "summary": "协查发现"},
        headers=police,
    )
    assert own.status_code == 201 and own.json()["department"] == "public_security"
    decided = client.post(
        f"/api/v1/cases/{case}/decision", json=blacklisting(today), headers=f2["tax"]
    )
    assert decided.status_code == 200, decided.text


def test_another_departments_entry_objection_and_repair_are_out_of_reach(
    client: TestClient, system: Chengxin, f2: dict[str, Any]
) -> None:
    tax, police = f2["tax"], f2["police"]
    entry = client.post(
        f"/api/v1/cases/{f2['case']}/decision", json=blacklisting(f2["today"]), headers=tax
    ).json()["entry_id"]
    admin = sign_in(client, *ADMIN)
    owner = create_user(
        client, admin, username="kexin", role="subject", subject_id=f2["company"], password=PASSWORD
    )
    objection = client.post(
        f"/api/v1/entries/{entry}/objections", json={"grounds": "认定错误"}, headers=owner
    ).json()["id"]
    before = system.store.max_position()
    for path, body in (
        (f"/api/v1/entries/{entry}/measures", {"measure_code": "restrict_bidding"}),
        (
            f"/api/v1/entries/{entry}/rectification",
            {"description": "x", "performed_on": f2["today"]},
        ),
        (f"/api/v1/entries/{entry}/revocation", {"reason": "撤销"}),
        (f"/api/v1/entries/{entry}/objections/{objection}/extension", {"reason": "复杂"}),
        (
            f"/api/v1/entries/{entry}/objections/{objection}/resolution",
            {"outcome": "upheld", "reason": "x", "revoke": True},
        ),
        (
            "/api/v1/repairs",
            {"entry_id": entry, "commitment_signed": True, "obligations_evidence": ["x"]},
        ),
    ):
        assert_forbidden(client.post(path, json=body, headers=police))
    assert system.store.max_position() == before


def page_session(client: TestClient, username: str) -> str:
    client.cookies.clear()
    client.get("/signin")
    signed = client.post(
        "/signin",
        data={
            "username": username,
            "password": "officer-password",
            "csrf_token": client.cookies["cx_csrf"],
        },
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text
    return client.cookies["cx_csrf"]


def test_the_workbench_forms_refuse_the_participating_officer_too(
    client: TestClient, system: Chengxin, f2: dict[str, Any]
) -> None:
    token = page_session(client, "li.ming")
    case, today = f2["case"], f2["today"]
    page = client.get(f"/workbench/cases/{case}")
    assert page.status_code == 200 and "由认定部门“市税务局”办理" in page.text
    assert f'action="/workbench/cases/{case}/' not in page.text  # it reads, it shows no form
    before = system.store.max_position()
    for step, fields in (
        ("decision", {**blacklisting(today), "repairable": "on"}),
        ("evidence", {"description": "另一份证据"}),
        ("notice", {"proposed": "blacklist", "served_on": today}),
        ("statements", {"text": "代为记录", "received_on": today}),
        ("closure", {}),
    ):
        answer = client.post(
            f"/workbench/cases/{case}/{step}", data={**fields, "csrf_token": token}
        )
        assert answer.status_code == 403, (step, answer.text[-400:])
        assert "您无权进行此操作" in answer.text, step
    assert system.store.max_position() == before

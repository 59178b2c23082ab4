"""One world for the authorisation matrix, built once per backend through the API: a case,
two entries (one under objection, one under repair) of taxation, and an account of each role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import UUID

from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from tests.support import (
    ADMIN,
    COMPANY_2_USCC,
    COMPANY_USCC,
    create_user,
    register_subject,
    sign_in,
)

ROLES = (
    "anonymous",
    "admin",
    "officer",  # of taxation, the department that opened the case and decided the entries
    "other_officer",  # of public_security, a participating unit of the same domain
    "subject",  # the subject of the records
    "other_subject",
    "auditor",
)
PASSWORD = "Grand-Canal-1415"
DOMAIN = "tax_fraud"  # led by taxation; public_security takes part


@dataclass
class World:
    client: TestClient
    system: Chengxin
    headers: dict[str, dict[str, str]]
    ids: dict[str, str] = field(default_factory=dict)
    credentials: dict[str, tuple[str, str]] = field(default_factory=dict)


def record(client: TestClient, officer: dict[str, str], subject: str, days_ago: int) -> str:
    decided = client.app.state.system.clock.today() - timedelta(days=days_ago)  # type: ignore[attr-defined]
    answer = client.post(
        "/api/v1/entries",
        json={
            "subject_id": subject,
            "list_type": "focus",
            "domain": DOMAIN,
            "severity": "general",
            "decision_no": f"淮税〔{days_ago}〕号",
            "legal_basis": "《税收征收管理法》第六十三条",
            "decision_date": decided.isoformat(),
        },
        headers=officer,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def accounts(client: TestClient) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, str]]]:
    admin = sign_in(client, *ADMIN)
    headers = {"anonymous": {}, "admin": admin}
    credentials = {"admin": ADMIN}
    staff = {
        "officer": {"role": "officer", "department": "taxation"},
        "other_officer": {"role": "officer", "department": "public_security"},
        "auditor": {"role": "auditor"},
    }
    for role, fields in staff.items():
        username = role.replace("_", ".")
        headers[role] = create_user(client, admin, username=username, password=PASSWORD, **fields)
        credentials[role] = (username, PASSWORD)
    create_user(client, admin, username="spare.account", password=PASSWORD, role="auditor")
    return headers, credentials


def registers(client: TestClient, officer: dict[str, str], subject: str) -> dict[str, str]:
    """A licence and two commitments of the subject, taken by the officer's department."""
    today = client.app.state.system.clock.today().isoformat()  # type: ignore[attr-defined]
    licence = client.post(
        "/api/v1/licences",
        json={
            "subject_id": subject,
            "licence_no": "淮税许〔1〕号",
            "kind": "普通",
            "content": "发票领用",
            "decision_date": today,
            "valid_from": today,
        },
        headers=officer,
    )
    assert licence.status_code == 201, licence.text
    ids = {"licence_id": str(licence.json()["id"])}
    for key in ("commitment_id", "breach_commitment_id"):
        made = client.post(
            "/api/v1/commitments",
            json={"subject_id": subject, "matter": key, "text": "依法纳税", "signed_on": today},
            headers=officer,
        )
        assert made.status_code == 201, made.text
        ids[key] = str(made.json()["id"])
    return ids


def build_world(client: TestClient, system: Chengxin) -> World:
    headers, credentials = accounts(client)
    tax = headers["officer"]
    mine = register_subject(client, tax, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    other = register_subject(client, tax, "legal_person", COMPANY_2_USCC, "淮安另一家公司")
    admin = headers["admin"]
    for role, subject in (("subject", mine), ("other_subject", other)):
        username = role.replace("_", ".") + ".account"
        headers[role] = create_user(
            client, admin, username=username, password=PASSWORD, role="subject", subject_id=subject
        )
        credentials[role] = (username, PASSWORD)
    case = client.post(
        "/api/v1/cases",
        json={"subject_id": mine, "domain": DOMAIN, "summary": "虚开增值税专用发票"},
        headers=tax,
    )
    assert case.status_code == 201, case.text
    objected, repaired = record(client, tax, mine, 10), record(client, tax, mine, 200)
    upload = client.post(
        "/api/v1/files",
        files={"file": ("完税凭证.pdf", b"%PDF-1.7\n%matrix\n", "application/pdf")},
        headers=headers["subject"],
    )
    assert upload.status_code == 201, upload.text
    objection = client.post(
        f"/api/v1/entries/{objected}/objections",
        json={"grounds": "认定错误"},
        headers=headers["subject"],
    )
    assert objection.status_code == 201, objection.text
    repair = client.post(
        "/api/v1/repairs",
        json={
            "entry_id": repaired,
            "commitment_signed": True,
            "obligations_evidence": ["完税凭证"],
            "evidence_files": [upload.json()["sha256"]],
        },
        headers=headers["subject"],
    )
    assert repair.status_code == 201, repair.text
    ids = {
        **registers(client, tax, mine),
        "subject_id": mine,
        "case_id": case.json()["id"],
        "entry_id": objected,
        "objection_id": objection.json()["id"],
        "repair_id": repair.json()["id"],
        "repair_entry_id": repaired,
        "sha256": upload.json()["sha256"],
        "public_entry_id": str(system.public.public_id(UUID(repaired))),  # the site's own id
        "username": "spare.account",
        "unit": "taxation",
        "year": str(system.clock.today().year),
        "domain": DOMAIN,
    }
    return World(client, system, headers, ids, credentials)


def body_of(world: World, role: str, template: Any) -> Any:
    """A request body: fixed, or made for the role and the world by a function."""
    return template(world, role) if callable(template) else template

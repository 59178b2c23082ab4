"""双公示 complete: licences and credit commitments are recorded by officers, published within
the regime's working days, looked up and masked as the entries are, exported and fed to
followers; a broken commitment opens a case of the department that took it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from fastapi.testclient import TestClient

from domain.calendar import add_working_days
from infrastructure.bootstrap import Chengxin
from tests.support import (
    ADMIN,
    COMPANY_USCC,
    ZHANG_SAN_ID,
    create_user,
    officer,
    page_sign_in,
    register_subject,
    sign_in,
)
from tests.view_support import view_rows

COMPANY = "淮安市清河建材有限公司"
ZHANG_SAN = "张三丰"


def licence_body(
    subject_id: str, decided: str, number: str = "淮审批许〔2026〕18号"
) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "licence_no": number,
        "kind": "普通",
        "content": "建筑材料生产许可",
        "decision_date": decided,
        "valid_from": decided,
    }


def commitment_body(subject_id: str, signed: str) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "matter": "纳税信用承诺",
        "text": "本单位承诺依法按时足额纳税，如有违反，愿承担相应责任。",
        "signed_on": signed,
    }


def public(client: TestClient, kind: str, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(f"/api/v1/public/{kind}", params=params)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def feed(client: TestClient) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/public/changes", params={"limit": 500})
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def exported(client: TestClient, kind: str) -> list[dict[str, str]]:
    answer = client.get("/api/v1/public/export", params={"format": "csv", "kind": kind})
    assert answer.status_code == 200, answer.text
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_a_licence_is_published_within_seven_working_days_exported_and_fed(
    client: TestClient, system: Chengxin
) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    company = register_subject(client, approval, "legal_person", COMPANY_USCC, COMPANY)
    decided = system.clock.today() - timedelta(days=2)

    answer = client.post(
        "/api/v1/licences", json=licence_body(company, decided.isoformat()), headers=approval
    )

    assert answer.status_code == 201, answer.text
    assert set(answer.json()) >= {"id", "version"}
    licence = client.get(f"/api/v1/licences/{answer.json()['id']}", headers=approval).json()
    assert licence["publish_deadline"] == add_working_days(system.calendar, decided, 7).isoformat()
    assert licence["published_at"] == system.clock.today().isoformat()
    assert licence["published_late"] is False
    assert licence["department"] == "administrative_approval"
    [shown] = public(client, "licences", q="清河建材")
    assert shown["licence_no"] == "淮审批许〔2026〕18号"
    assert shown["subject_name"] == COMPANY and shown["identifier"] == COMPANY_USCC
    assert public(client, "licences", identifier=COMPANY_USCC) == [shown]
    assert [row["licence_no"] for row in exported(client, "licences")] == ["淮审批许〔2026〕18号"]
    assert all(row.get("licence_no") is None for row in exported(client, "entries"))
    [change] = [c for c in feed(client) if c["kind"] == "licence"]
    assert change["change"] == "published"
    # shown under a keyed id, never the record's own, which derives from what it records
    public_id = system.public.public_id(UUID(licence["id"]))
    assert shown["licence_id"] == str(public_id) != licence["id"]
    assert change["entry_id"] == str(public_id) == change["record"]["licence_id"]


def test_a_licence_recorded_past_the_deadline_is_marked_late_and_one_number_is_recorded_once(
    client: TestClient, system: Chengxin
) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    company = register_subject(client, approval, "legal_person", COMPANY_USCC, COMPANY)
    decided = (system.clock.today() - timedelta(days=40)).isoformat()

    first = client.post("/api/v1/licences", json=licence_body(company, decided), headers=approval)
    again = client.post("/api/v1/licences", json=licence_body(company, decided), headers=approval)

    assert first.json()["published_late"] is True
    assert again.status_code == 409 and again.json()["code"] == "duplicate_licence"


def test_an_ended_licence_leaves_the_public_site(client: TestClient, system: Chengxin) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    company = register_subject(client, approval, "legal_person", COMPANY_USCC, COMPANY)
    today = system.clock.today()
    body = {
        **licence_body(company, (today - timedelta(days=400)).isoformat()),
        "valid_to": (today - timedelta(days=30)).isoformat(),
    }

    assert client.post("/api/v1/licences", json=body, headers=approval).status_code == 201
    assert public(client, "licences", q="清河建材") == []


def test_a_natural_persons_licence_is_masked_and_found_only_by_name_and_identifier(
    client: TestClient, system: Chengxin
) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    person = register_subject(client, approval, "natural_person", ZHANG_SAN_ID, ZHANG_SAN)
    decided = system.clock.today().isoformat()
    answer = client.post("/api/v1/licences", json=licence_body(person, decided), headers=approval)
    assert answer.status_code == 201, answer.text

    assert public(client, "licences", identifier=ZHANG_SAN_ID) == []
    assert public(client, "licences", identifier=ZHANG_SAN_ID, name="张三") == []
    [found] = public(client, "licences", identifier=ZHANG_SAN_ID, name=ZHANG_SAN)
    assert found["subject_name"] == "张**"
    assert found["identifier"] == "*" * 18
    assert ZHANG_SAN not in str(feed(client)) and ZHANG_SAN_ID not in str(feed(client))
    assert ZHANG_SAN_ID not in client.get("/api/v1/public/export?kind=licences").text


def test_a_commitment_is_published_and_its_breach_opens_a_case_that_cites_it(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    signed = system.clock.today() - timedelta(days=1)

    answer = client.post(
        "/api/v1/commitments", json=commitment_body(company, signed.isoformat()), headers=tax
    )

    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["status"] == "in_force" and made["version"] >= 1
    assert made["publish_deadline"] == add_working_days(system.calendar, signed, 7).isoformat()
    [shown] = public(client, "commitments", identifier=COMPANY_USCC)
    assert shown["status"] == "in_force" and shown["matter"] == "纳税信用承诺"
    breach = {"description": "承诺后仍逾期未申报", "found_on": system.clock.today().isoformat()}

    broken = client.post(f"/api/v1/commitments/{made['id']}/breach", json=breach, headers=tax)

    assert broken.status_code == 200, broken.text
    assert broken.json()["status"] == "broken"
    case = client.get(f"/api/v1/cases/{broken.json()['case_id']}", headers=tax).json()
    assert case["department"] == "taxation" and case["domain"] == "tax_fraud"
    assert case["commitment_id"] == made["id"] and case["subject_id"] == company
    assert "纳税信用承诺" in case["summary"]
    assert public(client, "commitments", q="清河建材")[0]["status"] == "broken"
    public_id = str(system.public.public_id(UUID(made["id"])))
    kinds = [(c["kind"], c["change"]) for c in feed(client) if c["entry_id"] == public_id]
    assert kinds == [("commitment", "published"), ("commitment", "updated")]
    [row] = exported(client, "commitments")
    assert row["status"] == "broken" and row["commitment_id"] == public_id
    again = client.post(f"/api/v1/commitments/{made['id']}/breach", json=breach, headers=tax)
    assert again.status_code == 409


def test_only_the_department_that_took_a_commitment_finds_it_broken(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    police = officer(client, "li.ming", "public_security")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    today = system.clock.today().isoformat()
    made = client.post("/api/v1/commitments", json=commitment_body(company, today), headers=tax)
    breach = {"description": "违反承诺", "found_on": today}

    refused = client.post(
        f"/api/v1/commitments/{made.json()['id']}/breach", json=breach, headers=police
    )

    assert refused.status_code == 403
    assert (
        client.get(f"/api/v1/commitments/{made.json()['id']}", headers=tax).json()["status"]
        == "in_force"
    )
    listed = client.get("/api/v1/commitments", params={"subject_id": company}, headers=police)
    assert [c["id"] for c in listed.json()["items"]] == [made.json()["id"]]


def test_public_penalties_show_their_legal_basis_and_content(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    answer = client.post(
        "/api/v1/entries",
        json={
            "subject_id": company,
            "list_type": "penalty",
            "domain": "tax_fraud",
            "severity": "general",
            "decision_no": "淮税罚〔2026〕7号",
            "decision_date": system.clock.today().isoformat(),
            "legal_basis": "《税收征收管理法》第六十三条",
            "penalty_content": "罚款人民币五万元",
        },
        headers=tax,
    )
    assert answer.status_code == 201, answer.text

    [shown] = public(client, "entries", identifier=COMPANY_USCC)

    assert shown["legal_basis"] == "《税收征收管理法》第六十三条"
    assert shown["penalty_content"] == "罚款人民币五万元"
    [row] = exported(client, "entries")
    assert row["penalty_content"] == "罚款人民币五万元"


def test_a_renamed_subject_shows_its_new_name_and_a_rebuild_leaves_the_same_rows(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    today = system.clock.today().isoformat()
    licence = licence_body(company, today, "淮税许〔2026〕3号")
    assert client.post("/api/v1/licences", json=licence, headers=tax).status_code == 201
    made = client.post("/api/v1/commitments", json=commitment_body(company, today), headers=tax)
    fulfilled = client.post(f"/api/v1/commitments/{made.json()['id']}/fulfilment", headers=tax)
    assert fulfilled.json()["status"] == "fulfilled"
    renamed = client.patch(
        f"/api/v1/subjects/{company}", json={"name": "淮安市清河新材料有限公司"}, headers=tax
    )
    assert renamed.status_code == 200, renamed.text

    [shown] = public(client, "licences", identifier=COMPANY_USCC)
    [kept] = public(client, "commitments", identifier=COMPANY_USCC)

    assert shown["subject_name"] == kept["subject_name"] == "淮安市清河新材料有限公司"
    assert kept["status"] == "fulfilled"
    renames = [c for c in feed(client) if c["change"] == "updated" and c["kind"] == "licence"]
    assert [c["record"]["subject_name"] for c in renames] == ["淮安市清河新材料有限公司"]
    live = view_rows(system)
    system.projector.rebuild()
    assert view_rows(system) == live


def test_look_ups_of_licences_and_commitments_by_identifier_share_the_anonymous_limit(
    client: TestClient, system: Chengxin
) -> None:
    system.settings.public_rate_limit = 3
    for path in ("licences", "commitments", "entries"):
        asked = client.get(f"/api/v1/public/{path}", params={"identifier": ZHANG_SAN_ID})
        assert asked.status_code == 200

    refused = client.get("/api/v1/public/licences", params={"identifier": COMPANY_USCC})

    assert refused.status_code == 429 and refused.json()["code"] == "too_many_requests"
    assert "Retry-After" in refused.headers
    assert client.get("/api/v1/public/commitments", params={"q": "清河"}).status_code == 200
    lone_name = client.get("/api/v1/public/licences", params={"name": ZHANG_SAN})
    assert lone_name.status_code == 422  # a name alone finds nobody, and is not a look-up


def test_an_auditor_reads_licences_and_commitments_in_the_subjects_history(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    today = system.clock.today().isoformat()
    client.post("/api/v1/licences", json=licence_body(company, today), headers=tax)
    made = client.post("/api/v1/commitments", json=commitment_body(company, today), headers=tax)
    breach = {"description": "逾期未申报", "found_on": today}
    client.post(f"/api/v1/commitments/{made.json()['id']}/breach", json=breach, headers=tax)
    admin = sign_in(client, *ADMIN)
    auditor = create_user(client, admin, username="zhao.shen", role="auditor")

    history = client.get(f"/api/v1/audit/subjects/{company}/history", headers=auditor).json()
    page_sign_in(client, "zhao.shen", "officer-password")
    page = client.get(f"/audit/subjects/{company}")

    kinds = [(item["aggregate"], item["type"]) for item in history["items"]]
    assert ("licence", "Licence.Granted") in kinds
    assert ("commitment", "Commitment.Broken") in kinds
    assert ("case", "Case.Opened") in kinds
    assert page.status_code == 200 and "登记行政许可" in page.text and "违反信用承诺" in page.text


def test_the_disclosure_as_of_a_moment_shows_the_licences_and_commitments_public_then(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    before = datetime.now(UTC).isoformat()
    today = system.clock.today().isoformat()
    client.post("/api/v1/licences", json=licence_body(company, today), headers=tax)
    client.post("/api/v1/commitments", json=commitment_body(company, today), headers=tax)
    auditor = create_user(client, sign_in(client, *ADMIN), username="zhao.shen", role="auditor")

    def disclosed(**asked: str) -> dict[str, Any]:
        answer = client.get(
            "/api/v1/audit/disclosure",
            params={"identifier": COMPANY_USCC, "basis": "recorded", **asked},
            headers=auditor,
        )
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found

    now, then = disclosed(), disclosed(as_of=before)

    assert now["licences"] == public(client, "licences", identifier=COMPANY_USCC)
    assert now["commitments"] == public(client, "commitments", identifier=COMPANY_USCC)
    assert (then["licences"], then["commitments"]) == ([], [])


def test_a_commitment_is_taken_only_in_a_domain_the_department_takes_part_in(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    company = register_subject(client, tax, "legal_person", COMPANY_USCC, COMPANY)
    body = {**commitment_body(company, system.clock.today().isoformat()), "domain": "environment"}

    refused = client.post("/api/v1/commitments", json=body, headers=tax)

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "domain"]
    assert client.get("/api/v1/public/commitments").json()["items"] == []

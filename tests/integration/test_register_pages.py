"""The pages of 双公示: the public site's 公示类型 filter with a card for each kind, and the
officer's forms to record a licence and a commitment and to find a commitment broken."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from application.commitments import RecordCommitment
from application.entries import NewEntry
from application.licences import RecordLicence
from domain.accounts import Role
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from tests.support import COMPANY_USCC, ZHANG_SAN_ID

COMPANY = "淮安市清河建材有限公司"
PASSWORD = "officer-password"


def sign_in(client: TestClient, username: str) -> None:
    client.cookies.clear()
    client.get("/signin")
    answer = client.post(
        "/signin",
        data={"username": username, "password": PASSWORD, "csrf_token": client.cookies["cx_csrf"]},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def test_the_public_site_filters_by_kind_of_record_with_a_card_for_each(
    client: TestClient, system: Chengxin
) -> None:
    system.accounts.register("zhou.shui", PASSWORD, Role.OFFICER, "taxation")
    officer = system.accounts.principal("zhou.shui")
    assert officer is not None
    company = system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, COMPANY)
    person = system.subjects.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID, "张三丰")
    today = system.clock.today()
    for list_type, severity, number in (
        (ListType.PENALTY, Severity.GENERAL, "罚1"),
        (ListType.RED, None, "红1"),
    ):
        entry = NewEntry(
            company.id,
            list_type,
            "tax_fraud",
            severity,
            number,
            today,
            "依据",
            list_type != ListType.RED,
            "taxation",
            penalty_content="罚款五万元",
        )
        system.entries.record(officer, entry)
    system.licences.record(
        officer,
        RecordLicence(person.id, "淮税许〔2026〕1号", "普通", "发票领用", today, today, "taxation"),
    )
    system.commitments.record(
        officer, RecordCommitment(company.id, "纳税信用承诺", "依法纳税", today, "taxation")
    )

    penalties = client.get("/", params={"kind": "penalty"}).text
    lists = client.get("/", params={"kind": "lists"}).text
    licences = client.get("/", params={"kind": "licence"}).text
    commitments = client.get("/", params={"kind": "commitment"}).text

    assert "罚1" in penalties and "罚款五万元" in penalties and "红1" not in penalties
    assert "红1" in lists and "罚1" not in lists
    assert "淮税许〔2026〕1号" in licences and "张**" in licences and "张三丰" not in licences
    assert "纳税信用承诺" in commitments and "履约中" in commitments
    assert "淮税许〔2026〕1号" not in commitments and "罚1" not in licences
    assert 'value="licence" selected' in licences


def test_an_officer_records_a_licence_and_a_commitment_and_finds_it_broken_on_the_pages(
    client: TestClient, system: Chengxin
) -> None:
    system.accounts.register("zhou.shui", PASSWORD, Role.OFFICER, "taxation")
    company = system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, COMPANY)
    sign_in(client, "zhou.shui")
    today = system.clock.today().isoformat()
    page = f"/workbench/subjects/{company.id}"

    licence = client.post(
        f"{page}/licences",
        data={
            "licence_no": "淮税许〔2026〕2号",
            "kind": "普通",
            "content": "发票领用",
            "decision_date": (system.clock.today() - timedelta(days=1)).isoformat(),
            "valid_from": today,
            "csrf_token": client.cookies["cx_csrf"],
        },
        follow_redirects=False,
    )
    assert licence.status_code == 303, licence.text
    assert "行政许可已登记并公示" in client.get(licence.headers["location"]).text
    refused = client.post(
        f"{page}/commitments",
        data={
            "matter": "",
            "text": "依法纳税",
            "signed_on": today,
            "csrf_token": client.cookies["cx_csrf"],
        },
    )
    assert refused.status_code == 422
    commitment = client.post(
        f"{page}/commitments",
        data={
            "matter": "纳税信用承诺",
            "text": "依法纳税",
            "signed_on": today,
            "csrf_token": client.cookies["cx_csrf"],
        },
        follow_redirects=False,
    )
    assert commitment.status_code == 303, commitment.text
    shown = client.get(page).text
    assert "淮税许〔2026〕2号" in shown and "纳税信用承诺" in shown and "履约中" in shown
    [made] = system.commitments.of_subject(company.id)

    broken = client.post(
        f"/workbench/commitments/{made.id}/breach",
        data={
            "description": "逾期未申报",
            "found_on": today,
            "csrf_token": client.cookies["cx_csrf"],
        },
        follow_redirects=False,
    )

    assert broken.status_code == 303, broken.text
    case_page = client.get(broken.headers["location"])
    assert "已认定违诺" in case_page.text and "纳税信用承诺" in case_page.text
    assert system.commitments.get(made.id).status.value == "broken"

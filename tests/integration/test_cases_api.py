"""Issue 3 through HTTP: the officer's procedure, its refusals, the entry and the credit check."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from tests.support import (
    COMPANY_USCC,
    TODAY,
    officer,
    register_subject,
    valid_resident_id,
)


def post(client: TestClient, path: str, headers: dict[str, str], **body: Any) -> Any:
    return client.post(path, json=body, headers=headers)


def open_case(
    client: TestClient, li: dict[str, str], subject_id: str, domain: str = "telecom_fraud"
) -> str:
    answer = post(
        client, "/api/v1/cases", li, subject_id=subject_id, domain=domain, summary="冒充客服诈骗"
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "open"
    return str(answer.json()["id"])


def blacklist(client: TestClient, li: dict[str, str], case_id: str, **extra: Any) -> Any:
    body = {
        "outcome": "listing",
        "list_type": "blacklist",
        "severity": "serious",
        "decision_no": "淮公罚〔2026〕1号",
        "decision_date": TODAY.isoformat(),
        "legal_basis": "《反电信网络诈骗法》第三十一条",
        **extra,
    }
    return client.post(f"/api/v1/cases/{case_id}/decision", json=body, headers=li)


def test_an_officer_takes_a_case_from_opening_to_a_published_blacklisting(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    case_id = open_case(client, li, company)

    refused = blacklist(client, li, case_id)
    assert (refused.status_code, refused.json()["code"]) == (422, "notice_required")

    notice = post(
        client,
        f"/api/v1/cases/{case_id}/notice",
        li,
        proposed="blacklist",
        served_on=TODAY.isoformat(),
    )
    assert notice.status_code == 200, notice.text
    assert notice.json()["statement_deadline"] > TODAY.isoformat()

    before = system.store.max_position()
    refused = blacklist(client, li, case_id)
    assert (refused.status_code, refused.json()["code"]) == (422, "statement_period_open")
    assert system.store.max_position() == before

    statement = post(
        client,
        f"/api/v1/cases/{case_id}/statements",
        li,
        text="对事实无异议",
        received_on=TODAY.isoformat(),
    )
    assert statement.status_code == 200
    decided = blacklist(client, li, case_id)
    assert decided.status_code == 200, decided.text
    entry_id = decided.json()["entry_id"]

    entry = client.get(f"/api/v1/entries/{entry_id}", headers=li).json()
    assert entry["status"] == "published"
    assert entry["published_at"] == TODAY.isoformat()
    max_end = date.fromisoformat(entry["publication"]["max_end"])
    assert max_end >= TODAY + timedelta(days=365)
    assert entry["publish_deadline"] > TODAY.isoformat()

    again = blacklist(client, li, case_id, decision_no="另一个文号")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")

    check = client.get(
        "/api/v1/credit-check",
        params={"identifier": COMPANY_USCC, "purpose": "bidding"},
        headers=li,
    )
    assert check.status_code == 200, check.text
    assert check.json()["check_id"]
    assert "restrict_bidding" in check.json()["sanctions"]
    assert [e["entry_id"] for e in check.json()["entries"]] == [entry_id]


def test_an_officer_acts_only_in_the_domains_of_their_department(client: TestClient) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    answer = post(
        client, "/api/v1/cases", li, subject_id=company, domain="poverty_relief", summary="x"
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "forbidden_domain")


def test_a_twelve_year_old_is_never_blacklisted(client: TestClient, system: Chengxin) -> None:
    li = officer(client)
    born = TODAY.replace(year=TODAY.year - 12) - timedelta(days=30)
    child_id = valid_resident_id("320802", born.strftime("%Y%m%d"), "123")
    child = register_subject(client, li, "natural_person", child_id, "王小明")
    case_id = open_case(client, li, child)
    post(
        client,
        f"/api/v1/cases/{case_id}/notice",
        li,
        proposed="blacklist",
        served_on=TODAY.isoformat(),
    )
    post(
        client,
        f"/api/v1/cases/{case_id}/statements",
        li,
        text="监护人陈述",
        received_on=TODAY.isoformat(),
    )
    before = system.store.max_position()
    refused = blacklist(client, li, case_id)
    assert (refused.status_code, refused.json()["code"]) == (422, "minor_protected")
    assert system.store.max_position() == before
    direct = post(
        client,
        "/api/v1/entries",
        li,
        subject_id=child,
        list_type="focus",
        domain="telecom_fraud",
        severity="general",
        decision_no="X-1",
        decision_date=TODAY.isoformat(),
        legal_basis="x",
    )
    assert (direct.status_code, direct.json()["code"]) == (422, "minor_protected")


def test_a_future_decision_date_is_refused(client: TestClient) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    answer = post(
        client,
        "/api/v1/entries",
        li,
        subject_id=company,
        list_type="penalty",
        domain="telecom_fraud",
        severity="general",
        decision_no="X-2",
        decision_date=(TODAY + timedelta(days=3)).isoformat(),
        legal_basis="x",
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "validation_error")


def test_a_decision_before_the_first_regime_is_refused_clearly(client: TestClient) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    answer = post(
        client,
        "/api/v1/entries",
        li,
        subject_id=company,
        list_type="penalty",
        domain="telecom_fraud",
        severity="general",
        decision_no="X-3",
        decision_date="2014-06-13",
        legal_basis="x",
    )
    assert answer.status_code == 422
    assert answer.json()["code"] == "no_regime_in_force"
    assert answer.json()["earliest_date"] == "2014-06-14"


def test_entries_are_listed_with_filters_and_a_subject_sees_only_its_own(
    client: TestClient,
) -> None:
    from tests.support import ADMIN, TODAY, create_user, sign_in

    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    person_id = valid_resident_id("320802", "19950615", "456")
    person = register_subject(client, li, "natural_person", person_id, "李四")
    for subject, number in ((company, "A-1"), (company, "A-2"), (person, "A-3")):
        answer = post(
            client,
            "/api/v1/entries",
            li,
            subject_id=subject,
            list_type="penalty",
            domain="telecom_fraud",
            severity="general",
            decision_no=number,
            decision_date=TODAY.isoformat(),
            legal_basis="x",
        )
        assert answer.status_code == 201, answer.text
    page_one = client.get(
        "/api/v1/entries", params={"subject_id": company, "limit": 1}, headers=li
    ).json()
    assert len(page_one["items"]) == 1 and page_one["next_cursor"]
    page_two = client.get(
        "/api/v1/entries",
        params={"subject_id": company, "limit": 1, "cursor": page_one["next_cursor"]},
        headers=li,
    ).json()
    assert page_two["items"][0]["id"] != page_one["items"][0]["id"]
    admin = sign_in(client, *ADMIN)
    mine = create_user(
        client, admin, username="lisi", role="subject", subject_id=person, password="plum-blossom7"
    )
    seen = client.get("/api/v1/entries", headers=mine).json()["items"]
    assert {e["subject_id"] for e in seen} == {person}
    other = client.get(f"/api/v1/entries/{page_one['items'][0]['id']}", headers=mine)
    assert other.status_code == 404


def test_measures_must_fit_the_list_type_and_domain(client: TestClient) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    entry = post(
        client,
        "/api/v1/entries",
        li,
        subject_id=company,
        list_type="blacklist",
        domain="telecom_fraud",
        severity="serious",
        decision_no="M-1",
        decision_date=TODAY.isoformat(),
        legal_basis="x",
    ).json()
    applied = post(
        client, f"/api/v1/entries/{entry['id']}/measures", li, measure_code="restrict_bidding"
    )
    assert applied.status_code == 200, applied.text
    assert [m["code"] for m in applied.json()["measures"]] == ["restrict_bidding"]
    wrong = post(
        client, f"/api/v1/entries/{entry['id']}/measures", li, measure_code="green_channel"
    )
    assert (wrong.status_code, wrong.json()["code"]) == (422, "measure_not_applicable")
    unknown = post(client, f"/api/v1/entries/{entry['id']}/measures", li, measure_code="nope")
    assert unknown.status_code == 422

"""Issue 17 item 5 through HTTP: the procedure in order (notice, statement, decision) and where
an entry's decision was taken (`source`, `external_ref`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from tests.support import COMPANY_USCC, TODAY, officer, page_sign_in, register_subject


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def post(client: TestClient, path: str, headers: dict[str, str], **body: Any) -> Any:
    return client.post(path, json=body, headers=headers)


def case_with_notice(
    client: TestClient, li: dict[str, str], served_days_ago: int, proposed: str = "blacklist"
) -> tuple[str, str]:
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    case = post(
        client, "/api/v1/cases", li, subject_id=company, domain="telecom_fraud", summary="诈骗"
    )
    assert case.status_code == 201, case.text
    case_id = case.json()["id"]
    notice = post(
        client,
        f"/api/v1/cases/{case_id}/notice",
        li,
        proposed=proposed,
        served_on=day(served_days_ago),
    )
    assert notice.status_code == 200, notice.text
    return case_id, company


def decide(client: TestClient, li: dict[str, str], case_id: str, **extra: Any) -> Any:
    body = {
        "outcome": "listing",
        "list_type": "blacklist",
        "severity": "serious",
        "decision_no": "淮公罚〔2026〕7号",
        "legal_basis": "《反电信网络诈骗法》第三十一条",
        **extra,
    }
    return client.post(f"/api/v1/cases/{case_id}/decision", json=body, headers=li)


def test_a_decision_dated_before_the_notice_was_served_is_refused(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    case_id, _ = case_with_notice(client, li, served_days_ago=30)
    before = system.store.max_position()
    for outcome in ("listing", "dismissed"):
        refused = decide(client, li, case_id, outcome=outcome, decision_date=day(31))
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "decision_before_notice"
        assert refused.json()["served_on"] == day(30)
    assert system.store.max_position() == before
    decided = decide(client, li, case_id, decision_date=day(1))  # the period is long over
    assert decided.status_code == 200, decided.text
    entry = client.get(f"/api/v1/entries/{decided.json()['entry_id']}", headers=li).json()
    assert (entry["source"], entry["external_ref"]) == ("case", None)


def test_a_statement_received_before_the_notice_was_served_is_refused(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    case_id, _ = case_with_notice(client, li, served_days_ago=10)
    before = system.store.max_position()
    early = post(
        client, f"/api/v1/cases/{case_id}/statements", li, text="陈述", received_on=day(11)
    )
    assert (early.status_code, early.json()["code"]) == (422, "validation_error")
    assert early.json()["errors"][0]["loc"][-1] == "received_on"
    assert system.store.max_position() == before
    on_the_day = post(
        client, f"/api/v1/cases/{case_id}/statements", li, text="陈述", received_on=day(10)
    )
    assert on_the_day.status_code == 200, on_the_day.text


def test_deciding_inside_the_statement_period_needs_a_statement_received_by_then(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    case_id, _ = case_with_notice(client, li, served_days_ago=2, proposed="penalty")
    statement = post(
        client, f"/api/v1/cases/{case_id}/statements", li, text="陈述", received_on=day(0)
    )
    assert statement.status_code == 200, statement.text
    before = system.store.max_position()
    # dated the day before the statement came: the subject was not heard (a penalty as well)
    early = decide(client, li, case_id, list_type="penalty", decision_date=day(1))
    assert (early.status_code, early.json()["code"]) == (422, "statement_period_open")
    assert system.store.max_position() == before
    heard = decide(client, li, case_id, list_type="penalty", decision_date=day(0))
    assert heard.status_code == 200, heard.text


def entry_body(subject: str, **extra: Any) -> dict[str, Any]:
    return {
        "subject_id": subject,
        "list_type": "penalty",
        "domain": "telecom_fraud",
        "severity": "general",
        "decision_no": "淮公罚〔2025〕12号",
        "decision_date": day(40),
        "legal_basis": "x",
        **extra,
    }


def test_an_external_decision_names_its_reference_and_lists_show_the_source(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    before = system.store.max_position()
    for bad, field in (({"source": "external"}, "external_ref"), ({"source": "case"}, "source")):
        refused = client.post("/api/v1/entries", json=entry_body(company, **bad), headers=li)
        assert (refused.status_code, refused.json()["code"]) == (422, "validation_error")
        assert refused.json()["errors"][0]["loc"][-1] == field
    wrong = client.post("/api/v1/entries", json=entry_body(company, source="court"), headers=li)
    assert wrong.status_code == 422
    assert system.store.max_position() == before

    external = client.post(
        "/api/v1/entries",
        json=entry_body(company, source="external", external_ref=" 江苏省执法平台 2025-0012 "),
        headers=li,
    )
    assert external.status_code == 201, external.text
    assert (external.json()["source"], external.json()["external_ref"]) == (
        "external",
        "江苏省执法平台 2025-0012",
    )
    imported = client.post(
        "/api/v1/entries",
        json=entry_body(company, source="import", decision_no="淮公罚〔2025〕13号"),
        headers=li,
    )
    assert imported.status_code == 201, imported.text
    v1 = client.post(  # a v1 client names no source: another system's decision
        "/api/v1/entries", json=entry_body(company, decision_no="淮公罚〔2025〕14号"), headers=li
    )
    assert (v1.status_code, v1.json()["source"]) == (201, "external")

    listed = client.get("/api/v1/entries", params={"subject_id": company}, headers=li).json()
    sources = {(row["decision_no"], row["source"], row["external_ref"]) for row in listed["items"]}
    assert sources == {
        ("淮公罚〔2025〕12号", "external", "江苏省执法平台 2025-0012"),
        ("淮公罚〔2025〕13号", "import", None),
        ("淮公罚〔2025〕14号", "external", None),
    }
    page_sign_in(client, "li.ming", "officer-password")
    page = client.get(f"/workbench/entries/{external.json()['id']}")
    assert page.status_code == 200
    assert "其他系统作出的决定" in page.text and "江苏省执法平台 2025-0012" in page.text
    page = client.get(f"/workbench/entries/{imported.json()['id']}")
    assert "批量导入" in page.text


def test_an_imported_row_answers_source_import(client: TestClient) -> None:
    li = officer(client)
    csv = (
        "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis\n"
        f"legal_person,{COMPANY_USCC},淮安某某科技有限公司,penalty,telecom_fraud,general,"
        f"淮公罚〔2025〕21号,{day(60)},x\n"
    )
    answer = client.post(
        "/api/v1/imports", files={"file": ("rows.csv", csv.encode(), "text/csv")}, headers=li
    )
    assert (answer.status_code, answer.json()["accepted"]) == (200, 1), answer.text
    rows = client.get("/api/v1/entries", params={"domain": "telecom_fraud"}, headers=li).json()
    (row,) = rows["items"]
    assert (row["source"], row["external_ref"]) == ("import", None)
    entry = client.get(f"/api/v1/entries/{row['id']}", headers=li).json()
    assert entry["source"] == "import"

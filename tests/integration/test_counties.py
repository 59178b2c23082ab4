"""Counties and today's departments through HTTP on both backends (issue 18, item 4): county
units record and are counted by their county and by the city; a decision keeps its historical
unit, and the unit that succeeded it in the 2019 reorganisation works on its open records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin, build
from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from interfaces.api.app import create_app
from tests.support import (
    ADMIN,
    create_user,
    page_sign_in,
    register_subject,
    sign_in,
    valid_uscc,
)

Headers = dict[str, str]
STATS = "/api/v1/stats/governance"
QINGJIANGPU = "320812"
LIANSHUI = "320826"
BEFORE_REORGANISATION = date(2018, 5, 2)
AFTER_REORGANISATION = date(2020, 3, 2)
TODAY = date(2026, 5, 6)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def system(settings: Settings, clock: FixedClock) -> Iterator[Chengxin]:
    built = build(settings, clock=clock)
    yield built
    built.close()


@pytest.fixture
def client(system: Chengxin) -> Iterator[TestClient]:
    with TestClient(create_app(system), raise_server_exceptions=False) as test_client:
        yield test_client


def officer_of(client: TestClient, username: str, department: str) -> Headers:
    admin = sign_in(client, *ADMIN)
    return create_user(client, admin, username=username, role="officer", department=department)


def penalty(subject_id: str, number: str, day: date, **fields: Any) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "list_type": "penalty",
        "domain": "fake_drugs",
        "severity": "general",
        "decision_no": f"淮市监罚〔{day.year}〕{number}号",
        "decision_date": day.isoformat(),
        "legal_basis": "《中华人民共和国药品管理法》第一百一十六条",
        **fields,
    }


def fake_drugs(client: TestClient, headers: Headers, **params: Any) -> dict[str, Any]:
    answer = client.get(STATS, params={"domain": "fake_drugs", **params}, headers=headers)
    assert answer.status_code == 200, answer.text
    figures: dict[str, Any] = answer.json()["domains"][0]
    return {"county": answer.json()["county"], **figures}


def test_departments_answer_level_county_validity_and_successor(client: TestClient) -> None:
    departments = {d["code"]: d for d in client.get("/api/v1/departments").json()}
    county_unit = departments[f"market_regulation@{QINGJIANGPU}"]
    assert county_unit["level"] == "county"
    assert (county_unit["county"], county_unit["county_name_zh"]) == (QINGJIANGPU, "清江浦区")
    assert (county_unit["kind"], county_unit["valid_from"]) == ("market_regulation", "2019-01-01")
    assert county_unit["name_zh"] == "清江浦区市场监管局"
    for kind in ("market_regulation", "ecology_environment", "public_security", "court"):
        for county in (QINGJIANGPU, "320803", "320804", "320813", LIANSHUI, "320830", "320831"):
            assert departments[f"{kind}@{county}"]["county"] == county
    assert departments[f"taxation@{LIANSHUI}"]["name_zh"] == "涟水县税务局"
    city = departments["market_regulation"]
    assert (city["level"], city["county"], city["valid_to"], city["successor"]) == (
        "city",
        None,
        None,
        None,
    )
    for old in ("industry_commerce", "food_drug", "price_bureau"):
        assert departments[old]["valid_to"] == "2018-12-31"
        assert departments[old]["successor"] == "market_regulation"
    assert departments["environmental_protection"]["successor"] == "ecology_environment"
    merged = departments["industry_commerce@320802"]  # 清河区, merged into 清江浦区 in 2016
    assert (merged["valid_to"], merged["successor"]) == ("2016-10-07", "industry_commerce@320812")
    counties = {c["code"]: c for c in client.get("/api/v1/counties").json()}
    assert counties["320829"]["successor"] == "320813"  # 洪泽县 → 洪泽区
    assert counties[QINGJIANGPU]["valid_from"] == "2016-10-08"


def test_a_county_officer_records_a_penalty_counted_by_its_county_and_the_city(
    client: TestClient,
) -> None:
    admin = sign_in(client, *ADMIN)
    county = officer_of(client, "zhou.qjp", f"market_regulation@{QINGJIANGPU}")
    company = register_subject(
        client, admin, "legal_person", valid_uscc("91320812MA1QJP012"), "清江浦药房"
    )
    answer = client.post("/api/v1/entries", json=penalty(company, "88", TODAY), headers=county)
    assert answer.status_code == 201, answer.text
    assert answer.json()["department"] == f"market_regulation@{QINGJIANGPU}"
    city = fake_drugs(client, admin)
    qingjiangpu = fake_drugs(client, admin, county=QINGJIANGPU)
    lianshui = fake_drugs(client, admin, county=LIANSHUI)
    assert (city["county"], city["listings"]) == (None, 1)
    assert (qingjiangpu["county"], qingjiangpu["listings"]) == (QINGJIANGPU, 1)
    assert lianshui["listings"] == 0
    assert fake_drugs(client, county, county=QINGJIANGPU)["listings"] == 1  # its own domain
    sheets = {
        unit: client.get(f"/api/v1/reports/progress/{unit}/2026/2", headers=admin)
        for unit in (f"market_regulation@{QINGJIANGPU}", f"market_regulation@{LIANSHUI}")
    }
    sheets["market_regulation"] = client.get(
        "/api/v1/reports/progress/market_regulation/2026/2", headers=admin
    )
    decided = {}
    for unit, sheet in sheets.items():
        assert sheet.status_code == 200, sheet.text
        rows = {row["domain"]: row for row in sheet.json()["rows"]}
        decided[unit] = "行政处罚1项" in rows["fake_drugs"]["suggested_measures_and_results"]
    assert decided == {  # the county's sheet and the city's count it, the other county's not
        f"market_regulation@{QINGJIANGPU}": True,
        f"market_regulation@{LIANSHUI}": False,
        "market_regulation": True,
    }
    own = client.get(
        f"/api/v1/reports/progress/market_regulation@{QINGJIANGPU}/2026/2", headers=county
    )
    assert own.status_code == 200, own.text
    assert own.json()["unit_name"] == "清江浦区市场监管局"
    assert client.get(STATS, params={"county": "999999"}, headers=admin).status_code == 422
    assert client.get(STATS, params={"county": "abc"}, headers=admin).status_code == 422


def test_a_county_blacklisting_counts_in_the_governance_rate_of_county_and_city(
    client: TestClient,
) -> None:
    admin = sign_in(client, *ADMIN)
    county = officer_of(client, "wu.ls", f"public_security@{LIANSHUI}")
    company = register_subject(
        client, admin, "legal_person", valid_uscc("91320826MA1LWX012"), "涟水通信"
    )
    body = {**penalty(company, "7", TODAY), "list_type": "blacklist", "domain": "telecom_fraud"}
    body["severity"] = "serious"  # a blacklist entry is serious
    answer = client.post("/api/v1/entries", json=body, headers=county)
    assert answer.status_code == 201, answer.text
    telecom = {"domain": "telecom_fraud"}
    for params in ({}, {"county": LIANSHUI}):
        figures = client.get(STATS, params={**telecom, **params}, headers=admin).json()
        assert figures["domains"][0]["listed"] == 1
    elsewhere = client.get(STATS, params={**telecom, "county": QINGJIANGPU}, headers=admin)
    assert elsewhere.json()["domains"][0]["listed"] == 0


def test_a_2018_decision_keeps_its_unit_and_the_successor_acts_on_its_open_records(
    client: TestClient, clock: FixedClock
) -> None:
    clock.day = BEFORE_REORGANISATION
    admin = sign_in(client, *ADMIN)
    old_hand = officer_of(client, "gongshang.2018", "industry_commerce")
    company = register_subject(
        client, admin, "legal_person", valid_uscc("91320800MA1GH2012"), "淮安老字号药店"
    )
    serious = penalty(company, "1", clock.day, severity="serious")  # public for 36 months
    entry = client.post("/api/v1/entries", json=serious, headers=old_hand).json()
    case = client.post(
        "/api/v1/cases",
        json={"subject_id": company, "domain": "fake_drugs", "summary": "销售假药线索"},
        headers=old_hand,
    ).json()
    assert entry["department"] == case["department"] == "industry_commerce"
    own = create_user(client, admin, username="laozihao", role="subject", subject_id=company)
    objection = client.post(
        f"/api/v1/entries/{entry['id']}/objections", json={"grounds": "处罚主体有误"}, headers=own
    )
    assert objection.status_code == 201, objection.text

    clock.day = AFTER_REORGANISATION
    market = officer_of(client, "shijian.2020", "market_regulation")
    ecology = officer_of(client, "shengtai.2020", "ecology_environment")
    shown = client.get(f"/api/v1/entries/{entry['id']}", headers=market).json()
    assert shown["department"] == "industry_commerce"  # history keeps its unit
    page_sign_in(client, "shijian.2020", "officer-password")
    worklist = client.get("/workbench")
    assert "淮安老字号药店" in worklist.text  # the predecessor's open case is on its list
    case_page = client.get(f"/workbench/cases/{case['id']}")
    assert case_page.status_code == 200, case_page.text
    notice_form = f'action="/workbench/cases/{case["id"]}/notice"'
    assert notice_form in case_page.text  # it serves the notice in the predecessor's case
    assert 'id="revoke"' in client.get(f"/workbench/entries/{entry['id']}").text
    page_sign_in(client, "shengtai.2020", "officer-password")
    assert 'id="revoke"' not in client.get(f"/workbench/entries/{entry['id']}").text
    assert notice_form not in client.get(f"/workbench/cases/{case['id']}").text
    evidence = {"description": "现场检查笔录"}
    assert (
        client.post(f"/api/v1/cases/{case['id']}/evidence", json=evidence, headers=ecology)
    ).status_code == 403
    added = client.post(f"/api/v1/cases/{case['id']}/evidence", json=evidence, headers=market)
    assert added.status_code == 200, added.text
    assert added.json()["department"] == "industry_commerce"
    notice = {"proposed": "blacklist", "served_on": clock.day.isoformat(), "statement_days": 5}
    served = client.post(f"/api/v1/cases/{case['id']}/notice", json=notice, headers=market)
    assert served.status_code == 200, served.text
    clock.day = date(2020, 4, 1)
    decision = {
        "outcome": "listing",
        "list_type": "blacklist",
        "severity": "serious",
        "decision_no": "淮市监黑〔2020〕1号",
        "decision_date": clock.day.isoformat(),
        "legal_basis": "《中华人民共和国药品管理法》",
    }
    decided = client.post(f"/api/v1/cases/{case['id']}/decision", json=decision, headers=market)
    assert decided.status_code == 200, decided.text
    listing = client.get(f"/api/v1/entries/{decided.json()['entry_id']}", headers=market).json()
    assert listing["department"] == "market_regulation"  # a new decision is the successor's
    assert decided.json()["department"] == "industry_commerce"  # the case keeps its unit
    resolution_url = f"/api/v1/entries/{entry['id']}/objections/{objection.json()['id']}/resolution"
    rejected = {"outcome": "rejected", "reason": "经复核，原决定主体适格"}
    assert client.post(resolution_url, json=rejected, headers=ecology).status_code == 403
    resolved = client.post(resolution_url, json=rejected, headers=market)
    assert resolved.status_code == 200, resolved.text
    revocation = {"reason": "处罚决定被复议撤销"}
    url = f"/api/v1/entries/{entry['id']}/revocation"
    assert client.post(url, json=revocation, headers=ecology).status_code == 403
    revoked = client.post(url, json=revocation, headers=market)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["status"] == "revoked"


def test_a_unit_that_no_longer_exists_decides_nothing_new_and_its_successor_records_history(
    client: TestClient, clock: FixedClock
) -> None:
    admin = sign_in(client, *ADMIN)
    old_hand = officer_of(client, "gongshang.late", "industry_commerce")
    market = officer_of(client, "shijian.now", "market_regulation")
    company = register_subject(
        client, admin, "legal_person", valid_uscc("91320800MA1GH2022"), "淮安新药店"
    )
    refused = client.post("/api/v1/entries", json=penalty(company, "2", TODAY), headers=old_hand)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["code"] == "department_not_in_force"
    assert problem["successor"] == "market_regulation"
    assert "市市场监管局" in problem["detail"]
    opened = client.post(
        "/api/v1/cases",
        json={"subject_id": company, "domain": "fake_drugs", "summary": "线索"},
        headers=old_hand,
    )
    assert opened.json()["code"] == "department_not_in_force"
    by_admin = penalty(company, "3", TODAY, department="industry_commerce")
    assert client.post("/api/v1/entries", json=by_admin, headers=admin).status_code == 422
    history = penalty(company, "4", BEFORE_REORGANISATION, department="industry_commerce")
    recorded = client.post("/api/v1/entries", json=history, headers=market)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["department"] == "industry_commerce"
    own_in_2018 = penalty(company, "5", BEFORE_REORGANISATION)  # 市场监管局 did not exist yet
    assert client.post("/api/v1/entries", json=own_in_2018, headers=market).status_code == 422
    now = client.post("/api/v1/entries", json=penalty(company, "6", TODAY), headers=market)
    assert now.status_code == 201, now.text
    assert now.json()["department"] == "market_regulation"


def test_the_dashboard_rolls_counties_up_to_the_city_and_shows_a_county_unit(
    client: TestClient,
) -> None:
    admin = sign_in(client, *ADMIN)
    officer_of(client, "zhou.page", f"market_regulation@{QINGJIANGPU}")
    company = register_subject(
        client, admin, "legal_person", valid_uscc("91320812MA1QJP022"), "清江浦医药"
    )
    county = sign_in(client, "zhou.page", "officer-password")
    answer = client.post("/api/v1/entries", json=penalty(company, "9", TODAY), headers=county)
    assert answer.status_code == 201, answer.text
    page_sign_in(client, *ADMIN)
    city = client.get("/dashboard")
    assert city.status_code == 200, city.text
    assert "分县区汇总" in city.text and "全市合计" in city.text
    assert f'county={QINGJIANGPU}">清江浦区</a>' in city.text
    assert "清河区" not in city.text  # merged in 2016: not a county of this period
    one = client.get("/dashboard", params={"county": QINGJIANGPU})
    assert one.status_code == 200, one.text
    assert f'<option value="{QINGJIANGPU}" selected>清江浦区</option>' in one.text
    assert client.get("/dashboard", params={"county": "x"}).status_code == 422
    page_sign_in(client, "zhou.page", "officer-password")
    workbench = client.get("/workbench")
    assert workbench.status_code == 200, workbench.text
    assert "清江浦区市场监管局" in workbench.text

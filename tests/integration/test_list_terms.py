"""The terms an entry gets from its list: the severities each list takes, a red entry without
severity or repair date, a correction that recomputes window and publication, each list its own
periods, and repairability derived by rule. Through HTTP, on every backend."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from domain.entry import ListEntry
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from tests.support import (
    ADMIN,
    COMPANY_USCC,
    TODAY,
    create_user,
    officer,
    page_sign_in,
    register_subject,
    sign_in,
)

ENTRIES = "/api/v1/entries"


def months_later(day: date, months: int) -> date:
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def decision(
    subject: str, list_type: str, severity: str | None, number: str, **extra: Any
) -> dict[str, Any]:
    body = {
        "subject_id": subject,
        "list_type": list_type,
        "domain": "telecom_fraud",
        "decision_no": f"淮公〔2026〕{number}号",
        "legal_basis": "《江苏省社会信用条例》",
        "decision_date": (TODAY - timedelta(days=10)).isoformat(),
        **extra,
    }
    if severity is not None:
        body["severity"] = severity
    return body


@pytest.fixture
def world(client: TestClient, system: Chengxin) -> dict[str, Any]:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安诚信示范有限公司")
    admin = sign_in(client, *ADMIN)
    owner = create_user(client, admin, username="company.owner", role="subject", subject_id=company)
    return {"li": li, "company": company, "owner": owner, "admin": admin, "system": system}


def shown_id(world: dict[str, Any], entry_id: Any) -> str:
    """The entry's id on the public site (keyed, not its own)."""
    return str(world["system"].public.public_id(UUID(str(entry_id))))


def refused(
    client: TestClient, system: Chengxin, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    """Posted, refused with 422, and nothing written."""
    before = system.store.max_position()
    answer = client.post(ENTRIES, json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert system.store.max_position() == before
    found: dict[str, Any] = answer.json()
    return found


def recorded(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(ENTRIES, json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = client.get(f"{ENTRIES}/{answer.json()['id']}", headers=headers).json()
    return found


# -- list type and severity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_type", "severity"),
    [
        ("blacklist", "general"),
        ("blacklist", "minor"),
        ("blacklist", None),
        ("focus", "serious"),
        ("focus", "minor"),
        ("red", "general"),
        ("red", "serious"),
    ],
)
def test_a_severity_the_list_does_not_take_is_refused_and_writes_nothing(
    client: TestClient, system: Chengxin, world: dict[str, Any], list_type: str, severity: Any
) -> None:
    body = decision(world["company"], list_type, severity, "1")
    answer = refused(client, system, world["li"], body)
    assert answer["code"] == "severity_not_allowed"
    assert answer["severity"] == severity


def test_a_blacklist_entry_is_serious_and_a_focus_entry_general(
    client: TestClient, world: dict[str, Any]
) -> None:
    black = recorded(client, world["li"], decision(world["company"], "blacklist", "serious", "2"))
    focus = recorded(client, world["li"], decision(world["company"], "focus", "general", "3"))
    assert (black["severity"], focus["severity"]) == ("serious", "general")
    listed = client.get(ENTRIES, params={"subject_id": world["company"]}, headers=world["li"])
    assert {row["severity"] for row in listed.json()["items"]} == {"serious", "general"}


def test_a_red_entry_has_no_severity_nor_repair_date_in_the_api_or_the_pages(
    client: TestClient, world: dict[str, Any]
) -> None:
    red = recorded(client, world["li"], decision(world["company"], "red", None, "4"))
    assert (red["severity"], red["repairable"], red["repair_possible_from"]) == (None, False, None)
    public = client.get(f"/api/v1/public/entries/{shown_id(world, red['id'])}").json()
    assert public["list_type"] == "red" and public["severity"] is None

    page = client.get(f"/public/entries/{shown_id(world, red['id'])}")
    assert page.status_code == 200 and "失信程度" not in page.text
    search = client.get("/", params={"q": "淮安诚信示范"})
    assert "淮安诚信示范有限公司" in search.text and "失信程度" not in search.text
    page_sign_in(client, "li.ming", "officer-password")
    staff = client.get(f"/workbench/entries/{red['id']}")
    assert staff.status_code == 200
    assert "失信程度" not in staff.text and "可申请修复日期" not in staff.text


def test_a_red_entry_cannot_be_made_repairable(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    body = decision(world["company"], "red", None, "5", repairable=True)
    assert refused(client, system, world["li"], body)["code"] == "not_repairable_by_rule"


def test_an_older_red_entry_stored_with_a_severity_is_read_without_it(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    decided = TODAY - timedelta(days=20)
    old = ListEntry(
        subject_id=UUID(world["company"]),
        subject_kind=SubjectKind.LEGAL_PERSON,
        subject_name="淮安诚信示范有限公司",
        identifier=COMPANY_USCC,
        list_type=ListType.RED,
        domain="telecom_fraud",
        severity=Severity.GENERAL,  # as entries were recorded before list and severity agreed
        department="public_security",
        legal_basis="《江苏省社会信用条例》",
        decision_no="淮公红〔2025〕1号",
        decision_date=decided,
        repairable=True,
        case_id=None,
        regime="ndrc_order_36",
        min_end=months_later(decided, 36),
        max_end=months_later(decided, 36),
        publishable=True,
        publish_deadline=decided + timedelta(days=9),
        recorded_on=decided,
    )
    old.publish(decided)
    system.app.save(old)
    shown = client.get(f"{ENTRIES}/{old.id}", headers=world["li"])
    assert shown.status_code == 200, shown.text
    assert shown.json()["severity"] is None
    public = client.get(f"/api/v1/public/entries/{shown_id(world, old.id)}")
    assert public.status_code == 200 and public.json()["severity"] is None


# -- a correction recomputes what depends on it -----------------------------------------------


def object_and_uphold(
    client: TestClient, world: dict[str, Any], entry_id: str, correction: dict[str, Any]
) -> Any:
    objection = client.post(
        f"{ENTRIES}/{entry_id}/objections", json={"grounds": "认定有误"}, headers=world["owner"]
    )
    assert objection.status_code == 201, objection.text
    return client.post(
        f"{ENTRIES}/{entry_id}/objections/{objection.json()['id']}/resolution",
        json={"outcome": "upheld", "reason": "复核更正", "correction": correction},
        headers=world["li"],
    )


def feed_of(client: TestClient, entry_id: str) -> list[str]:
    items = client.get("/api/v1/public/changes", params={"limit": 200}).json()["items"]
    return [item["change"] for item in items if item["entry_id"] == entry_id]


def test_a_correction_to_minor_takes_the_entry_off_the_public_site_as_events(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry = recorded(client, world["li"], decision(world["company"], "penalty", "general", "6"))
    assert entry["status"] == "published"
    assert client.get(f"/api/v1/public/entries/{shown_id(world, entry['id'])}").status_code == 200
    before_correction = datetime.now(UTC).isoformat()

    upheld = object_and_uphold(client, world, entry["id"], {"severity": "minor"})
    assert upheld.status_code == 200, upheld.text
    corrected = client.get(f"{ENTRIES}/{entry['id']}", headers=world["li"]).json()
    assert (corrected["severity"], corrected["status"]) == ("minor", "listed")
    assert corrected["publishable"] is False and corrected["published_at"] is None
    decided = date.fromisoformat(entry["decision_date"])
    assert corrected["publication"]["max_end"] == months_later(decided, 3).isoformat()
    assert client.get(f"/api/v1/public/entries/{shown_id(world, entry['id'])}").status_code == 404
    changes = feed_of(client, shown_id(world, entry["id"]))
    assert (changes[0], changes[-1]) == ("published", "withdrawn")
    listed = client.get(ENTRIES, params={"subject_id": world["company"]}, headers=world["li"])
    row = next(r for r in listed.json()["items"] if r["id"] == entry["id"])
    assert (row["severity"], row["status"], row["published_at"]) == ("minor", "listed", None)

    history = client.get(
        f"/api/v1/audit/subjects/{world['company']}/history", headers=world["admin"]
    ).json()
    assert "ListEntry.TermsRecomputed" in {item["type"] for item in history["items"]}
    params = {"identifier": COMPANY_USCC, "basis": "recorded"}
    then = client.get(
        "/api/v1/audit/disclosure",
        params={**params, "as_of": before_correction},
        headers=world["admin"],
    ).json()
    now = client.get("/api/v1/audit/disclosure", params=params, headers=world["admin"]).json()
    assert [i["entry_id"] for i in then["items"]] == [shown_id(world, entry["id"])]
    assert now["items"] == []


def test_a_correction_from_minor_to_general_publishes_the_entry(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry = recorded(client, world["li"], decision(world["company"], "penalty", "minor", "7"))
    assert (entry["status"], entry["publishable"]) == ("listed", False)
    assert object_and_uphold(client, world, entry["id"], {"severity": "general"}).status_code == 200
    corrected = client.get(f"{ENTRIES}/{entry['id']}", headers=world["li"]).json()
    assert corrected["status"] == "published" and corrected["published_at"] == TODAY.isoformat()
    decided = date.fromisoformat(entry["decision_date"])
    assert corrected["publication"]["max_end"] == months_later(decided, 12).isoformat()
    assert (
        client.get(f"/api/v1/public/entries/{shown_id(world, entry['id'])}").json()["severity"]
        == "general"
    )
    assert feed_of(client, shown_id(world, entry["id"])) == ["published"]


def test_a_corrected_decision_date_takes_the_regime_in_force_on_it(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry = recorded(client, world["li"], decision(world["company"], "penalty", "serious", "8"))
    assert entry["regime"] == "ndrc_order_36"
    upheld = object_and_uphold(client, world, entry["id"], {"decision_date": "2020-01-10"})
    assert upheld.status_code == 200, upheld.text
    corrected = client.get(f"{ENTRIES}/{entry['id']}", headers=world["li"]).json()
    assert corrected["decision_date"] == "2020-01-10"
    assert corrected["regime"] == "ndrc_2019_527"  # serious: 6 months to 3 years
    assert corrected["publication"] == {"min_end": "2020-07-10", "max_end": "2023-01-10"}
    assert (corrected["status"], corrected["recorded_status"]) == ("expired", "expired")
    assert corrected["ended_on"] is None or corrected["ended_on"] == "2023-01-10"
    assert client.get(f"/api/v1/public/entries/{shown_id(world, entry['id'])}").status_code == 404
    assert feed_of(client, shown_id(world, entry["id"]))[-1] == "withdrawn"


@pytest.mark.parametrize(
    ("list_type", "severity", "correction", "code"),
    [
        ("focus", "general", {"severity": "serious"}, "severity_not_allowed"),
        ("penalty", "general", {"list_type": "blacklist"}, "severity_not_allowed"),
        ("penalty", "general", {"decision_date": "2099-01-01"}, "validation_error"),
    ],
)
def test_a_correction_the_rules_refuse_writes_nothing(
    client: TestClient,
    system: Chengxin,
    world: dict[str, Any],
    list_type: str,
    severity: str,
    correction: dict[str, Any],
    code: str,
) -> None:
    entry = recorded(client, world["li"], decision(world["company"], list_type, severity, "9"))
    objection = client.post(
        f"{ENTRIES}/{entry['id']}/objections", json={"grounds": "有误"}, headers=world["owner"]
    ).json()
    before = system.store.max_position()
    answer = client.post(
        f"{ENTRIES}/{entry['id']}/objections/{objection['id']}/resolution",
        json={"outcome": "upheld", "reason": "更正", "correction": correction},
        headers=world["li"],
    )
    assert (answer.status_code, answer.json()["code"]) == (422, code), answer.text
    assert system.store.max_position() == before


def resolve(client: TestClient, world: dict[str, Any], entry_id: str, correction: Any) -> Any:
    """Upheld with the correction: on the open objection, or on one filed now."""
    objection = client.get(f"{ENTRIES}/{entry_id}", headers=world["li"]).json()["objection"]
    if objection is None:
        objection = client.post(
            f"{ENTRIES}/{entry_id}/objections", json={"grounds": "有误"}, headers=world["owner"]
        ).json()
    return client.post(
        f"{ENTRIES}/{entry_id}/objections/{objection['id']}/resolution",
        json={"outcome": "upheld", "reason": "更正", "correction": correction},
        headers=world["li"],
    )


def test_corrections_keep_red_and_black_apart(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    company, li = world["company"], world["li"]
    focus = recorded(client, li, decision(company, "focus", "general", "20"))
    penalty = recorded(client, li, decision(company, "penalty", "general", "21"))
    # to the red list while another dishonesty entry (the focus listing) is active: refused
    before = system.store.max_position()
    refused_red = resolve(client, world, penalty["id"], {"list_type": "red"})
    assert (refused_red.status_code, refused_red.json()["code"]) == (422, "dishonesty_active")
    assert system.store.max_position() == before + 1  # only the objection that was filed

    # the focus listing itself corrected to the red list: honour, no severity, no repair date
    upheld = resolve(client, world, focus["id"], {"list_type": "red"})
    assert upheld.status_code == 200, upheld.text
    red = upheld.json()
    assert (red["list_type"], red["severity"], red["repair_possible_from"]) == ("red", None, None)
    assert (
        client.get(f"/api/v1/public/entries/{shown_id(world, red['id'])}").json()["severity"]
        is None
    )

    # a penalty corrected to serious is dishonesty: the subject's red entry ends with it
    serious = resolve(client, world, penalty["id"], {"severity": "serious"})
    assert serious.status_code == 200, serious.text
    ended = client.get(f"{ENTRIES}/{red['id']}", headers=li).json()
    assert ended["status"] == "revoked"
    assert client.get(f"/api/v1/public/entries/{shown_id(world, red['id'])}").status_code == 404
    check = client.get("/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=li)
    assert check.json()["rewards"] == []


# -- each list its own periods; repairable derived --------------------------------------------


def test_a_court_defaulter_is_listed_two_years_never_repairable_lengthened_for_obstruction(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    court = officer(client, "wang.fa", "court")
    body = {**decision(world["company"], "blacklist", "serious", "12"), "domain": "court_judgments"}
    for wrong, code in (
        ({"repairable": True}, "not_repairable_by_rule"),
        ({"extension_months": 48}, "validation_error"),
    ):
        assert refused(client, system, court, {**body, **wrong})["code"] == code

    entry = recorded(client, court, body)
    decided = date.fromisoformat(body["decision_date"])
    two_years = months_later(decided, 24).isoformat()
    assert entry["special_list"] == "court_defaulters"
    assert entry["publication"] == {"min_end": two_years, "max_end": two_years}
    assert (entry["repairable"], entry["repair_possible_from"]) == (False, None)
    repair = client.post(
        "/api/v1/repairs",
        json={"entry_id": entry["id"], "commitment_signed": True, "obligations_evidence": ["x"]},
        headers=world["owner"],
    )
    assert (repair.status_code, repair.json()["reason"]) == (422, "not_repairable")

    longer = recorded(
        client, court, {**body, "decision_no": "淮中法执〔2026〕1号", "extension_months": 24}
    )
    assert longer["publication"]["max_end"] == months_later(decided, 48).isoformat()
    assert longer["extension_months"] == 24
    not_court = decision(world["company"], "blacklist", "serious", "13", extension_months=12)
    assert refused(client, system, world["li"], not_court)["code"] == "validation_error"


def test_the_samr_lists_have_their_own_periods(client: TestClient, world: dict[str, Any]) -> None:
    samr = officer(client, "sun.gong", "market_regulation")
    decided = date(2022, 3, 1)  # under the 2019 regime: serious 6 months to 3 years
    black = recorded(
        client,
        samr,
        {
            **decision(world["company"], "blacklist", "serious", "14"),
            "domain": "fake_drugs",
            "decision_date": decided.isoformat(),
        },
    )
    assert black["special_list"] == "samr_serious_illegal"
    assert black["publication"] == {"min_end": "2023-03-01", "max_end": "2025-03-01"}
    police = recorded(
        client,
        world["li"],
        {
            **decision(world["company"], "blacklist", "serious", "15"),
            "decision_date": decided.isoformat(),
        },
    )
    assert police["special_list"] is None
    assert police["publication"] == {"min_end": "2022-09-01", "max_end": "2025-03-01"}

    penalty = recorded(
        client,
        samr,
        {**decision(world["company"], "penalty", "general", "16"), "domain": "fake_drugs"},
    )
    three_months = months_later(date.fromisoformat(penalty["decision_date"]), 3).isoformat()
    assert penalty["special_list"] == "samr_penalty"
    assert penalty["publication"] == {"min_end": three_months, "max_end": three_months}


def test_a_penalty_without_early_stop_is_not_repairable_and_cannot_be_made_so(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    body = decision(world["company"], "penalty", "serious", "17", penalty_kind="licence_revocation")
    assert refused(client, system, world["li"], {**body, "repairable": True})["code"] == (
        "not_repairable_by_rule"
    )
    for wrong in ({"penalty_kind": "flogging"}, {"list_type": "blacklist"}):
        assert refused(client, system, world["li"], {**body, **wrong})["code"] == "validation_error"
    entry = recorded(client, world["li"], body)
    assert (entry["penalty_kind"], entry["repairable"]) == ("licence_revocation", False)
    assert entry["repair_possible_from"] is None
    fined = recorded(
        client,
        world["li"],
        decision(world["company"], "penalty", "serious", "18", penalty_kind="fine"),
    )
    assert fined["repairable"] is True and fined["repair_possible_from"]


def test_an_officer_makes_a_repairable_entry_not_repairable_only_with_a_reason(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    body = decision(world["company"], "penalty", "general", "19", repairable=False)
    answer = refused(client, system, world["li"], body)
    assert answer["code"] == "validation_error"
    assert answer["errors"][0]["loc"][-1] == "not_repairable_reason"
    entry = recorded(client, world["li"], {**body, "not_repairable_reason": "拒不整改，情节严重"})
    assert (entry["repairable"], entry["not_repairable_reason"]) == (False, "拒不整改，情节严重")
    assert entry["repair_possible_from"] is None


def test_a_court_defaulter_is_removed_on_verified_performance(
    client: TestClient, world: dict[str, Any]
) -> None:
    court = officer(client, "wang.fa", "court")
    body = {**decision(world["company"], "blacklist", "serious", "22"), "domain": "court_judgments"}
    entry = recorded(client, court, body)
    assert entry["status"] == "published"
    performed = client.post(
        f"{ENTRIES}/{entry['id']}/rectification",
        json={"description": "已履行判决确定的全部义务", "performed_on": TODAY.isoformat()},
        headers=world["owner"],
    )
    assert performed.status_code == 200, performed.text
    assert client.get(f"{ENTRIES}/{entry['id']}", headers=court).json()["status"] == "published"
    verified = client.post(
        f"{ENTRIES}/{entry['id']}/rectification/verification",
        json={"note": "经核实已履行"},
        headers=court,
    )
    assert verified.status_code == 200, verified.text
    assert (verified.json()["status"], verified.json()["ended_on"]) == ("expired", str(TODAY))
    assert client.get(f"/api/v1/public/entries/{shown_id(world, entry['id'])}").status_code == 404
    assert feed_of(client, shown_id(world, entry["id"]))[-1] == "withdrawn"
    history = client.get(
        f"/api/v1/audit/subjects/{world['company']}/history", headers=world["admin"]
    ).json()
    assert "ListEntry.RemovedOnPerformance" in {item["type"] for item in history["items"]}

    # elsewhere a verified rectification counts as governed but leaves the listing in place
    police = recorded(client, world["li"], decision(world["company"], "blacklist", "serious", "23"))
    client.post(
        f"{ENTRIES}/{police['id']}/rectification",
        json={"description": "已整改", "performed_on": TODAY.isoformat()},
        headers=world["owner"],
    )
    kept = client.post(
        f"{ENTRIES}/{police['id']}/rectification/verification", json={}, headers=world["li"]
    )
    assert kept.status_code == 200 and kept.json()["status"] == "published"

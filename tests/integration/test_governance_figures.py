"""Governance figures that mean something, through HTTP on both backends (issue 18, item 1)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from application.accounts import Principal
from application.entries import RecordRectification, RevokeEntry
from domain.accounts import Role
from domain.entry import ListEntry
from domain.entry_values import EntryStatus
from domain.governance import EntryFacts, Period, is_governed, is_listed
from infrastructure.bootstrap import Chengxin
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.integration.test_governance import ADMIN_PRINCIPAL, STATS, blacklist
from tests.support import ADMIN, create_user, officer, page_sign_in, sign_in

Headers = dict[str, str]


def telecom(client: TestClient, headers: Headers, **params: Any) -> dict[str, Any]:
    answer = client.get(STATS, params={"domain": "telecom_fraud", **params}, headers=headers)
    assert answer.status_code == 200, answer.text
    domain: dict[str, Any] = answer.json()["domains"][0]
    return domain


def rectify(client: TestClient, headers: Headers, entry: ListEntry, day: date) -> None:
    body = {"description": "已整改", "performed_on": day.isoformat(), "evidence": ["整改报告"]}
    answer = client.post(f"/api/v1/entries/{entry.id}/rectification", json=body, headers=headers)
    assert answer.status_code == 200, answer.text


def verify(client: TestClient, headers: Headers, entry: ListEntry) -> Any:
    url = f"/api/v1/entries/{entry.id}/rectification/verification"
    return client.post(url, json={"note": "经核查属实"}, headers=headers)


def test_revoked_unverified_and_expired_entries_do_not_flatter_the_rate(
    client: TestClient, system: Chengxin
) -> None:
    admin = sign_in(client, *ADMIN)
    today = system.clock.today()
    entries = blacklist(system, "telecom_fraud", 5, "913208001234567")
    assert (telecom(client, admin)["listed"], telecom(client, admin)["governed"]) == (5, 0)
    revoked = client.post(
        f"/api/v1/entries/{entries[0].id}/revocation", json={"reason": "认定错误"}, headers=admin
    )
    assert revoked.status_code == 200, revoked.text
    figures = telecom(client, admin)
    assert (figures["listed"], figures["governed"]) == (4, 0)  # the wrong listing left both
    for entry in entries[1:4]:
        rectify(client, admin, entry, today)
    unverified = telecom(client, admin)
    assert (unverified["governed"], unverified["rate"]) == (0, 0.0)  # self-declared: no count
    assert unverified["meets_target"] is False
    for entry in entries[1:4]:
        answer = verify(client, admin, entry)
        assert answer.status_code == 200, answer.text
        assert answer.json()["rectification_verified_on"] == today.isoformat()
    verified = telecom(client, admin)
    assert (verified["listed"], verified["governed"], verified["rate"]) == (4, 3, 0.75)
    assert (verified["target"], verified["meets_target"]) == (0.8, False)
    assert verify(client, admin, entries[1]).json()["code"] == "invalid_state"  # only once
    assert verify(client, admin, entries[4]).status_code == 409  # nothing rectified yet
    rectify(client, admin, entries[4], today)
    verify(client, admin, entries[4])
    done = telecom(client, admin)
    assert (done["governed"], done["rate"], done["meets_target"]) == (4, 1.0, True)


def test_only_the_deciding_department_verifies_a_rectification(
    client: TestClient, system: Chengxin
) -> None:
    entry = blacklist(system, "telecom_fraud", 1, "913208001234568")[0]
    admin = sign_in(client, *ADMIN)
    rectify(client, admin, entry, system.clock.today())
    police = officer(client)  # the entry was decided by the credit office
    assert verify(client, police, entry).status_code == 403
    credit = officer(client, "zhao.lei", "credit_office")
    assert verify(client, credit, entry).status_code == 200
    office = create_user(client, admin, username="wmb.office", role="office")
    assert verify(client, office, entry).status_code == 403


def test_a_domain_without_listings_has_no_rate_and_the_headline_counts_green_bars(
    client: TestClient, system: Chengxin
) -> None:
    entries = blacklist(system, "telecom_fraud", 1, "913208001234569")
    blacklist(system, "finance", 1, "913208009876543")
    with_verified(system, entries[0])
    admin = sign_in(client, *ADMIN)
    body = client.get(STATS, headers=admin).json()
    by_code = {d["code"]: d for d in body["domains"]}
    charity = by_code["charity"]
    assert (charity["listed"], charity["rate"], charity["meets_target"]) == (0, None, None)
    assert by_code["telecom_fraud"]["meets_target"] is True
    assert by_code["finance"]["meets_target"] is False
    assert (body["met"], body["with_data"]) == (1, 2)
    assert all(d["target"] == 0.8 for d in body["domains"])
    page_sign_in(client, *ADMIN)
    page = client.get("/dashboard")
    assert page.status_code == 200, page.text
    green = len(re.findall(r'class="bar-ok"', page.text)) // 2  # a wide and a narrow chart
    assert green == body["met"] == 1
    assert f"<b>{body['met']}/19</b>" in page.text
    assert "无数据" in page.text


def with_verified(system: Chengxin, entry: ListEntry) -> None:
    system.entries.record_rectification(
        ADMIN_PRINCIPAL, RecordRectification(entry.id, "已整改", system.clock.today(), ["整改报告"])
    )
    system.entries.verify_rectification(ADMIN_PRINCIPAL, entry.id, "属实")


def test_the_office_sets_the_years_target_and_every_figure_uses_it(
    client: TestClient, system: Chengxin
) -> None:
    admin = sign_in(client, *ADMIN)
    office = create_user(client, admin, username="wmb.office", role="office")
    year = system.clock.today().year
    url = f"/api/v1/reports/targets/{year}/telecom_fraud"
    answer = client.put(url, json={"rate": 0.9, "goal": "涉诈失信主体动态清零"}, headers=office)
    assert answer.status_code == 200, answer.text
    assert client.put(url, json={"rate": 0.5}, headers=office).json()["code"] == "validation_error"
    assert client.put(url, json={"rate": 0.9}, headers=officer(client)).status_code == 403
    unknown = client.put(
        f"/api/v1/reports/targets/{year}/nowhere", json={"rate": 0.9}, headers=office
    )
    assert unknown.status_code == 422
    assert telecom(client, office)["target"] == 0.9
    assert telecom(client, office, year=year - 1)["target"] == 0.8  # per year
    listed = client.get(f"/api/v1/reports/targets/{year}", headers=office).json()["items"]
    assert [t["rate"] for t in listed if t["domain"] == "telecom_fraud"] == [0.9]


def test_the_sql_counts_exactly_what_the_domain_rule_says(
    client: TestClient, system: Chengxin
) -> None:
    """Every kind of entry at once: the statistics agree with is_listed / is_governed."""
    entries = blacklist(system, "telecom_fraud", 6, "913208001234570")
    with_verified(system, entries[0])
    system.entries.record_rectification(
        ADMIN_PRINCIPAL, RecordRectification(entries[1].id, "自称整改", system.clock.today(), [])
    )
    system.entries.revoke(ADMIN_PRINCIPAL, RevokeEntry(entries[2].id, "撤销"))
    with_verified(system, entries[3])
    period = Period(system.clock.today().year)
    cutoff = period.cutoff(system.clock.today())
    loaded = [system.entries.get(e.id) for e in entries]
    rule = [facts_of(e) for e in loaded]
    listed = sum(is_listed(f, period, cutoff) for f in rule)
    governed = sum(is_listed(f, period, cutoff) and is_governed(f, cutoff) for f in rule)
    figures = telecom(client, sign_in(client, *ADMIN))
    assert (figures["listed"], figures["governed"]) == (listed, governed) == (5, 2)


def facts_of(entry: ListEntry) -> EntryFacts:
    return EntryFacts(
        decision_date=entry.decision_date,
        ends_on=entry.ended_on or entry.max_end,
        revoked=entry.status is EntryStatus.REVOKED,
        repaired_on=entry.ended_on if entry.status is EntryStatus.REPAIRED else None,
        verified_on=entry.rectification_verified_on,
    )


def test_an_office_account_is_created_by_an_admin_and_reads_every_domain(
    client: TestClient,
) -> None:
    admin = sign_in(client, *ADMIN)
    office = create_user(client, admin, username="wmb.office", role="office")
    assert len(client.get(STATS, headers=office).json()["domains"]) == 19
    assert client.get("/api/v1/entries", headers=office).status_code == 403
    with_department = client.post(
        "/api/v1/users",
        json={
            "username": "x.office",
            "password": "pw-123456789",
            "role": "office",
            "department": "court",
        },
        headers=admin,
    )
    assert with_department.status_code == 422
    assert Principal("wmb.office", Role.OFFICE).role.value == "office"


def test_the_command_line_creates_an_office_account(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    made = CliRunner().invoke(
        cli, ["users", "create", "xyb.office", "--role", "office", "--password", "pw-12345678"]
    )
    assert made.exit_code == 0, made.output
    office = sign_in(client, "xyb.office", "pw-12345678")
    status = client.get(
        "/api/v1/reports/progress/status", params={"year": 2024, "quarter": 4}, headers=office
    )
    assert status.status_code == 200, status.text
    assert all(item["late"] for item in status.json()["items"])  # nothing filed, long past due

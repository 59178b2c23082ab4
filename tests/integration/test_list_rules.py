"""Rules between lists: red and black exclude each other; a lifetime measure outlives the entry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from tests.support import ADMIN, COMPANY_USCC, TODAY, officer, register_subject, sign_in


def decision(subject: str, list_type: str, number: str, days_ago: int = 10, **extra: Any) -> Any:
    return {
        "subject_id": subject,
        "list_type": list_type,
        "domain": "telecom_fraud",
        "severity": None if list_type == "red" else "serious",
        "decision_no": f"淮公〔2026〕{number}号",
        "legal_basis": "《江苏省社会信用条例》",
        "decision_date": (TODAY - timedelta(days=days_ago)).isoformat(),
        **extra,
    }


def test_a_subject_with_an_active_blacklisting_is_refused_the_red_list(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安诚信示范有限公司")
    black = client.post("/api/v1/entries", json=decision(company, "blacklist", "1"), headers=li)
    assert black.status_code == 201
    before = system.store.max_position()
    red = client.post("/api/v1/entries", json=decision(company, "red", "2"), headers=li)
    assert red.status_code == 422, red.text
    assert red.json()["code"] == "dishonesty_active"
    assert system.store.max_position() == before


def test_a_dishonesty_listing_ends_the_red_list_entry_in_the_same_save(
    client: TestClient,
) -> None:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安诚信示范有限公司")
    red = client.post("/api/v1/entries", json=decision(company, "red", "3"), headers=li).json()
    check = client.get("/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=li)
    assert check.json()["rewards"] and not check.json()["sanctions"]

    black = client.post("/api/v1/entries", json=decision(company, "blacklist", "4"), headers=li)
    assert black.status_code == 201
    ended = client.get(f"/api/v1/entries/{red['id']}", headers=li).json()
    assert ended["status"] == "revoked"
    assert client.get(f"/api/v1/public/entries/{red['id']}").status_code == 404
    check = client.get("/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=li)
    assert check.json()["sanctions"] and check.json()["rewards"] == []
    auditor = sign_in(client, *ADMIN)
    history = client.get(f"/api/v1/audit/subjects/{company}/history", headers=auditor).json()
    assert "ListEntry.HonourEnded" in {item["type"] for item in history["items"]}


def test_the_charity_ban_is_lifelong_repair_or_expiry_does_not_lift_it(
    client: TestClient,
) -> None:
    mca = officer(client, "zhou.min", "civil_affairs")
    company = register_subject(client, mca, "legal_person", COMPANY_USCC, "淮安某慈善基金会")
    body = {**decision(company, "blacklist", "5", days_ago=3 * 365 - 5), "domain": "charity"}
    entry = client.post("/api/v1/entries", json=body, headers=mca).json()
    for code in ("charity_award_lifetime_ban", "restrict_bidding"):
        applied = client.post(
            f"/api/v1/entries/{entry['id']}/measures", json={"measure_code": code}, headers=mca
        )
        assert applied.status_code == 200, applied.text

    admin = sign_in(client, *ADMIN)
    after_window = (TODAY + timedelta(days=30)).isoformat()
    swept = client.post("/api/v1/admin/sweep", json={"as_of": after_window}, headers=admin)
    assert swept.json()["expired"] == 1
    ended = client.get(f"/api/v1/entries/{entry['id']}", headers=mca).json()
    assert ended["status"] == "expired"
    lifted = {m["code"]: m["lifted_on"] for m in ended["measures"]}
    assert lifted["charity_award_lifetime_ban"] is None
    assert lifted["restrict_bidding"] is not None

    check = client.get("/api/v1/credit-check", params={"identifier": COMPANY_USCC}, headers=mca)
    assert check.json()["entries"] == []
    assert check.json()["sanctions"] == ["charity_award_lifetime_ban"]

"""Issue 22 item 5: a record whose stored event is damaged says so (500 `damaged_record` naming
it), once in the log; every other record and the integrity check go on working; a damaged
account signs nobody in. On SQLite and on PostgreSQL."""

from __future__ import annotations

import logging
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from domain.accounts import account_id_for
from infrastructure.bootstrap import Chengxin
from tests.audit_support import EVENTS
from tests.support import ADMIN, COMPANY_2_USCC, COMPANY_USCC, officer, register_subject, sign_in


def position_of(system: Chengxin, aggregate_id: UUID, version: int) -> int:
    position = system.store.position_of(aggregate_id, version)
    assert position is not None
    return position


def damage(system: Chengxin, position: int, state: bytes) -> None:
    with system.store.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {EVENTS} SET state = :state WHERE id = :id"),
            {"state": state, "id": position},
        )


@pytest.mark.parametrize("state", [b"\xff\xfe not json", b'{"unexpected": 1}'])
def test_a_damaged_subject_says_so_and_the_rest_keeps_working(
    client: TestClient, system: Chengxin, caplog: pytest.LogCaptureFixture, state: bytes
) -> None:
    li = officer(client)
    damaged = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    healthy = register_subject(client, li, "legal_person", COMPANY_2_USCC, "淮安另一家公司")
    position = position_of(system, UUID(damaged), 1)
    damage(system, position, state)
    with caplog.at_level(logging.ERROR, logger="chengxin.records"):
        for _ in range(2):
            answer = client.get(f"/api/v1/subjects/{damaged}", headers=li)
            assert answer.status_code == 500
            assert answer.headers["content-type"] == "application/problem+json"
            problem = answer.json()
            assert problem["code"] == "damaged_record"
            assert (problem["aggregate_id"], problem["position"]) == (damaged, position)
    logged = [r for r in caplog.records if "damaged record" in r.getMessage()]
    assert len(logged) == 1
    assert "淮安" not in logged[0].getMessage()
    assert client.get(f"/api/v1/subjects/{healthy}", headers=li).status_code == 200
    admin = sign_in(client, *ADMIN)
    auditor_check = client.get("/api/v1/audit/integrity", headers=admin)
    assert auditor_check.status_code == 200
    assert auditor_check.json()["first_broken"]["position"] == position


def test_a_damaged_account_fails_closed(client: TestClient, system: Chengxin) -> None:
    li = officer(client)
    damage(system, position_of(system, account_id_for("li.ming"), 1), b"garbage")
    answer = client.get("/api/v1/subjects", headers=li)
    assert (answer.status_code, answer.json()["code"]) == (401, "invalid_token")
    again = client.post(
        "/api/v1/auth/token", data={"username": "li.ming", "password": "officer-password"}
    )
    assert again.status_code == 401
    assert sign_in(client, *ADMIN)  # everyone else still signs in

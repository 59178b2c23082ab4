"""The command path's shortcuts keep every behaviour (issue 20 item 3): the caller's principal is
cached per account version, yet a change made by another process takes effect at the next
request; a duplicate subject is still told by its conflict; every projection's position moves
with each save; a view row is upserted in one statement. Each test runs on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from stdnum.cn.uscc import calc_check_digit

from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin, build
from infrastructure.projection_tables import positions_table
from infrastructure.settings import Settings
from tests.support import ADMIN, officer, sign_in


def uscc() -> str:
    body = "91320800000000123"
    return body + calc_check_digit(body)


@pytest.fixture
def other_process(settings: Settings) -> Iterator[Chengxin]:
    """A second server's system on the same database: its own caches, nothing shared."""
    other = build(settings)
    yield other
    other.close()


def statements(system: Chengxin) -> list[str]:
    seen: list[str] = []

    @event.listens_for(system.store.engine, "before_cursor_execute")
    def note(*args: object) -> None:
        seen.append(str(args[2]))

    return seen


def test_a_revocation_by_another_process_ends_a_cached_token_at_once(
    client: TestClient, system: Chengxin, other_process: Chengxin
) -> None:
    li = officer(client)
    for _ in range(3):  # the principal is cached now
        assert client.get("/api/v1/users/me", headers=li).status_code == 200
    other_process.accounts.revoke_tokens("li.ming", "test")
    answer = client.get("/api/v1/users/me", headers=li)
    assert answer.status_code == 401 and answer.json()["code"] == "invalid_token"


def test_a_deactivation_by_another_process_refuses_the_next_request(
    client: TestClient, system: Chengxin, other_process: Chengxin
) -> None:
    li = officer(client)
    assert client.get("/api/v1/users/me", headers=li).status_code == 200
    other_process.accounts._change(
        other_process.accounts._find("li.ming").id,  # type: ignore[union-attr]
        lambda account: account.deactivate(),
    )
    assert client.get("/api/v1/users/me", headers=li).status_code == 401


def test_a_cached_principal_needs_no_replay_of_the_account(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    assert client.get("/api/v1/users/me", headers=li).status_code == 200
    seen = statements(system)
    assert client.get("/api/v1/users/me", headers=li).status_code == 200
    reads_of_events = [s for s in seen if "FROM chengxin_events" in s]
    assert len(reads_of_events) == 1 and "max(" in reads_of_events[0]


def test_a_duplicate_subject_is_still_a_conflict_that_names_it(client: TestClient) -> None:
    admin = sign_in(client, *ADMIN)
    body = {"kind": SubjectKind.LEGAL_PERSON.value, "identifier": uscc(), "name": "淮安甲公司"}
    first = client.post("/api/v1/subjects", json=body, headers=admin)
    again = client.post("/api/v1/subjects", json=body, headers=admin)
    assert first.status_code == 201
    assert again.status_code == 409 and again.json()["code"] == "duplicate_subject"
    assert again.json()["subject_id"] == first.json()["id"]


def test_every_projection_moves_to_the_last_event_of_each_save_in_one_statement(
    client: TestClient, system: Chengxin
) -> None:
    admin = sign_in(client, *ADMIN)
    body = {"kind": SubjectKind.LEGAL_PERSON.value, "identifier": uscc(), "name": "淮安乙公司"}
    seen = statements(system)
    assert client.post("/api/v1/subjects", json=body, headers=admin).status_code == 201
    touching_positions = [s for s in seen if "projection_positions" in s]
    upserts = [s for s in seen if "rm_subject_streams" in s]
    with system.store.engine.connect() as connection:
        stored = connection.execute(select(positions_table.c.position)).scalars().all()
    assert set(stored) == {system.store.max_position()}
    assert len(touching_positions) == 2  # one read, one write, for all projections
    assert len(upserts) == 1 and "ON CONFLICT" in upserts[0]

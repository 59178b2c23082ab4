"""The public site's reads on PostgreSQL: one statement in autocommit per read, from a pool that
is not pinged, and a read whose pooled connection the server dropped runs again on a new one."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.replica import ReplicaReads
from tests.integration.public_world import record, register

pytestmark = pytest.mark.postgres
NAME = "淮安连接测试有限公司"


@pytest.fixture
def backend() -> str:
    return "postgres"


@pytest.fixture
def listed(system: Chengxin) -> ReplicaReads:
    record(system, register(system, SubjectKind.LEGAL_PERSON, NAME))
    assert [e.subject_name for e in system.public.search(q="连接测试").items] == [NAME]
    return system.replica


def test_a_public_search_is_one_statement_without_a_ping_or_a_transaction(
    system: Chengxin, listed: ReplicaReads, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = listed.on_primary
    assert engine is not None
    statements: list[str] = []
    pings: list[Any] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    monkeypatch.setattr(engine.dialect, "do_ping", pings.append)
    assert [e.subject_name for e in system.public.search(q="连接测试").items] == [NAME]
    assert len(statements) == 1, statements
    assert statements[0].lstrip().upper().startswith("SELECT")
    assert pings == []
    with engine.connect() as connection:  # no BEGIN before the statement, no ROLLBACK after it
        assert connection.connection.dbapi_connection.autocommit is True  # type: ignore[union-attr]


def test_a_read_on_a_connection_the_server_dropped_runs_again_on_a_new_one(
    system: Chengxin, listed: ReplicaReads
) -> None:
    """As after a restart of PostgreSQL: every connection the pool holds is gone."""
    engine = listed.on_primary
    assert engine is not None
    with engine.connect() as connection:
        mine = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    with system.store.engine.connect() as admin:
        dropped = admin.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    assert dropped and mine
    assert [e.subject_name for e in system.public.search(q="连接测试").items] == [NAME]
    assert system.public.summary().records == 1

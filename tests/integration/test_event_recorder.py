"""The event table written in bulk: positions follow the events, a duplicate is a conflict."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from sqlalchemy import func, select, text

from domain.errors import VersionConflict
from domain.subject import Subject, SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.event_recorder import BulkEventRecorder
from tests.support import valid_uscc

MORE_THAN_ONE_INSERT_PAGE = 1_200  # SQLAlchemy sends at most 1,000 rows per statement


def companies(count: int) -> list[Subject]:
    made = []
    for number in range(count):
        company = Subject.register(
            SubjectKind.LEGAL_PERSON,
            valid_uscc(f"91320800MA1MC{number:04d}"),
            f"淮安第{number}公司",
        )
        company.rename(f"淮安市第{number}有限公司")
        made.append(company)
    return made


def test_the_application_writes_through_the_bulk_recorder(system: Chengxin) -> None:
    assert isinstance(system.app.recorder, BulkEventRecorder)


def test_a_save_gives_each_event_its_own_position_in_the_order_saved(system: Chengxin) -> None:
    saved = companies(MORE_THAN_ONE_INSERT_PAGE // 2)
    events = [event for company in saved for event in company.pending_events]
    recordings: list[Any] = system.app.save(*saved)
    positions = [recording.notification.id for recording in recordings]
    assert [r.domain_event for r in recordings] == events
    assert positions == list(range(positions[0], positions[0] + len(events)))
    stored = system.store.read(positions[0] - 1, len(events))
    assert [(n.id, n.originator_id, n.originator_version) for n in stored] == [
        (position, event.originator_id, event.originator_version)
        for position, event in zip(positions, events, strict=True)
    ]


def test_a_duplicate_version_is_a_conflict_and_nothing_of_its_save_lands(
    system: Chengxin,
) -> None:
    (first,) = companies(1)
    system.app.save(first)
    before = system.store.max_position()
    again = Subject.register(SubjectKind.LEGAL_PERSON, first.identifier, "另一家公司")
    (newcomer,) = companies(2)[1:]
    with pytest.raises(VersionConflict) as refused:
        system.app.save(newcomer, again)
    assert refused.value.code == "version_conflict"
    assert system.store.max_position() == before
    assert not system.app.exists(newcomer.id)


def test_the_recorder_itself_raises_eventsourcings_integrity_error(system: Chengxin) -> None:
    aggregate_id = uuid4()
    twice = [
        StoredEvent(aggregate_id, 1, "topic", b"{}"),
        StoredEvent(aggregate_id, 1, "topic", b"{}"),
    ]
    before = system.store.max_position()
    with pytest.raises(IntegrityError):
        system.app.recorder.insert_events(twice)
    assert system.store.max_position() == before


def test_postgresql_connections_run_without_jit(system: Chengxin) -> None:
    """Short statements only: on stale statistics JIT compiled a one-aggregate look-up for
    40 ms. Every connection of the store, the replica's too, has it off, in and out of a
    session's transaction."""
    if not system.store.is_postgres:
        pytest.skip("PostgreSQL's JIT")
    with system.store.engine.connect() as connection:
        assert connection.execute(text("SHOW jit")).scalar() == "off"
    with system.store.reading() as session:
        assert session.execute(text("SHOW jit")).scalar() == "off"
    assert system.replica.value(select(func.current_setting("jit"))) == "off"

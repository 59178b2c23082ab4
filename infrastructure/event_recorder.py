"""The event table written in bulk: a save's events go in multi-row INSERTs, not ORM objects.

eventsourcing-sqlalchemy adds an ORM object per event and flushes the unit of work, which costs
more than the database does. Here a save is an INSERT … VALUES … RETURNING of up to 1,000 rows a
statement (SQLAlchemy's "insertmanyvalues"). RETURNING promises no row order, and SQLAlchemy's
`sort_by_parameter_order` falls back to a statement per row on SQLite, so each returned position
is matched to its event by the unique (originator_id, originator_version) key instead. The table
lock, the NOTIFY and the conflict on a duplicate version (eventsourcing's IntegrityError, raised
when the transaction ends) are as in the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import Environment
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.factory import SQLAlchemyFactory
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import ColumnElement, Insert, LargeBinary, Table, insert, type_coerce
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import Session


class BulkEventRecorder(SQLAlchemyApplicationRecorder):
    def _insert_stored_events(
        self, session: Session, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int]:
        self._lock_table(session)
        positions = self._insert_rows(session, stored_events) if stored_events else {}
        self._notify_channel(session)
        key = _as_bytes if self._raw_ids else _as_is
        return [positions[key(e.originator_id), e.originator_version] for e in stored_events]

    def _insert_rows(
        self, session: Session, stored_events: Sequence[StoredEvent]
    ) -> dict[tuple[UUID | str | bytes, int], int]:
        """Each event's position, found by its aggregate id and version."""
        rows = [
            {
                "originator_id": event.originator_id,
                "originator_version": event.originator_version,
                "topic": event.topic,
                "state": event.state,
            }
            for event in stored_events
        ]
        returned = session.execute(self._insert_returning_positions, rows)
        return {(aggregate, version): position for position, aggregate, version in returned}

    @cached_property
    def _raw_ids(self) -> bool:
        return keeps_id_bytes(cast(Engine, self.datastore.engine).dialect)

    @cached_property
    def _insert_returning_positions(self) -> Insert:
        table: Table = self.events_record_cls.__table__
        returned = originator_ids(table, cast(Engine, self.datastore.engine).dialect)
        return insert(table).returning(table.c.id, returned, table.c.originator_version)


def keeps_id_bytes(dialect: Dialect) -> bool:
    """SQLite keeps an aggregate id as its 16 bytes (PostgreSQL as a uuid)."""
    return bool(dialect.name == "sqlite")


def originator_ids(table: Table, dialect: Dialect) -> ColumnElement[Any]:
    """The event table's aggregate id as a query should return it: where the database keeps
    the 16 bytes, those bytes as they are, sparing a UUID made per row that may not need one."""
    column = table.c.originator_id
    return type_coerce(column, LargeBinary) if keeps_id_bytes(dialect) else column


def _as_bytes(aggregate_id: UUID | str) -> bytes:
    return (aggregate_id if isinstance(aggregate_id, UUID) else UUID(aggregate_id)).bytes


def _as_is(aggregate_id: UUID | str) -> UUID | str:
    return aggregate_id


class ResilientDatastore(SQLAlchemyDatastore):
    """A server's pooled connections are checked before use (`pool_pre_ping`): after the
    database restarts, dead connections are replaced instead of failing the next requests."""

    def __init__(self, **kwargs: Any) -> None:
        url = kwargs.get("url")
        if url and not str(url).startswith("sqlite"):
            kwargs.setdefault("pool_pre_ping", True)
        super().__init__(**kwargs)


POOL_KEYS = {"pool_size": "DB_POOL_SIZE", "max_overflow": "DB_MAX_OVERFLOW"}  # in the env


class BulkEventsFactory(SQLAlchemyFactory):
    """eventsourcing-sqlalchemy with the bulk application recorder, its pool sized by the env."""

    datastore_class: type[SQLAlchemyDatastore] = ResilientDatastore
    application_recorder_class = BulkEventRecorder

    def __init__(self, env: Environment) -> None:
        sizes = {name: int(env[key]) for name, key in POOL_KEYS.items() if env.get(key)}
        if sizes and not in_memory_sqlite(env.get(self.SQLALCHEMY_URL) or ""):
            self.datastore_class = _sized(sizes)  # (an in-memory SQLite has one static connection)
        super().__init__(env)


def in_memory_sqlite(url: str) -> bool:
    """As eventsourcing-sqlalchemy tells one: a database no other connection or process sees."""
    return url.startswith("sqlite") and (":memory:" in url or "mode=memory" in url)


def _sized(sizes: dict[str, int]) -> type[ResilientDatastore]:
    class SizedDatastore(ResilientDatastore):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**{**sizes, **kwargs})

    return SizedDatastore

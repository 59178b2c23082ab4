"""The event log as a replay reads it: whole batches in recorded order, through SQLAlchemy Core.

The recorder's own `select_notifications` builds an ORM object per event; a rebuild reads every
event, and Core rows cost about half as much.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import Notification
from sqlalchemy import Table, select

from infrastructure.event_recorder import keeps_id_bytes, originator_ids
from infrastructure.persistence import SqlStore


class ReplayLog:
    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.table: Table = store.recorder.events_record_cls.__table__

    def read(self, after: int, limit: int) -> list[Notification]:
        t = self.table
        dialect = self.store.engine.dialect
        raw = keeps_id_bytes(dialect)  # the 16 bytes come back: UUID() them here
        query = (
            select(t.c.id, originator_ids(t, dialect), t.c.originator_version, t.c.topic, t.c.state)
            .where(t.c.id > after)
            .order_by(t.c.id)
            .limit(limit)
        )
        with self.store.reading() as session:
            rows = session.execute(query).all()
        return [
            Notification(
                id=row[0],
                originator_id=UUID(bytes=row[1]) if raw else row[1],
                originator_version=row[2],
                topic=row[3],
                state=bytes(row[4]),
            )
            for row in rows
        ]

    def max_position(self) -> int:
        return self.store.max_position()

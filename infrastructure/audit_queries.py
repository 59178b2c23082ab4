"""The auditors' reads of the event store: a subject's events in recorded order, the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from sqlalchemy import Table, select

from application.audit import SubjectEvent
from application.audit_projection import StreamKind
from infrastructure.audit_tables import audit_log, subject_events
from infrastructure.persistence import SqlStore


class SqlAuditQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    @property
    def events(self) -> Table:
        table: Table = self.store.recorder.events_record_cls.__table__
        return table

    def events_of_subject(
        self, subject_id: UUID, after: int, limit: int, kinds: Sequence[StreamKind]
    ) -> list[SubjectEvent]:
        e, x = self.events, subject_events
        mine = (
            select(x.c.position, x.c.kind)
            .where(
                x.c.subject_id == str(subject_id),
                x.c.kind.in_([kind.value for kind in kinds]),
                x.c.position > after,
            )
            .order_by(self._in_order(x.c.position))
            .limit(limit)
            .subquery()
        )
        query = (
            select(e.c.id, e.c.originator_id, e.c.originator_version, e.c.topic, e.c.state)
            .add_columns(mine.c.kind)
            .join(mine, mine.c.position == e.c.id)
            .order_by(e.c.id)
        )
        with self.store.reading() as session:
            rows = session.execute(query).all()
        return [
            SubjectEvent(
                StreamKind(row.kind),
                Notification(
                    id=row.id,
                    originator_id=row.originator_id,
                    originator_version=row.originator_version,
                    topic=row.topic,
                    state=bytes(row.state),
                ),
            )
            for row in rows
        ]

    def _in_order(self, position: Any) -> Any:
        """PostgreSQL would walk the whole log in position order looking for a subject's
        events when there are many of them (it expects to meet 50 of 10,000 soon, and they are
        all at the end: 340 ms at 250,000 events); ordering by an expression sends it to the
        subject's index and sorts that subject's rows (12 ms for 10,000). SQLite already reads
        the subject's index in order."""
        return position + 0 if self.store.is_postgres else position

    def audit_log(self, after: int, limit: int) -> list[dict[str, Any]]:
        query = (
            select(audit_log)
            .where(audit_log.c.position > after)
            .order_by(audit_log.c.position)
            .limit(limit)
        )
        with self.store.reading() as session:
            rows = [dict(row._mapping) for row in session.execute(query)]
        for row in rows:
            for name in ("as_of", "recorded_at"):
                row[name] = in_utc(row[name])
        return rows


def in_utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; every stored one is in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class UtcTime:
    """Now, for the auditors' "as of": the one place they read the clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

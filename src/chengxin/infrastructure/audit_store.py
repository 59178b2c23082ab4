"""The auditors' reads of the event store: a subject's events in recorded order, the audit log."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from chengxin.application.audit import SubjectEvent
from chengxin.application.audit_streams import StreamKind
from chengxin.infrastructure.audit_tables import audit_log, subject_streams
from chengxin.infrastructure.persistence import SqlStore

IDS_PER_QUERY = 500  # well inside every backend's limit on bound parameters


class SqlAuditReader:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    @property
    def events(self) -> Table:
        table: Table = self.store.recorder.events_record_cls.__table__
        return table

    def events_of_subject(
        self, subject_id: UUID, after: int, limit: int, kinds: Sequence[StreamKind]
    ) -> list[SubjectEvent]:
        """The subject's aggregates from the index, then their events by primary key, a few
        hundred aggregates per query, merged in position order."""
        s = subject_streams
        query = select(s.c.aggregate_id, s.c.kind).where(
            s.c.subject_id == str(subject_id), s.c.kind.in_([kind.value for kind in kinds])
        )
        with self.store.reading() as session:
            kind_of = {row[0]: StreamKind(row[1]) for row in session.execute(query)}
            ids = sorted(UUID(aggregate_id) for aggregate_id in kind_of)
            found = heapq.merge(
                *(
                    self._events(session, ids[start : start + IDS_PER_QUERY], after, limit)
                    for start in range(0, len(ids), IDS_PER_QUERY)
                ),
                key=lambda n: n.id,
            )
            return [SubjectEvent(kind_of[str(n.originator_id)], n) for n in islice(found, limit)]

    def _events(
        self, session: Session, ids: list[UUID], after: int, limit: int
    ) -> list[Notification]:
        e = self.events
        query = (
            select(e.c.id, e.c.originator_id, e.c.originator_version, e.c.topic, e.c.state)
            .where(e.c.originator_id.in_(ids), e.c.id > after)
            .order_by(e.c.id)
            .limit(limit)
        )
        return [
            Notification(
                id=row.id,
                originator_id=row.originator_id,
                originator_version=row.originator_version,
                topic=row.topic,
                state=bytes(row.state),
            )
            for row in session.execute(query)
        ]

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

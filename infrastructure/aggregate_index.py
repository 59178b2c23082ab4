"""Which aggregates exist, asked of the event store in bulk (an import checks 500 at once)."""

from __future__ import annotations

from collections.abc import Collection
from itertools import islice
from uuid import UUID

from sqlalchemy import select

from infrastructure.persistence import SqlStore

CHUNK = 500
ACCOUNT_TOPICS = "%domain.accounts:%"  # also `chengxin.domain.…`, as older stores name them


class SqlAggregateIndex:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def existing(self, ids: Collection[UUID]) -> set[UUID]:
        events = self.store.recorder.events_record_cls
        found: set[UUID] = set()
        remaining = iter(ids)
        with self.store.reading() as session:
            while chunk := list(islice(remaining, CHUNK)):
                query = select(events.originator_id).where(
                    events.originator_id.in_(chunk), events.originator_version == 1
                )
                found.update(UUID(str(value)) for value in session.execute(query).scalars())
        return found

    def holds_records(self) -> bool:
        """True once anything but accounts was recorded: the database is no longer empty."""
        events = self.store.recorder.events_record_cls
        query = select(events.id).where(events.topic.not_like(ACCOUNT_TOPICS)).limit(1)
        with self.store.reading() as session:
            return session.execute(query).first() is not None

"""The whole-store check: events and seals streamed in keyset batches, in constant memory.

The check is bounded by the last position stored when it starts (read in one statement, so
that events and seals, which commit together, agree). Writers go on meanwhile: their events get
later positions, because each writer takes the event table's write lock before it is numbered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import Select, Table, Text, cast, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from application.integrity import KEYING, Breach, Checkpoint, IntegrityReport, Progress
from infrastructure.seal_keys import keying_intact, sign_checkpoint
from infrastructure.sealing import (
    SealKey,
    StoredRow,
    StoredSeal,
    last_seal,
    seals,
    verify_chain,
)

BATCH = 5000


class SealedStore(Protocol):
    """What the check reads: the store in use (`SqlStore`), or one only read (a copy's source)."""

    @property
    def engine(self) -> Engine: ...
    @property
    def events_table(self) -> Table: ...
    @property
    def is_postgres(self) -> bool: ...
    @property
    def seal_key(self) -> SealKey: ...
    def reading(self) -> AbstractContextManager[Session]: ...


class SqlSealedLog:
    def __init__(self, store: SealedStore, batch: int = BATCH) -> None:
        self.store = store
        self.batch = batch

    @property
    def events(self) -> Table:
        return self.store.events_table

    def verify(
        self, on_progress: Progress | None = None, anchor: Checkpoint | None = None
    ) -> IntegrityReport:
        key = self.store.seal_key
        if not keying_intact(self.store.engine, key) or (
            anchor is not None and anchor.keyed_from != key.keyed_from
        ):
            return IntegrityReport(0, Breach(key.keyed_from, None, None, KEYING))
        last = self.last_position()

        def progress(position: int) -> None:
            if on_progress is not None:
                on_progress(position, last)

        report = verify_chain(self._events(last), self._seals(last), key, progress, anchor)
        progress(last)
        return report

    def checkpoint(self, now: datetime) -> Checkpoint:
        with self.store.reading() as session:
            position, digest = last_seal(session)
        return sign_checkpoint(self.store.seal_key, position, digest, now)

    def head_position(self) -> int:
        with self.store.reading() as session:
            return int(session.execute(select(func.max(seals.c.position))).scalar() or 0)

    def last_position(self) -> int:
        """The last position of an event or a seal, both read in the same snapshot."""
        newest_event = select(func.max(self.events.c.id)).scalar_subquery()
        newest_seal = select(func.max(seals.c.position)).scalar_subquery()
        with self.store.reading() as session:
            row = session.execute(select(newest_event, newest_seal)).one()
        return max(row[0] or 0, row[1] or 0)

    def _events(self, last: int) -> Iterator[StoredRow]:
        t = self.events
        aggregate_id: Any = t.c.originator_id
        postgres = self.store.is_postgres
        if postgres:  # its text is the digest's; skips a UUID object per row
            aggregate_id = cast(aggregate_id, Text)
        query = select(t.c.id, aggregate_id, t.c.originator_version, t.c.topic, t.c.state)
        for row in self._batches(query, t.c.id, last):
            if postgres:  # the id as text, the state as a memoryview
                yield row[0], row[1], row[2], row[3], bytes(row[4])
            else:  # the id's 16 bytes, the state as bytes
                yield row[0], _id_text(row[1]), row[2], row[3], row[4]

    def _seals(self, last: int) -> Iterator[StoredSeal]:
        query = select(seals.c.position, seals.c.digest, seals.c.previous)
        yield from self._batches(query, seals.c.position, last)

    def _batches(self, query: Select[Any], key: Any, last: int) -> Iterator[Any]:
        """Rows in key order, read per range of `batch` positions in one short read transaction
        each (none held across yields). A range bounded on both sides keeps every read small
        whatever the planner believes: with stale statistics, `key > after ORDER BY key LIMIT n`
        sorted the whole rest of the table for each batch. The rows are the driver's own tuples:
        building SQLAlchemy rows and converting types cost more than checking the seals."""

        def read(after: int) -> list[Any]:
            page = query.where(key > after, key <= min(after + self.batch, last)).order_by(key)
            with self.store.reading() as session:
                return list(session.connection().execute(page).cursor.fetchall())

        starts = range(0, last, self.batch)
        if self.store.is_postgres:
            yield from _read_ahead(read, starts)
        else:  # SQLite reads in this process: a reading thread would only contend for the GIL
            for after in starts:
                yield from read(after)


def _read_ahead(read: Callable[[int], list[Any]], starts: range) -> Iterator[Any]:
    """The rows of each range, the next range read in a thread while this one is checked: the
    driver waits for the server without holding the GIL."""
    pending = iter(starts)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-read") as reader:
        first = next(pending, None)
        following = reader.submit(read, first) if first is not None else None
        while following is not None:
            rows = following.result()
            start = next(pending, None)
            following = reader.submit(read, start) if start is not None else None
            yield from rows


def _id_text(stored: Any) -> str:
    """The aggregate id as the seal hashed it; a value that is no id's 16 bytes (a row written
    around the application) becomes its repr, which no seal matches: it is reported altered."""
    try:
        return str(UUID(bytes=stored))
    except (TypeError, ValueError):
        return repr(stored)

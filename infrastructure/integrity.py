"""The whole-store check: events and seals streamed in bounded ranges, in constant memory.

The check is bounded by the last position stored when it starts (read in one statement, so
that events and seals, which commit together, agree). Writers go on meanwhile: their events get
later positions, because each writer takes the event table's write lock before it is numbered.

Hashing holds the interpreter. On a big store, in a database other processes can open, spans of
the chain are checked in `workers` processes at once, and their verdicts are read in position
order: the first span with a breach names the whole walk's first breach, because each span
starts from the stored seal before it and every span before it was found intact.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Protocol

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from application.integrity import KEYING, Breach, Checkpoint, IntegrityReport, Progress
from infrastructure.event_recorder import in_memory_sqlite
from infrastructure.seal_keys import keying_intact, sign_checkpoint
from infrastructure.seal_spans import Span, SpanReader, check_span
from infrastructure.sealing import SealKey, last_seal, seals, verify_chain

BATCH = 5000  # positions per read
SPAN = 100_000  # positions per span a worker process checks
PARALLEL_FROM = 300_000  # positions: below, one process is done before others have started


class SealedStore(Protocol):
    """What the check reads: the store in use (`SqlStore`), or one only read (a copy's source)."""

    @property
    def engine(self) -> Engine: ...
    @property
    def events_table(self) -> Table: ...
    @property
    def seal_key(self) -> SealKey: ...
    @property
    def is_postgres(self) -> bool: ...
    def reading(self) -> AbstractContextManager[Session]: ...


class SqlSealedLog:
    def __init__(
        self,
        store: SealedStore,
        batch: int = BATCH,
        workers: int = 1,
        span: int = SPAN,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.store = store
        self.batch = batch
        self.workers = workers
        self.span = span
        self.parallel_from = parallel_from

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

        if self.workers > 1 and last >= self.parallel_from and _shareable(self.store.engine):
            report = self._verify_spans(last, key, progress, anchor)
        else:
            reader = SpanReader(
                self._connection, self.store.is_postgres, self.events.name, self.batch
            )
            events, sealed = reader.events(0, last), reader.seals(0, last)
            report = verify_chain(events, sealed, key, progress, anchor)
        progress(last)
        return report

    def _verify_spans(
        self, last: int, key: SealKey, progress: Callable[[int], None], anchor: Checkpoint | None
    ) -> IntegrityReport:
        url = self.store.engine.url.render_as_string(hide_password=False)
        spans = [
            Span(
                url=url,
                events=self.events.name,
                secret=key.secret,
                keyed_from=key.keyed_from,
                batch=self.batch,
                after=after,
                upto=min(after + self.span, last),
                to_the_end=after + self.span >= last,
                anchor=anchor,
            )
            for after in range(0, last, self.span)
        ]
        checked = 0
        context = multiprocessing.get_context("spawn")  # nothing of this process's connections
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            verdicts: list[Future[IntegrityReport]] = [pool.submit(check_span, s) for s in spans]
            try:
                for span, verdict in zip(spans, verdicts, strict=True):
                    report = verdict.result()
                    checked += report.events_checked
                    if report.first_broken is not None:
                        return IntegrityReport(checked, report.first_broken)
                    progress(span.upto)
            finally:
                for verdict in verdicts:
                    verdict.cancel()
        return IntegrityReport(checked, None)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """One short read as the store reads (an in-memory SQLite's one connection is shared
        under the store's lock)."""
        with self.store.reading() as session:
            yield session.connection()

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


def _shareable(engine: Engine) -> bool:
    """Whether another process can open the database: a server, or an SQLite file."""
    if engine.dialect.name != "sqlite":
        return True
    return bool(engine.url.database) and not in_memory_sqlite(engine.url.render_as_string())

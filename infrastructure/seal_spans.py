"""Reading a span of the seal chain, and checking one in a process of its own.

A span is the positions (after, upto]. Its events and seals are read in bounded ranges of
`batch` positions, each in one short read (none held across yields): with stale statistics,
`key > after ORDER BY key LIMIT n` sorted the whole rest of the table for each batch, while a
range bounded on both sides stays small whatever the planner believes. Rows are the driver's
own tuples: building SQLAlchemy rows and converting types cost more than checking the seals.

Hashing holds the interpreter, so on a big store the check runs spans in several processes
(`check_span`). Nothing but plain values crosses to them: the database's address, the events
table's name, the seal key's bytes and the span.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import NullPool, Select, Text, cast, column, create_engine, select, table
from sqlalchemy.engine import Connection, Engine

from application.integrity import Checkpoint, IntegrityReport
from infrastructure.persistence import without_jit
from infrastructure.sealing import SealKey, StoredRow, StoredSeal, last_seal, seals, verify_chain

Connect = Callable[[], AbstractContextManager[Connection]]


class SpanReader:
    """`connect` gives a connection for one short read (the store's own way, in the process
    that holds the store; an engine's in a checking process)."""

    def __init__(self, connect: Connect, postgres: bool, events: str, batch: int) -> None:
        self.connect = connect
        self.postgres = postgres
        self.batch = batch
        names = ("id", "originator_id", "originator_version", "topic", "state")
        t = table(events, *(column(name) for name in names))
        aggregate_id: Any = t.c.originator_id
        if self.postgres:  # its text is the digest's; skips a UUID object per row
            aggregate_id = cast(aggregate_id, Text)
        self._events = select(t.c.id, aggregate_id, t.c.originator_version, t.c.topic, t.c.state)
        self._event_key = t.c.id

    def start(self, after: int) -> tuple[int, str]:
        """Where the chain stands before the span: the last seal at or before `after`."""
        with self.connect() as connection:
            return last_seal(connection, after)

    def events(self, after: int, upto: int) -> Iterator[StoredRow]:
        postgres = self.postgres
        for row in self._ranges(self._events, self._event_key, after, upto):
            if postgres:  # the id as text, the state as a memoryview
                yield row[0], row[1], row[2], row[3], bytes(row[4])
            else:  # the id's 16 bytes, the state as bytes
                yield row[0], _id_text(row[1]), row[2], row[3], row[4]

    def seals(self, after: int, upto: int) -> Iterator[StoredSeal]:
        query = select(seals.c.position, seals.c.digest, seals.c.previous)
        yield from self._ranges(query, seals.c.position, after, upto)

    def _ranges(self, query: Select[Any], key: Any, after: int, upto: int) -> Iterator[Any]:
        def read(start: int) -> list[Any]:
            page = query.where(key > start, key <= min(start + self.batch, upto)).order_by(key)
            with self.connect() as connection:
                return list(connection.execute(page).cursor.fetchall())

        starts = range(after, upto, self.batch)
        if self.postgres:
            yield from _read_ahead(read, starts)
        else:  # SQLite reads in this process: a reading thread would only contend for the GIL
            for start in starts:
                yield from read(start)


@dataclass(frozen=True)
class Span:
    """One span of the chain to check, as plain values a process of its own can be sent."""

    url: str
    events: str
    secret: bytes
    keyed_from: int
    batch: int
    after: int
    upto: int
    to_the_end: bool
    anchor: Checkpoint | None


_engines: dict[str, Engine] = {}  # one per database in a checking process


def check_span(span: Span) -> IntegrityReport:
    """The span's verdict, given an intact chain before it (run in a worker process)."""
    engine = _engines.get(span.url)
    if engine is None:
        engine = _engines[span.url] = create_engine(span.url, poolclass=NullPool)
        if engine.dialect.name == "postgresql":
            without_jit(engine)
    postgres = engine.dialect.name == "postgresql"
    reader = SpanReader(engine.connect, postgres, span.events, span.batch)
    return verify_chain(
        reader.events(span.after, span.upto),
        reader.seals(span.after, span.upto),
        SealKey(span.secret, span.keyed_from),
        anchor=span.anchor,
        start=reader.start(span.after),
        to_the_end=span.to_the_end,
    )


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

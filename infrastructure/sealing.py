"""Tamper evidence: every stored event is sealed in a hash chain when it is written.

Each seal is SHA-256 over the previous seal and the event's position, aggregate id, version,
topic and state. Seals are written in the transaction that inserts the events, while the event
table is locked for writing, so the chain follows the commit order even with concurrent writers.
Changing, deleting, inserting or reordering a stored event breaks the chain at that event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Recording
from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, select
from sqlalchemy.orm import Session

from application.integrity import ALTERED, MISSING, UNSEALED, Breach, IntegrityReport

GENESIS = "0" * 64

seal_metadata = MetaData()
seals = Table(
    "event_seals",
    seal_metadata,
    Column("position", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("digest", String(64), nullable=False),
)


def seal_digest(
    previous: str, position: int, aggregate_id: UUID | str, version: int, topic: str, state: bytes
) -> str:
    body = hashlib.sha256(state).hexdigest()
    text = f"{previous}|{position}|{aggregate_id}|{version}|{topic}|{body}"
    return hashlib.sha256(text.encode()).hexdigest()


def seal_recordings(session: Session, recordings: Sequence[Recording[Any]]) -> None:
    if not recordings:
        return
    previous = session.execute(
        select(seals.c.digest).order_by(seals.c.position.desc()).limit(1)
    ).scalar()
    digest = previous or GENESIS
    rows = []
    for recording in recordings:
        n = recording.notification
        digest = seal_digest(digest, n.id, n.originator_id, n.originator_version, n.topic, n.state)
        rows.append({"position": n.id, "digest": digest})
    session.execute(seals.insert(), rows)


StoredRow = tuple[int, Any, int, str, bytes]
PROGRESS_EVERY = 1000


def verify_chain(
    events: Iterator[StoredRow],
    stored_seals: Iterator[tuple[int, str]],
    on_progress: Callable[[int], None] | None = None,
) -> IntegrityReport:
    """Walk events and seals together in position order; name the first break.

    A seal without its event is a deleted event (`missing`), an event without its seal an
    inserted one (`unsealed`), a digest that does not match a changed or moved one (`altered`).
    `on_progress(position)` is called every PROGRESS_EVERY events.
    """
    previous = GENESIS
    checked = 0
    seal = next(stored_seals, None)
    for position, aggregate_id, version, topic, state in events:
        if seal is not None and seal[0] < position:
            return IntegrityReport(checked, Breach(seal[0], None, None, MISSING))
        if seal is None or seal[0] != position:
            return IntegrityReport(checked, Breach(position, str(aggregate_id), version, UNSEALED))
        if seal_digest(previous, position, aggregate_id, version, topic, bytes(state)) != seal[1]:
            return IntegrityReport(checked, Breach(position, str(aggregate_id), version, ALTERED))
        previous = seal[1]
        checked += 1
        if on_progress is not None and checked % PROGRESS_EVERY == 0:
            on_progress(position)
        seal = next(stored_seals, None)
    if seal is not None:
        return IntegrityReport(checked, Breach(seal[0], None, None, MISSING))
    return IntegrityReport(checked, None)

"""Tamper evidence: every stored event is sealed in a keyed hash chain when it is written.

A seal is HMAC-SHA256, under a key kept outside the database (see `seal_keys.py`), over the
previous seal, the previous sealed position and the event's position, aggregate id, version,
topic and state. Without the key nobody can recompute a seal, so a changed event cannot be
hidden by resealing the rest of the chain. Each seal names the position sealed before it, so a
deleted event (with its seal) is found at its own position.

Stores sealed before keys existed keep their plain SHA-256 seals (`seal_digest`, no previous
position) up to the recorded re-keying point `keyed_from`; from there on the key applies.

Seals are written in the transaction that inserts the events, while the event table is locked
for writing, so the chain follows the commit order even with concurrent writers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, Recording
from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from application.integrity import (
    ALTERED,
    MISSING,
    REWRITTEN,
    UNSEALED,
    Breach,
    Checkpoint,
    IntegrityReport,
)

GENESIS = "0" * 64

seal_metadata = MetaData()
seals = Table(
    "event_seals",
    seal_metadata,
    Column("position", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("digest", String(64), nullable=False),
    # the position sealed before this one (0 for the first); NULL in seals made before keys
    Column("previous", BigInteger(), nullable=True),
)

StoredRow = tuple[int, Any, int, str, bytes]
StoredSeal = tuple[int, str, int | None]  # position, digest, previous position
PROGRESS_EVERY = 1000


def seal_digest(
    previous: str, position: int, aggregate_id: UUID | str, version: int, topic: str, state: bytes
) -> str:
    """The unkeyed seal of stores sealed before keys: anyone can recompute it."""
    body = hashlib.sha256(state).hexdigest()
    text = f"{previous}|{position}|{aggregate_id}|{version}|{topic}|{body}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class SealKey:
    """The key, and the position from which seals are made with it."""

    secret: bytes
    keyed_from: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "_mac", hmac.new(self.secret, digestmod=hashlib.sha256))

    def digest(self, previous: str, previous_position: int, row: StoredRow) -> str:
        position, aggregate_id, version, topic, state = row
        if position < self.keyed_from:
            return seal_digest(previous, position, aggregate_id, version, topic, state)
        body = hashlib.sha256(state).hexdigest()
        text = f"{previous}|{previous_position}|{position}|{aggregate_id}|{version}|{topic}|{body}"
        mac = self._mac.copy()  # type: ignore[attr-defined]
        mac.update(text.encode())
        return str(mac.hexdigest())

    def sign(self, text: str) -> str:
        mac = self._mac.copy()  # type: ignore[attr-defined]
        mac.update(text.encode())
        return str(mac.hexdigest())

    @property
    def key_id(self) -> str:
        """A public fingerprint of the key: tells which key a store or a checkpoint is under."""
        return self.sign("chengxin seal key id")[:16]


def last_seal(session: Session | Connection, at_most: int | None = None) -> tuple[int, str]:
    """The last seal (at or before `at_most`): where the chain stands there."""
    query = select(seals.c.position, seals.c.digest).order_by(seals.c.position.desc()).limit(1)
    if at_most is not None:
        query = query.where(seals.c.position <= at_most)
    row = session.execute(query).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def seal_recordings(session: Session, recordings: Sequence[Recording[Any]], key: SealKey) -> None:
    seal_notifications(session, [r.notification for r in recordings], key)


def seal_notifications(
    session: Session, notifications: Sequence[Notification], key: SealKey
) -> None:
    """Seals stored events, as they are stored (encrypted, where they are), after the last seal."""
    if not notifications:
        return
    previous_position, digest = last_seal(session)
    rows = []
    for n in sorted(notifications, key=lambda n: n.id):
        row = (n.id, n.originator_id, n.originator_version, n.topic, n.state)
        digest = key.digest(digest, previous_position, row)
        keyed = n.id >= key.keyed_from
        rows.append(
            {"position": n.id, "digest": digest, "previous": previous_position if keyed else None}
        )
        previous_position = n.id
    session.execute(seals.insert(), rows)


@dataclass
class _Walk:
    """Where a walk along the chain has got to."""

    digest: str = GENESIS
    position: int = 0
    checked: int = 0


def verify_chain(
    events: Iterator[StoredRow],
    stored_seals: Iterator[StoredSeal],
    key: SealKey,
    on_progress: Callable[[int], None] | None = None,
    anchor: Checkpoint | None = None,
    start: tuple[int, str] = (0, GENESIS),
    to_the_end: bool = True,
) -> IntegrityReport:
    """Walk events and seals together in position order; name the first break.

    A seal without its event is a deleted event (`missing`), and so is a seal naming a previous
    position that is no longer there; an event without its seal is an inserted one
    (`unsealed`); a digest that does not match is a changed or moved one (`altered`). With an
    `anchor` (a checkpoint kept elsewhere), a chain that differs from it at its position was
    `rewritten`, and one that ends before it was truncated (`missing` after the last event).
    `on_progress(position)` is called every PROGRESS_EVERY events.

    A walk over a span of the chain starts from the stored seal before it (`start`: its
    position and digest) and, unless the span runs `to_the_end`, leaves truncation to the span
    after it. Given an intact chain before it, a span's verdict is the whole walk's there.
    """
    walk = _Walk(digest=start[1], position=start[0])
    seal = next(stored_seals, None)
    for row in events:
        breach = _check(walk, row, seal, key, anchor)
        if breach is not None:
            return IntegrityReport(walk.checked, breach)
        walk.digest, walk.position = seal[1] if seal else walk.digest, row[0]  # (seal is there)
        walk.checked += 1
        if on_progress is not None and walk.checked % PROGRESS_EVERY == 0:
            on_progress(row[0])
        seal = next(stored_seals, None)
    if seal is not None:
        return IntegrityReport(walk.checked, Breach(seal[0], None, None, MISSING))
    return IntegrityReport(walk.checked, _past_the_end(walk, anchor) if to_the_end else None)


def _check(
    walk: _Walk, row: StoredRow, seal: StoredSeal | None, key: SealKey, anchor: Checkpoint | None
) -> Breach | None:
    """The breach at this event, if any, given the chain intact up to `walk`."""
    position, aggregate_id, version = row[0], str(row[1]), row[2]
    if seal is not None and seal[0] < position:
        return Breach(seal[0], None, None, MISSING)
    if seal is None or seal[0] != position:
        return Breach(position, aggregate_id, version, UNSEALED)
    if seal[2] is not None and seal[2] > walk.position:
        return Breach(walk.position + 1, None, None, MISSING)
    if key.digest(walk.digest, walk.position, row) != seal[1]:
        return Breach(position, aggregate_id, version, ALTERED)
    if anchor is not None and walk.position < anchor.position <= position:
        if position != anchor.position:  # the anchored event itself is gone
            return Breach(walk.position + 1, None, None, MISSING)
        if seal[1] != anchor.digest:
            return Breach(position, aggregate_id, version, REWRITTEN)
    return None


def _past_the_end(walk: _Walk, anchor: Checkpoint | None) -> Breach | None:
    """A checkpoint beyond the last event stored: the events after it were cut off."""
    if anchor is None or anchor.position <= walk.position:
        return None
    return Breach(walk.position + 1, None, None, MISSING)

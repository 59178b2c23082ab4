"""Tamper evidence as the application sees it: a check of the whole store and its verdict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

Progress = Callable[[int, int], None]

ALTERED = "altered"  # the event, or the seal that links it to the one before, was changed
UNSEALED = "unsealed"  # an event that was never sealed: inserted behind the system's back
MISSING = "missing"  # a sealed event that is no longer stored: deleted (or cut off the end)
REWRITTEN = "rewritten"  # the chain differs from a checkpoint kept elsewhere at its position
KEYING = "keying"  # the record of where keyed seals start was changed


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head at a moment, signed with the seal key, for safekeeping elsewhere."""

    position: int
    digest: str
    keyed_from: int
    key_id: str
    time: datetime
    signature: str


@dataclass(frozen=True)
class Breach:
    position: int
    aggregate_id: str | None
    version: int | None
    problem: str


@dataclass(frozen=True)
class IntegrityReport:
    events_checked: int
    first_broken: Breach | None

    @property
    def ok(self) -> bool:
        return self.first_broken is None

    def summary(self) -> str:
        broken = self.first_broken
        if broken is None:
            return f"ok: {self.events_checked} events"
        return f"broken at position {broken.position} ({broken.problem})"


class SealedLog(Protocol):
    """Checks every stored event against its seal, in position order."""

    def verify(
        self, on_progress: Progress | None = None, anchor: Checkpoint | None = None
    ) -> IntegrityReport:
        """`on_progress(position, last_position)` now and then while it walks the store; with
        an `anchor`, truncation after it and any rewrite before it are breaches too."""

    def checkpoint(self, now: datetime) -> Checkpoint:
        """The chain's current head, signed."""

    def head_position(self) -> int:
        """The last sealed position."""

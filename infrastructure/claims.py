"""Periodic work done once per hour across every process on one database.

Each process wakes hourly; before the work it claims the hour's slot with an INSERT that only
one process can win (the slot is the primary key). The others find the slot taken and skip.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from infrastructure.claims_tables import claims, claims_metadata

KEEP = timedelta(days=7)  # older claims are deleted as new ones are made


def utc_now() -> datetime:
    return datetime.now(UTC)


class HourlyClaims:
    """Who does a task in the current hour: the first process to claim it."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self.now = now

    def create(self) -> None:
        claims_metadata.create_all(self.engine)

    def claim(self, task: str) -> bool:
        """True for exactly one caller per task and hour, across all processes."""
        now = self.now().astimezone(UTC)
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(claims)
            .values(task=task, slot=slot_of(now), claimed_at=now)
            .on_conflict_do_nothing()
        )
        with self.engine.begin() as connection:
            won = connection.execute(statement).rowcount == 1
            if won:
                old = slot_of(now - KEEP)
                connection.execute(delete(claims).where(claims.c.task == task, claims.c.slot < old))
        return won

    def release(self, task: str) -> None:
        """Give the current hour back (the work failed): another process may try it."""
        slot = slot_of(self.now().astimezone(UTC))
        with self.engine.begin() as connection:
            connection.execute(delete(claims).where(claims.c.task == task, claims.c.slot == slot))


def slot_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H")

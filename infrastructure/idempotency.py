"""Idempotency keys: a repeated POST returns the first response and records nothing new.

Kept in the database, so a repeat after a server restart is recognised too. A key is reserved
before the command runs; a concurrent repeat of an unfinished one is told to wait.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

idempotency_metadata = MetaData()
keys = Table(
    "idempotency_keys",
    idempotency_metadata,
    Column("owner", String(80), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("status", Integer),
    Column("body", Text),
    Column("headers", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Stored:
    fingerprint: str
    status: int | None
    body: str | None
    headers: dict[str, str]


class IdempotencyStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        idempotency_metadata.create_all(engine)

    def reserve(self, owner: str, key: str, fingerprint: str) -> Stored | None:
        """None when the key is new and now reserved; else what was stored under it."""
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    keys.insert().values(
                        owner=owner,
                        key=key,
                        fingerprint=fingerprint,
                        created_at=datetime.now(UTC),
                    )
                )
            return None
        except IntegrityError:
            return self._get(owner, key)

    def _get(self, owner: str, key: str) -> Stored | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(keys).where(keys.c.owner == owner, keys.c.key == key)
            ).first()
        if row is None:
            return None
        headers: dict[str, Any] = json.loads(row.headers) if row.headers else {}
        return Stored(row.fingerprint, row.status, row.body, headers)

    def complete(
        self, owner: str, key: str, status: int, body: str, headers: dict[str, str]
    ) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(keys)
                .where(keys.c.owner == owner, keys.c.key == key)
                .values(status=status, body=body, headers=json.dumps(headers))
            )

    def release(self, owner: str, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(keys.delete().where(keys.c.owner == owner, keys.c.key == key))

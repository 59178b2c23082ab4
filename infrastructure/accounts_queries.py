"""Reads of the accounts' read model."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain.accounts import Role
from infrastructure.accounts_tables import accounts
from infrastructure.persistence import SqlStore


class SqlAccountQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list_accounts(
        self, role: Role | None, limit: int, after: str | None
    ) -> list[dict[str, Any]]:
        query = select(accounts).order_by(accounts.c.username).limit(limit)
        if role is not None:
            query = query.where(accounts.c.role == role.value)
        if after is not None:
            query = query.where(accounts.c.username > after)
        with self.store.reading() as session:
            return [dict(row._mapping) for row in session.execute(query)]

"""Reads of the subjects directory: subjects whose name holds a fragment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from infrastructure.persistence import SqlStore
from infrastructure.subjects_tables import subjects


def like_pattern(fragment: str) -> str:
    """A LIKE pattern that finds `fragment` literally (its % and _ escaped)."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SqlSubjectQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def named(self, fragment: str, limit: int) -> list[dict[str, Any]]:
        """Subjects whose registered name contains `fragment`, shortest names first."""
        query = (
            select(subjects)
            .where(subjects.c.name.like(like_pattern(fragment.strip()), escape="\\"))
            .order_by(subjects.c.name)
            .limit(limit)
        )
        with self.store.reading() as session:
            rows = [dict(row._mapping) for row in session.execute(query)]
        return sorted(rows, key=lambda row: (len(row["name"]), row["name"]))

"""The progress sheets in SQL: the filing status of a quarter, and the submitted files' bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from infrastructure.persistence import SqlStore
from infrastructure.progress_tables import files_metadata, progress, progress_files


class SqlProgressQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def filings(self, year: int, quarter: int) -> dict[str, dict[str, Any]]:
        """Per unit, its sheet's row of the quarter (units without one are absent)."""
        query = select(progress).where(progress.c.year == year, progress.c.quarter == quarter)
        with self.store.reading() as session:
            return {row.unit: dict(row._mapping) for row in session.execute(query)}


class SqlProgressFiles:
    """Content-addressed: the same bytes are kept once, and a digest always means those bytes."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        files_metadata.create_all(store.engine)

    def keep(self, sha256: str, content: bytes) -> None:
        if self.read(sha256) is not None:
            return
        row = {
            "sha256": sha256,
            "content": content,
            "size": len(content),
            "kept_at": datetime.now(UTC),
        }
        try:
            with self.store.engine.begin() as connection:
                connection.execute(progress_files.insert().values(**row))
        except IntegrityError:
            pass  # kept by a concurrent submission of the very same bytes

    def read(self, sha256: str) -> bytes | None:
        query = select(progress_files.c.content).where(progress_files.c.sha256 == sha256)
        with self.store.engine.connect() as connection:
            content = connection.execute(query).scalar()
        return None if content is None else bytes(content)

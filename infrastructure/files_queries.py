"""Evidence files in SQL: the bytes under their digest, their uploaders and their citations."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from infrastructure.files_tables import (
    citations,
    evidence_files,
    evidence_metadata,
    evidence_uploads,
)
from infrastructure.persistence import SqlStore


class SqlEvidenceStore:
    """Content-addressed: the same bytes are kept once, and a digest always means those bytes."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        evidence_metadata.create_all(store.engine)

    def keep(
        self, sha256: str, media_type: str, content: bytes, uploader: str, subject_id: UUID | None
    ) -> None:
        now = datetime.now(UTC)
        if self.describe(sha256) is None:
            file = {
                "sha256": sha256,
                "media_type": media_type,
                "size": len(content),
                "content": content,
                "kept_at": now,
            }
            self._insert(evidence_files.insert().values(**file))
        upload = {
            "sha256": sha256,
            "uploader": uploader,
            "subject_id": str(subject_id) if subject_id else None,
            "uploaded_at": now,
        }
        self._insert(evidence_uploads.insert().values(**upload))

    def _insert(self, statement: object) -> None:
        try:
            with self.store.engine.begin() as connection:
                connection.execute(statement)  # type: ignore[call-overload]
        except IntegrityError:
            pass  # kept already (by a concurrent upload of the very same bytes)

    def describe(self, sha256: str) -> tuple[int, str] | None:
        query = select(evidence_files.c.size, evidence_files.c.media_type).where(
            evidence_files.c.sha256 == sha256
        )
        with self.store.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else (int(row.size), str(row.media_type))

    def content(self, sha256: str) -> bytes | None:
        query = select(evidence_files.c.content).where(evidence_files.c.sha256 == sha256)
        with self.store.engine.connect() as connection:
            content = connection.execute(query).scalar()
        return None if content is None else bytes(content)

    def uploaders(self, sha256: str) -> list[tuple[str, str | None]]:
        query = select(evidence_uploads.c.uploader, evidence_uploads.c.subject_id).where(
            evidence_uploads.c.sha256 == sha256
        )
        with self.store.engine.connect() as connection:
            return [(row.uploader, row.subject_id) for row in connection.execute(query)]

    def citations(self, sha256: str) -> list[tuple[str, str]]:
        query = select(citations.c.department, citations.c.subject_id).where(
            citations.c.sha256 == sha256
        )
        with self.store.reading() as session:
            return [(row.department, row.subject_id) for row in session.execute(query)]

"""Evidence files: what an upload answers."""

from __future__ import annotations

from pydantic import BaseModel

from domain.files import EvidenceFile


class FileOut(BaseModel):
    sha256: str
    size: int
    media_type: str

    @classmethod
    def of(cls, file: EvidenceFile) -> FileOut:
        return cls(sha256=file.sha256, size=file.size, media_type=file.media_type)

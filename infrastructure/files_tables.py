"""Evidence files' tables.

`evidence_files` keeps each file's bytes once under their SHA-256 and `evidence_uploads` who
uploaded them: neither is a read model, both are never dropped or rebuilt (the repair events
name the digests). `rm_evidence_citations` is the repairs projection's view of which record
cites which file, for the download rule.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, String, Table

from infrastructure.projection_tables import Position, metadata, view_tables

evidence_metadata = MetaData()

evidence_files = Table(
    "evidence_files",
    evidence_metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("kept_at", DateTime(timezone=True), nullable=False),
)

evidence_uploads = Table(
    "evidence_uploads",
    evidence_metadata,
    Column("sha256", String(64), primary_key=True),
    Column("uploader", String(80), primary_key=True),
    Column("subject_id", String(36)),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
)

citations = Table(
    "rm_evidence_citations",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("repair_id", String(36), primary_key=True),
    Column("department", String(64), nullable=False),
    Column("subject_id", String(36), nullable=False),
    Column("position", Position, nullable=False),
)

view_tables.update({"evidence_citations": citations})

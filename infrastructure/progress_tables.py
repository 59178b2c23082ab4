"""The progress sheets' tables: the files as submitted, and the filing status read model.

`progress_files` is not a read model: it keeps each submitted workbook's bytes under their
SHA-256 (the submission event names the digest) and is never dropped or rebuilt. `rm_progress`
is the progress projection's view: per unit and quarter, how far the sheet has come.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
)

from infrastructure.projection_tables import metadata, view_tables

files_metadata = MetaData()

progress_files = Table(
    "progress_files",
    files_metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("kept_at", DateTime(timezone=True), nullable=False),
)

progress = Table(
    "rm_progress",
    metadata,
    Column("report_id", String(36), primary_key=True),
    Column("unit", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("first_submitted_on", Date),
    Column("submitted_at", DateTime(timezone=True)),
    Column("sha256", String(64)),
    Column("comment", String(4000)),
    Column("returned_on", Date),
)

view_tables.update({"rm_progress": progress})

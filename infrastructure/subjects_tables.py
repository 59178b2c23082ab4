"""The subjects directory's table: who is registered, under which name."""

from __future__ import annotations

from sqlalchemy import Column, String, Table

from infrastructure.projection_tables import Position, metadata, view_tables

subjects = Table(
    "rm_subjects",
    metadata,
    Column("subject_id", String(36), primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("identifier", String(40), nullable=False),
    Column("name", String(200), nullable=False, index=True),
    Column("position", Position, nullable=False),
)

view_tables.update({"subjects": subjects})

"""The public site's licences and credit commitments, as the disclosure rule shows them (masked
already), found by the same keyed hashes as the public entries. `row_no` (the position of the
event that made the row public) orders the site and keys its cursor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Date, String, Table, Text

from infrastructure.projection_tables import Position, metadata, view_tables


def _subject_columns() -> list[Column[Any]]:
    return [
        Column("row_no", Position, nullable=False, unique=True),
        Column("subject_ref", String(36), nullable=False, index=True),
        Column("identifier_hash", String(64), nullable=False, index=True),
        Column("subject_kind", String(24), nullable=False),
        Column("subject_name", String(200), nullable=False),
        Column("identifier", String(40), nullable=False),
        Column("department", String(64), nullable=False),
        Column("published_at", Date, nullable=False),
    ]


public_licences = Table(
    "public_licences",
    metadata,
    Column("licence_id", String(36), primary_key=True),
    *_subject_columns(),
    Column("licence_no", String(200), nullable=False),
    Column("kind", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
)

public_commitments = Table(
    "public_commitments",
    metadata,
    Column("commitment_id", String(36), primary_key=True),
    *_subject_columns(),
    Column("matter", String(500), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("domain", String(64), nullable=False),
    Column("signed_on", Date, nullable=False),
)

view_tables.update({"public_licences": public_licences, "public_commitments": public_commitments})

"""The registers projection's views: licences and credit commitments by subject."""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from infrastructure.projection_tables import Position, metadata, view_tables

licences = Table(
    "rm_licences",
    metadata,
    Column("licence_id", String(36), primary_key=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("department", String(64), nullable=False),
    Column("licence_no", String(200), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("position", Position, nullable=False),
)

commitments = Table(
    "rm_commitments",
    metadata,
    Column("commitment_id", String(36), primary_key=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("department", String(64), nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("position", Position, nullable=False),
)

view_tables.update({"rm_licences": licences, "rm_commitments": commitments})

"""The auditors' read models: which aggregates and events are about which subject, and who
looked. A subject's events are found by position in `rm_subject_events`, then read from the
event table by primary key: a plan no statistics can turn into a scan of the whole log."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, String, Table

from infrastructure.projection_tables import Position, metadata, view_tables

subject_streams = Table(
    "rm_subject_streams",
    metadata,
    Column("aggregate_id", String(36), primary_key=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("position", Position, nullable=False),
)

subject_events = Table(
    "rm_subject_events",
    metadata,
    Column("position", Position, primary_key=True, autoincrement=False),
    Column("subject_id", String(36), nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_rm_subject_events_subject", "subject_id", "position"),
)

audit_log = Table(
    "rm_audit_log",
    metadata,
    Column("position", Position, primary_key=True, autoincrement=False),
    Column("read_id", String(36), nullable=False),
    Column("actor", String(200), nullable=False, index=True),
    Column("query", String(16), nullable=False),
    Column("subject_id", String(36), index=True),
    Column("as_of", DateTime(timezone=True)),
    Column("detail", String(500)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

view_tables.update(
    {"subject_streams": subject_streams, "subject_events": subject_events, "audit_log": audit_log}
)

"""The worklists projection's tables: entries, cases, repair applications and objections as
the officers' lists read them."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Table,
)

from infrastructure.projection_tables import Position, metadata, view_tables

entries = Table(
    "rm_entries",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("subject_kind", String(24), nullable=False),
    Column("subject_name", String(200), nullable=False),
    Column("identifier", String(40), nullable=False, index=True),
    Column("list_type", String(16), nullable=False, index=True),
    Column("domain", String(64), nullable=False, index=True),
    Column("severity", String(16)),  # null on the red list
    Column("department", String(64), nullable=False, index=True),
    Column("decision_no", String(200), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("publishable", Boolean, nullable=False),
    Column("published_on", Date),
    Column("publish_deadline", Date, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("min_end", Date, nullable=False),
    Column("max_end", Date, nullable=False, index=True),
    Column("ended_on", Date),
    Column("regime", String(64), nullable=False),
    Column("objection_open", Boolean, nullable=False),
    Column("rectified", Boolean, nullable=False),
    Column("measures", Integer, nullable=False),
    Column("source", String(16), nullable=False),
    Column("external_ref", String(200)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("position", Position, nullable=False, index=True),
)

cases = Table(
    "rm_cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("domain", String(64), nullable=False, index=True),
    Column("department", String(64), nullable=False, index=True),
    Column("summary", String(2000), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("opened_on", Date, nullable=False),
    Column("statement_deadline", Date),
    Column("decided_on", Date),
    Column("entry_id", String(36)),
    Column("position", Position, nullable=False, index=True),
)

repairs = Table(
    "rm_repairs",
    metadata,
    Column("repair_id", String(36), primary_key=True),
    Column("entry_id", String(36), nullable=False, index=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("department", String(64), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("filed_on", Date, nullable=False),
    Column("feedback_deadline", Date, nullable=False),
    Column("decision_deadline", Date),
    Column("decided_on", Date),
    Column("position", Position, nullable=False, index=True),
)

objections = Table(
    "rm_objections",
    metadata,
    Column("objection_id", String(36), primary_key=True),
    Column("entry_id", String(36), nullable=False, index=True),
    Column("subject_id", String(36), nullable=False, index=True),
    Column("department", String(64), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("filed_on", Date, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("channel", String(16), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("position", Position, nullable=False, index=True),
)

view_tables.update(
    {"entries": entries, "cases": cases, "repairs": repairs, "objections": objections}
)

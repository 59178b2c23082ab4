"""The hourly claims of periodic work: one row per task and hour, made by the process that
does it."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, String, Table

claims_metadata = MetaData()

claims = Table(
    "periodic_claims",
    claims_metadata,
    Column("task", String(32), primary_key=True),
    Column("slot", String(13), primary_key=True),  # the hour, UTC: 2026-11-29T07
    Column("claimed_at", DateTime(timezone=True), nullable=False),
)

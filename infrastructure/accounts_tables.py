"""The accounts projection's table: who may sign in, with which role and binding."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, String, Table

from infrastructure.projection_tables import metadata, view_tables

accounts = Table(
    "rm_accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("account_id", String(36), nullable=False, unique=True),
    Column("role", String(16), nullable=False, index=True),
    Column("department", String(64)),
    Column("subject_id", String(36), index=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

view_tables["accounts"] = accounts

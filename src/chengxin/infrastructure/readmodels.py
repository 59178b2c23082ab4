"""The tables of the read models. A projection owns its views; their shape follows its version."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
)

metadata = MetaData()

Position = BigInteger().with_variant(Integer(), "sqlite")

positions_table = Table(
    "projection_positions",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("position", Position, nullable=False),
)

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

view_tables: dict[str, Table] = {
    "accounts": accounts,
}

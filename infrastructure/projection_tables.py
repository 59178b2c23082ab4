"""What every projection's tables share: one metadata, the projections' positions, and the
registry of views by projection name. A projection owns its views; their shape follows its version.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table

metadata = MetaData()

Position = BigInteger().with_variant(Integer(), "sqlite")

positions_table = Table(
    "projection_positions",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("position", Position, nullable=False),
)

view_tables: dict[str, Table] = {}

"""Every row of every read model, in key order: what a rebuild must reproduce."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from infrastructure.bootstrap import Chengxin
from infrastructure.projection_tables import view_tables


def view_rows(system: Chengxin) -> dict[str, list[dict[str, Any]]]:
    with system.store.reading() as session:
        return {
            name: [
                dict(row._mapping)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for name, table in view_tables.items()
        }

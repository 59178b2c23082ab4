"""What the metrics read from the store at scrape time: positions, the seal chain's head and
the connection pools' use (the store's, and on PostgreSQL the public reads' own)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from infrastructure.persistence import SqlStore
from infrastructure.projection_tables import positions_table
from infrastructure.replica import ReplicaReads
from infrastructure.sealing import seals


@dataclass(frozen=True)
class PoolUse:
    size: int
    checked_out: int
    overflow: int


@dataclass(frozen=True)
class StorePositions:
    events: int  # the last event's position
    seal_head: int  # the last sealed position
    projections: dict[str, int]  # each projection's last applied position


class SqlMetricsQueries:
    def __init__(self, store: SqlStore, reads: ReplicaReads | None = None) -> None:
        self.store = store
        self.reads = reads

    def positions(self) -> StorePositions:
        events_table = self.store.recorder.events_record_cls.__table__
        with self.store.reading() as session:
            events, seal_head = session.execute(
                select(
                    select(func.max(events_table.c.id)).scalar_subquery(),
                    select(func.max(seals.c.position)).scalar_subquery(),
                )
            ).one()
            rows = session.execute(select(positions_table.c.name, positions_table.c.position))
            projections = {str(name): int(position) for name, position in rows}
        return StorePositions(int(events or 0), int(seal_head or 0), projections)

    def pool(self) -> PoolUse:
        return _use(self.store.engine)

    def read_pools(self) -> dict[str, PoolUse]:
        """The public reads' pools by database ("primary", "replica"); none on SQLite."""
        if self.reads is None:
            return {}
        engines = {"primary": self.reads.on_primary, "replica": self.reads.engine}
        return {name: _use(engine) for name, engine in engines.items() if engine is not None}


def _use(engine: Engine) -> PoolUse:
    pool = engine.pool
    if not isinstance(pool, QueuePool):
        return PoolUse(0, 0, 0)
    return PoolUse(pool.size(), pool.checkedout(), max(pool.overflow(), 0))

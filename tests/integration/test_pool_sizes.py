"""With --workers N, each process keeps its own pools; CHENGXIN_DB_POOL_SIZE and
CHENGXIN_DB_MAX_OVERFLOW size every one of them, so that N processes fit the server's
max_connections."""

from __future__ import annotations

from typing import Any

from sqlalchemy.pool import QueuePool

from infrastructure.bootstrap import build
from infrastructure.settings import Settings


def limits(pool: Any) -> tuple[int, int]:
    assert isinstance(pool, QueuePool)
    return pool.size(), pool._max_overflow


def test_the_settings_size_the_store_pool_and_the_public_reads_pool(settings: Settings) -> None:
    sized = build(settings.model_copy(update={"db_pool_size": 3, "db_max_overflow": 2}))
    try:
        assert limits(sized.store.engine.pool) == (3, 2)
        if sized.store.is_postgres:
            assert sized.replica.on_primary is not None
            assert limits(sized.replica.on_primary.pool) == (3, 2)
        if sized.replica.engine is not None:
            assert limits(sized.replica.engine.pool) == (3, 2)
        sized.public.search(q="淮安", limit=5)  # the pools serve
    finally:
        sized.close()


def test_by_default_they_are_sqlalchemys_own_sizes(settings: Settings) -> None:
    plain = build(settings)
    try:
        assert limits(plain.store.engine.pool) == (5, 10)
    finally:
        plain.close()

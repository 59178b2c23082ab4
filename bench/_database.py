"""Where a benchmark keeps its data: a SQLite file, or the PostgreSQL database named by
CHENGXIN_BENCH_POSTGRES_URL — which must be one of its own: its public schema is dropped."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text


def database_url(folder: Path) -> str:
    url = os.environ.get("CHENGXIN_BENCH_POSTGRES_URL")
    if not url:
        return f"sqlite:///{folder / 'bench.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url

"""What the public read path saves: the same search as one statement in autocommit on an unpinged
pool (how the public site reads) and inside a transaction on the store's pinged pool (how the
commands read: ping, BEGIN, the statement, ROLLBACK), by identifier and by a 3-character name
fragment, with 1 and 16 threads in one process.

    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.read_path      # its public schema is dropped

On SQLite both are the same read (no connection to ping, no round trip): it runs on PostgreSQL
only. The store gets CHENGXIN_BENCH_READ_ROWS imported rows (default 20,000).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from application.public import looked_up
from bench._database import database_url
from bench._machine import describe
from bench.scale import fragments, import_entries, settings_for, timings
from infrastructure.bootstrap import Chengxin, build
from infrastructure.public_queries import SqlPublicQueries

ROWS = int(os.environ.get("CHENGXIN_BENCH_READ_ROWS", "20000"))
QUERIES = 2000


def main() -> None:
    if not os.environ.get("CHENGXIN_BENCH_POSTGRES_URL"):
        print("read_path: set CHENGXIN_BENCH_POSTGRES_URL (on SQLite both paths are one read)")
        return
    print(describe("before"), flush=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        system = build(settings_for(database_url(folder), folder))
        try:
            compare(system, import_entries(system, folder, ROWS))
        finally:
            system.close()
    print(describe("after"), flush=True)


def compare(system: Chengxin, samples: list[list[str]]) -> None:
    rng = random.Random(1)
    legal = [row[1] for row in samples if row[0] != "natural_person"]
    kinds = {
        "identifier": [searching(system, identifier=rng.choice(legal)) for _ in range(QUERIES)],
        "3-character fragment": [
            searching(system, q=fragment)
            for fragment in fragments(rng, [row[2] for row in samples], 3) * (QUERIES // 200)
        ],
    }

    def in_a_transaction(search: Any) -> object:
        with system.store.reading() as session:
            return [dict(row._mapping) for row in session.execute(*search)]

    def one_statement(search: Any) -> object:
        return system.replica.rows(*search)

    paths = {"one statement": one_statement, "pinged transaction": in_a_transaction}
    for kind, queries in kinds.items():
        for path, read in [*paths.items(), *paths.items()]:  # twice each, alternating
            for readers in (1, 16):
                p50, p95, rate = timed(read, queries, readers)
                print(
                    f"  by {kind:<21} {path:<19} {readers:>2} threads: "
                    f"p50 {p50:5.2f} ms, p95 {p95:6.2f} ms, {rate:6,.0f}/s",
                    flush=True,
                )


def searching(system: Chengxin, q: str | None = None, identifier: str | None = None) -> Any:
    """The statement the public site runs for a search (newest first, a page of 50 and one) and
    its values."""
    where = looked_up(system.public.keys, q, identifier, None)
    return SqlPublicQueries(system.replica).search_statement(where, system.clock.today(), None, 51)


def timed(read: Callable[[Any], object], queries: list[Any], readers: int) -> tuple[float, ...]:
    times, took = timings(read, queries, readers)
    return statistics.median(times), statistics.quantiles(times, n=20)[18], len(queries) / took


if __name__ == "__main__":
    main()

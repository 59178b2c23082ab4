"""Public search right after a first import, with the statistics the import refreshes and
without them (planned on the statistics of empty tables, until autovacuum comes round).

    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.after_import [--rows 30000] [--runs 2]

PostgreSQL only (SQLite keeps no statistics). Each run drops the database's public schema,
imports a generated CSV of `--rows` rows into the empty store and at once searches by 200 name
fragments each of 2, 3 and 4 characters, one at a time; the runs alternate between the two
ways. It prints each way's p50 and p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from application.accounts import Principal
from bench._database import database_url
from bench._machine import describe
from bench.imports import write_rows
from bench.scale import fragments
from domain.accounts import Role
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from infrastructure.tabular import open_table

WAYS = ("refreshed by the import", "not refreshed")


def main() -> None:
    if not os.environ.get("CHENGXIN_BENCH_POSTGRES_URL"):
        print("bench.after_import: PostgreSQL only (set CHENGXIN_BENCH_POSTGRES_URL)")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_known_args()[0]
    print(describe(), flush=True)
    for _ in range(args.runs):
        for way in WAYS:
            print(f"{way:<24} {one_run(args.rows, refresh=way == WAYS[0])}", flush=True)
    print(describe("after"))


def one_run(rows: int, refresh: bool) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return import_and_search(rows, Path(folder), refresh)


def import_and_search(rows: int, folder: Path, refresh: bool) -> str:
    url = database_url(folder)
    system = build(Settings(database_url=url, secret_key="bench" * 10, var_dir=folder))
    if not refresh:
        system.imports.statistics = None  # the import as it was before it refreshed them
    try:
        source = folder / "rows.csv"
        write_rows(source, rows, system.clock.today())
        started = time.perf_counter()
        with source.open("rb") as file:
            system.imports.run(
                Principal("bench", Role.ADMIN), open_table(file).rows, "credit_office"
            )
        figures = [f"import {time.perf_counter() - started:5.1f} s"]
        with source.open(encoding="utf-8") as file:
            names = [line.split(",")[2] for line in file.readlines()[1:]]
        rng = random.Random(3)
        for length in (2, 3, 4):
            times = search_times(system, fragments(rng, names, length))
            p95 = statistics.quantiles(times, n=20)[18]
            figures.append(
                f"{length} characters p50 {statistics.median(times):5.2f} p95 {p95:5.2f} ms"
            )
        return "; ".join(figures)
    finally:
        system.close()


def search_times(system: Chengxin, queries: list[str]) -> list[float]:
    for query in queries[:10]:
        system.public.search(q=query, limit=50)
    times = []
    for query in queries:
        started = time.perf_counter()
        system.public.search(q=query, limit=50)
        times.append((time.perf_counter() - started) * 1000)
    return times


if __name__ == "__main__":
    main()

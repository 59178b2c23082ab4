"""How the figures grow with the store: 10,000, 100,000 and 1,000,000 entries.

Per size and backend it builds a store — the entries (and their subjects) through the bulk
import of a generated CSV, then cases, objections and repairs in an office's shares, and three
subjects with 100, 1,000 and 10,000 events — and prints: import rows/s, rebuild events/s,
public search p50/p95 by 2/3/4-character name fragments and by identifiers under 1 and 16
concurrent readers, change-feed pages/s, export rows/s with the exporting process's peak RSS,
verification events/s, and the first page of each big subject's history. Reads go through the
application's services (no HTTP), so they show the queries and the code around them.

    .venv/bin/python -m bench.scale [--sizes 10000,100000,1000000] [--backends postgresql]

SQLite always, then PostgreSQL when CHENGXIN_BENCH_POSTGRES_URL is set (its public schema is
dropped for each size). `make bench` runs the smallest size only.
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from application.accounts import Principal
from bench._database import database_url
from bench._machine import describe
from bench._scale_data import HISTORY_SIZES, add_casework, subjects_with_history
from bench.imports import write_rows
from domain.accounts import Role
from infrastructure.bootstrap import Chengxin, build
from infrastructure.integrity import SqlSealedLog
from infrastructure.public_tables import public_changes
from infrastructure.settings import Settings
from infrastructure.tabular import open_table

QUERIES = 200  # per kind of search and number of readers
FEED_PAGES, FEED_LIMIT = 200, 100
SECRET = "scale-bench-" * 4
TARGETS = "import ≥ 5,000 rows/s, rebuild ≥ 30,000 events/s, search p95 ≤ 20 ms (16 readers), "
TARGETS += "export peak RSS ≤ 300 MB, verify ≥ 100,000 events/s, 10,000-event history ≤ 50 ms"


def settings_for(url: str, folder: Path) -> Settings:
    return Settings(database_url=url, secret_key=SECRET, var_dir=folder)


def measure(backend: str, url: str, folder: Path, size: int) -> None:
    print(f"-- {backend}, {size:,} entries", flush=True)
    system = build(settings_for(url, folder))
    try:
        samples = import_entries(system, folder, size)
        started = time.perf_counter()
        made = add_casework(system, random.Random(size))
        histories = subjects_with_history(system)
        took = time.perf_counter() - started
        line(f"added {made} and the history subjects in {took:.0f} s")
        line(f"events stored: {system.store.max_position():,}")
        rebuild(system)
        searches(system, samples)
        feed(system)
        export(url, folder)
        verify(system)
        history(system, histories)
    finally:
        system.close()


def line(text: str) -> None:
    print(f"  {text}", flush=True)


def import_entries(system: Chengxin, folder: Path, size: int) -> list[list[str]]:
    """The entries through the bulk import; returns some of the rows (to search for)."""
    source = folder / "rows.csv"
    write_rows(source, size, system.clock.today(), seed=size)
    admin = Principal("bench", Role.ADMIN)
    started = time.perf_counter()
    with source.open("rb") as file:
        report = system.imports.run(admin, open_table(file).rows, "credit_office")
    took = time.perf_counter() - started
    line(
        f"import: {size:,} rows in {took:.1f} s = {size / took:,.0f} rows/s "
        f"(accepted {report.accepted:,}, rejected {report.rejected_total:,})"
    )
    with source.open(encoding="utf-8") as file:
        rows = list(csv.reader(file))[1:]
    source.unlink()
    return random.Random(1).sample(rows, min(len(rows), 2_000))


def rebuild(system: Chengxin) -> None:
    started = time.perf_counter()
    events, projections = system.projector.rebuild()
    took = time.perf_counter() - started
    line(
        f"rebuild, {projections} projections: {events:,} events in {took:.1f} s = "
        f"{events / took:,.0f} events/s"
    )


def searches(system: Chengxin, samples: list[list[str]]) -> None:
    rng = random.Random(3)
    names = [row[2] for row in samples]
    legal = [row[1] for row in samples if row[0] != "natural_person"]
    kinds: list[tuple[str, Callable[[str], Any], list[str]]] = [
        (f"{n}-character fragment", by_name(system), fragments(rng, names, n)) for n in (2, 3, 4)
    ]
    kinds.append(("identifier", by_identifier(system), [rng.choice(legal) for _ in range(QUERIES)]))
    for label, ask, queries in kinds:
        for readers in (1, 16):
            p50, p95 = latency(ask, queries, readers)
            line(
                f"search by {label:<22} {readers:>2} readers: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms"
            )


def by_name(system: Chengxin) -> Callable[[str], Any]:
    return lambda fragment: system.public.search(q=fragment, limit=50)


def by_identifier(system: Chengxin) -> Callable[[str], Any]:
    return lambda identifier: system.public.search(identifier=identifier, limit=50)


def fragments(rng: random.Random, names: list[str], length: int) -> list[str]:
    picks = []
    for name in rng.choices([n for n in names if len(n) >= length], k=QUERIES):
        start = rng.randrange(len(name) - length + 1)
        picks.append(name[start : start + length])
    return picks


def latency(ask: Callable[[str], Any], queries: list[str], readers: int) -> tuple[float, float]:
    """Each query's own time, with `readers` threads asking at once."""
    for query in queries[:10]:
        ask(query)
    times, _ = timings(ask, queries * (readers if readers > 1 else 1), readers)
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[18]


def timings(
    ask: Callable[[Any], Any], queries: list[Any], readers: int
) -> tuple[list[float], float]:
    """Each query's own time in ms, with `readers` threads asking at once, and the seconds all
    took."""

    def timed(query: Any) -> float:
        started = time.perf_counter()
        ask(query)
        return (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(readers) as pool:
        started = time.perf_counter()
        times = list(pool.map(timed, queries))
        return times, time.perf_counter() - started


def feed(system: Chengxin) -> None:
    """Pages of the change feed from its start and from its middle (keyset: same cost)."""
    with system.store.engine.connect() as connection:
        middle = int(connection.execute(select(func.max(public_changes.c.seq))).scalar() or 0) // 2
    for label, start in (("start", 0), ("middle", middle)):
        after, pages, started = start, 0, time.perf_counter()
        while pages < FEED_PAGES:
            page = system.public.changes(after, FEED_LIMIT)
            pages += 1
            if page.next_cursor is None:
                break
            after = int(page.next_cursor)
        took = time.perf_counter() - started
        line(
            f"change feed from its {label}: {pages} pages of {FEED_LIMIT} = "
            f"{pages / took:,.0f} pages/s"
        )


def export(url: str, folder: Path) -> None:
    """The CSV export in a process of its own, so that its peak memory is its own."""
    command = [sys.executable, "-m", "bench.scale", "--export-child", url, str(folder)]
    answer = subprocess.run(command, capture_output=True, text=True, check=True)
    line(answer.stdout.strip())


def export_child(url: str, folder: Path) -> None:
    system = build(settings_for(url, folder))
    before = peak_rss_mb()
    rows, started = 0, time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in system.public.export("csv"):
            sink.write(chunk)
            rows += chunk.count("\n")
    took = time.perf_counter() - started
    peak = peak_rss_mb()
    system.close()
    print(
        f"export (CSV): {rows - 1:,} rows in {took:.1f} s = {(rows - 1) / took:,.0f} rows/s; "
        f"peak RSS {peak:.0f} MB ({before:.0f} MB before the export)"
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: getrusage's ru_maxrss would also count the
    parent's memory at the fork that started it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for row in status:
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verify(system: Chengxin) -> None:
    """With the processes the settings choose, then with one and two processes."""
    chosen = system.audit.sealed
    checks = [("as configured", chosen)]
    if isinstance(chosen, SqlSealedLog):
        checks += [
            (f"{n} process{'es' if n > 1 else ''}", replace_workers(chosen, n)) for n in (1, 2)
        ]
    for label, sealed in checks:
        started = time.perf_counter()
        report = sealed.verify()
        took = time.perf_counter() - started
        assert report.ok, report
        line(
            f"verify, {label}: {report.events_checked:,} events in {took:.1f} s = "
            f"{report.events_checked / took:,.0f} events/s"
        )


def replace_workers(sealed: SqlSealedLog, workers: int) -> SqlSealedLog:
    """The same check in `workers` processes, whatever the store's size."""
    chosen = copy.copy(sealed)
    chosen.workers, chosen.parallel_from = workers, 0
    return chosen


def history(system: Chengxin, subjects: dict[Any, Any]) -> None:
    for size in HISTORY_SIZES:
        subject_id = subjects[size]
        times = []
        for _ in range(21):
            started = time.perf_counter()
            page = system.audit.history(subject_id, 0, 50)
            times.append((time.perf_counter() - started) * 1000)
        assert len(page) == 50, len(page)
        line(
            f"history of a subject with {size:,} events, first page of 50: "
            f"median {statistics.median(times[1:]):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated entry counts")
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="which of sqlite,postgresql to measure"
    )
    parser.add_argument("--export-child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_known_args()[0]
    if options.export_child:
        export_child(options.export_child[0], Path(options.export_child[1]))
        return
    print(describe(), flush=True)
    print(f"targets at 1,000,000 entries on PostgreSQL: {TARGETS}")
    wanted = options.backends.lower().split(",")
    backends = ["SQLite"] if "sqlite" in wanted else []
    if "postgresql" in wanted and os.environ.get("CHENGXIN_BENCH_POSTGRES_URL"):
        backends.append("PostgreSQL")
    for size in (int(s) for s in options.sizes.split(",")):
        for backend in backends:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{folder}/scale.db" if backend == "SQLite" else ""
                measure(backend, url or database_url(Path(folder)), Path(folder), size)
    print(describe("after"), flush=True)


if __name__ == "__main__":
    main()

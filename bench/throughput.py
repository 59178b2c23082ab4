"""Public search throughput with one server process and with two (`chengxin serve --workers 2`):
requests per second of each and their ratio (target ≥ 1.6 on a 2-core machine).

    .venv/bin/python -m bench.throughput               # SQLite, in a temporary directory
    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.throughput           # PostgreSQL: its public schema is dropped

The database gets CHENGXIN_BENCH_THROUGHPUT_ENTRIES entries (default 20,000). Each round starts
a real server on 127.0.0.1, warms it up, then 16 client threads (one keep-alive connection each,
the standard library's http.client: a lighter client leaves more of the two cores to the server)
send a bounded number of public searches by a 2- or 3-character name fragment
(CHENGXIN_BENCH_REQUESTS, default 2,000) and the round's requests per second is printed. The
client runs on the same machine and takes its share of the two cores: its CPU time is printed.
"""

from __future__ import annotations

import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench._database import database_url
from bench._machine import describe
from bench.public_site import fragments, new_entry, new_subject
from domain.entry import ListEntry
from domain.subject import Subject
from infrastructure.bootstrap import build
from infrastructure.settings import Settings

ENTRIES = int(os.environ.get("CHENGXIN_BENCH_THROUGHPUT_ENTRIES", "20000"))
REQUESTS = int(os.environ.get("CHENGXIN_BENCH_REQUESTS", "2000"))
CONCURRENCY = 16
WARM_UP = 200
PER_SAVE = 2_000
CHENGXIN = str(Path(sys.executable).parent / "chengxin")
SECRET = "throughput-bench-secret-key-of-enough-length"


def prepare(folder: Path) -> Settings:
    """A database with ENTRIES entries and their read models built."""
    settings = Settings(database_url=database_url(folder), secret_key=SECRET, var_dir=folder)
    system = build(settings)
    rng = random.Random(20261129)
    try:
        projector, system.store.projector = system.store.projector, None  # loading: no views
        batch: list[Subject | ListEntry] = []
        made, n = 0, 0
        while made < ENTRIES:
            n += 1
            subject = new_subject(n, rng)
            entries = [new_entry(system, subject, rng) for _ in range(rng.randint(1, 3))]
            made += len(entries)
            batch += [subject, *entries]
            if len(batch) >= PER_SAVE:
                system.app.save(*batch)
                batch = []
        system.app.save(*batch)
        system.store.projector = projector
        system.projector.rebuild()
        print(f"{system.store.engine.dialect.name}: {made:,} entries loaded", flush=True)
    finally:
        system.close()
    return settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def group_cpu(group: int) -> float:
    """CPU seconds used so far by the live processes of a process group (the server's)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == group:  # pgrp; then utime and stime are fields 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(settings: Settings, workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CHENGXIN_")},
        "CHENGXIN_DATABASE_URL": settings.database_url,
        "CHENGXIN_SECRET_KEY": SECRET,
        "CHENGXIN_VAR_DIR": str(settings.var_dir),
        "CHENGXIN_PUBLIC_RATE_LIMIT": "0",
    }
    log = (settings.var_dir / f"server-{workers}.log").open("wb")
    process = subprocess.Popen(
        [CHENGXIN, "serve", "--port", str(port), "--workers", str(workers)],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_workers(process, base, settings.var_dir / f"server-{workers}.log", workers)
        yield base, process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def wait_for_workers(process: subprocess.Popen[bytes], base: str, log: Path, workers: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start-up: see {log}")
        started = log.read_text(errors="replace").count("Application startup complete")
        if started >= workers:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within 120 s: see {log}")


def load(base: str, queries: list[str], requests: int) -> float:
    """Sends `requests` searches from CONCURRENCY threads; requests per second."""
    host, port = base.removeprefix("http://").split(":")
    paths = [f"/api/v1/public/entries?{urlencode({'q': query})}" for query in queries]
    counter = iter(range(requests))
    taking = threading.Lock()
    failures: list[int] = []

    def client() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        try:
            while True:
                with taking:
                    n = next(counter, None)
                if n is None:
                    return
                connection.request("GET", paths[n % len(paths)])
                answer = connection.getresponse()
                answer.read()
                if answer.status != 200:
                    failures.append(answer.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} searches failed, e.g. with {failures[0]}")
    return requests / took


def measure(settings: Settings, workers: int, queries: list[str]) -> float:
    with server(settings, workers) as (base, group):
        load(base, queries, WARM_UP)
        cpu, served = time.process_time(), group_cpu(group)
        rate = load(base, queries, REQUESTS)
        cpu, served = time.process_time() - cpu, group_cpu(group) - served
    print(
        f"{workers} server process{'es' if workers > 1 else ''}: {REQUESTS:,} public searches, "
        f"{CONCURRENCY} concurrent: {rate:,.0f} req/s; CPU per request: server "
        f"{served / REQUESTS * 1000:.1f} ms, client {cpu / REQUESTS * 1000:.1f} ms",
        flush=True,
    )
    return rate


def main() -> None:
    print(describe(), flush=True)
    rng = random.Random(7)
    queries = fragments(rng, 2) + fragments(rng, 3)
    with tempfile.TemporaryDirectory() as folder:
        settings = prepare(Path(folder))
        one = measure(settings, 1, queries)
        two = measure(settings, 2, queries)
    print(f"2 processes / 1 process: {two / one:.2f} (target ≥ 1.6)")
    print(describe("after"))


if __name__ == "__main__":
    main()

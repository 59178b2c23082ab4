"""The command path against the library's own speed, in one run on one kind of database.

1. A bare eventsourcing application (same persistence module, same database kind) creates and
   saves N aggregates shaped like a credit subject: the library's own rate.
2. A `chengxin serve` process on 127.0.0.1 takes N `GET /api/v1/users/me` (the floor: an
   authenticated request through the same HTTP stack that writes nothing), then N
   `POST /api/v1/subjects` and N `POST /api/v1/entries` (decisions recorded on those subjects),
   sequentially, each with an officer's bearer token, over real HTTP: Chengxin's rates.
Prints them and their ratios to the bare rate (target for the commands: at least 0.5).

    .venv/bin/python -m bench.command_path [--count 500]

SQLite always, then PostgreSQL too when CHENGXIN_BENCH_POSTGRES_URL is set (its public schema is
dropped for each part). `--profile DIR` runs each server under py-spy (collapsed stacks).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench._database import database_url
from bench._machine import describe
from demo.people import company
from domain.accounts import Role
from infrastructure.bootstrap import build
from infrastructure.settings import Settings

TARGET = 0.5
OFFICER = ("bench.officer", "bench-officer-password-2026")


class BareSubject(Aggregate):
    """What a credit subject carries, without Chengxin's rules, projections or seals."""

    @event("Registered")
    def __init__(self, kind: str, identifier: str, name: str) -> None:
        self.kind = kind
        self.identifier = identifier
        self.name = name


class BareApp(Application[Any]):
    name = "bare"


def bare_rate(url: str, count: int) -> float:
    app = BareApp(
        env={
            "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy",
            "SQLALCHEMY_URL": url,
            "CREATE_TABLE": "yes",
        }
    )
    rng = random.Random(1)
    subjects = [company(rng) for _ in range(count)]
    started = time.perf_counter()
    for subject in subjects:
        app.save(BareSubject(subject.kind.value, subject.identifier, subject.name))
    elapsed = time.perf_counter() - started
    app.close()
    return count / elapsed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    url: str, folder: Path, profile: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    settings = Settings(database_url=url, var_dir=folder)
    system = build(settings)
    system.accounts.register(*OFFICER, Role.OFFICER, "public_security")
    system.close()
    port = free_port()
    environment = {**os.environ, "CHENGXIN_DATABASE_URL": url, "CHENGXIN_VAR_DIR": str(folder)}
    command = [str(Path(sys.executable).parent / "chengxin"), "serve", "--port", str(port)]
    if profile is not None:  # sampled by py-spy (pip install py-spy), collapsed stacks
        spy = str(Path(sys.executable).parent / "py-spy")
        command = [spy, "record", "-r", "200", "-f", "raw", "-o", str(profile), "--", *command]
    server = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


def chengxin_rates(
    url: str, folder: Path, count: int, profile: Path | None = None
) -> tuple[float, float, float]:
    server, base = start_server(url, folder, profile)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:  # one kept-alive connection
            form = {"username": OFFICER[0], "password": OFFICER[1]}
            token = client.post("/api/v1/auth/token", data=form).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            started = time.perf_counter()
            for _ in range(count):  # the floor: an authenticated request that writes nothing
                client.get("/api/v1/users/me").raise_for_status()
            floor_rate = count / (time.perf_counter() - started)
            rng = random.Random(2)
            bodies = [company(rng) for _ in range(count)]
            started = time.perf_counter()
            ids = [register(client, subject) for subject in bodies]
            subjects_rate = count / (time.perf_counter() - started)
            started = time.perf_counter()
            for number, subject_id in enumerate(ids):
                decide(client, subject_id, number)
            entries_rate = count / (time.perf_counter() - started)
    finally:
        server.send_signal(signal.SIGINT if profile else signal.SIGTERM)
        server.wait(timeout=60)
    return floor_rate, subjects_rate, entries_rate


def register(client: httpx.Client, subject: Any) -> str:
    body = {"kind": subject.kind.value, "identifier": subject.identifier, "name": subject.name}
    answer = client.post("/api/v1/subjects", json=body)
    if answer.status_code not in (201, 409):
        raise RuntimeError(f"POST /api/v1/subjects: {answer.status_code} {answer.text[:200]}")
    return str(answer.json().get("id") or answer.json().get("subject_id"))


def decide(client: httpx.Client, subject_id: str, number: int) -> None:
    decided = date.today() - timedelta(days=30 + number % 300)
    body = {
        "subject_id": subject_id,
        "list_type": "penalty",
        "domain": "telecom_fraud",
        "severity": "general",
        "decision_no": f"淮公罚〔{decided.year}〕{number}号",
        "decision_date": decided.isoformat(),
        "legal_basis": "《中华人民共和国反电信网络诈骗法》第三十八条",
    }
    answer = client.post("/api/v1/entries", json=body)
    if answer.status_code != 201:
        raise RuntimeError(f"POST /api/v1/entries: {answer.status_code} {answer.text[:200]}")


def run(backend: str, url_of: Callable[[Path], str], count: int, profile: Path | None) -> None:
    """The bare rate is taken before and after Chengxin's, and the ratio against their mean:
    on a shared machine the speed drifts during a run."""
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as folder:
        bare_before = bare_rate(url_of(Path(first)), count)
        url = url_of(Path(folder))
        floor, subjects, entries = chengxin_rates(url, Path(folder), count, profile)
    with tempfile.TemporaryDirectory() as last:
        bare_after = bare_rate(url_of(Path(last)), count)
    bare = (bare_before + bare_after) / 2
    print(f"{backend}, {count} commands each, sequential, one kept-alive HTTP client:")
    print(
        f"  bare eventsourcing create-and-save:  {bare:8.0f}/s "
        f"(before {bare_before:.0f}/s, after {bare_after:.0f}/s)"
    )
    print(
        f"  {'GET /api/v1/users/me (HTTP floor)':<34} {floor:8.0f}/s  ratio {floor / bare:.2f} "
        "(an authenticated request that writes nothing)"
    )
    for what, rate in (("POST /api/v1/subjects", subjects), ("POST /api/v1/entries", entries)):
        ratio = rate / bare
        verdict = "met" if ratio >= TARGET else "NOT met"
        print(f"  {what:<34} {rate:8.0f}/s  ratio {ratio:.2f} (target {TARGET}: {verdict})")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument(
        "--profile", type=Path, help="folder for py-spy's collapsed stacks of each server"
    )
    options = parser.parse_known_args()[0]
    print(describe(), flush=True)
    backends: list[tuple[str, Callable[[Path], str]]] = [("SQLite", sqlite_url)]
    if os.environ.get("CHENGXIN_BENCH_POSTGRES_URL"):
        backends.append(("PostgreSQL", database_url))
    for backend, url_of in backends:
        profile = None
        if options.profile is not None:
            options.profile.mkdir(parents=True, exist_ok=True)
            profile = options.profile / f"command_path-{backend.lower()}.txt"
        run(backend, url_of, options.count, profile)
    print(describe("after"), flush=True)


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'bench.db'}"


if __name__ == "__main__":
    main()

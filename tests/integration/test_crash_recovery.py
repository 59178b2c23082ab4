"""A server killed mid-work loses nothing it acknowledged and leaves nothing half-done; a server
whose PostgreSQL restarts under it answers again by itself.

Each round: writers register subjects and record decisions, an importer loads small files, all
against a real `chengxin serve` process; the process is killed with SIGKILL at a random moment,
started again, and then every acknowledged command must be there, the read models must equal a
rebuild, and the seal chain must verify. On SQLite the database file is in WAL mode.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from sqlalchemy import text

from domain.accounts import Role
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from infrastructure.worklists_queries import EntryFilter
from tests.support import valid_uscc
from tests.view_support import view_rows

ROUNDS = 3
OFFICER = ("crash.officer", "crash-officer-password-2026")
CHENGXIN = str(Path(sys.executable).parent / "chengxin")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
RESTART_POSTGRES = os.environ.get("CHENGXIN_TEST_RESTART_POSTGRES") == "1"
HEADER = "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """`chengxin serve` on a port of its own, over the test's database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        environment = {
            **os.environ,
            "CHENGXIN_DATABASE_URL": self.settings.database_url,
            "CHENGXIN_SECRET_KEY": str(self.settings.secret_key),
            "CHENGXIN_VAR_DIR": str(self.settings.var_dir),
        }
        log = (self.settings.var_dir / "server.log").open("ab")
        self.process = subprocess.Popen(
            [CHENGXIN, "serve", "--port", str(self.port)],
            env=environment,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server exited at start-up: see server.log"
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer within 60 s")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@dataclass
class Acknowledged:
    subjects: set[str] = field(default_factory=set)
    entries: set[str] = field(default_factory=set)
    imported: set[str] = field(default_factory=set)  # decision numbers of accepted rows
    lock: threading.Lock = field(default_factory=threading.Lock)


def token(base: str) -> str:
    form = {"username": OFFICER[0], "password": OFFICER[1]}
    answer = httpx.post(f"{base}/api/v1/auth/token", data=form, timeout=10)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def write(base: str, bearer: str, writer: int, seen: Acknowledged, stop: threading.Event) -> None:
    """Subjects and their decisions, one after the other, until the server goes away."""
    headers = {"Authorization": f"Bearer {bearer}"}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
        number = 0
        while not stop.is_set():
            number += 1
            stem = f"91320800{writer}{random.randrange(10**8):08d}"
            identifier = valid_uscc(stem)
            try:
                subject = client.post(
                    "/api/v1/subjects",
                    json={"kind": "legal_person", "identifier": identifier, "name": f"淮安{stem}"},
                )
                if subject.status_code != 201:
                    continue
                with seen.lock:
                    seen.subjects.add(subject.json()["id"])
                entry = client.post("/api/v1/entries", json=decision(subject.json()["id"], stem))
                if entry.status_code == 201:
                    with seen.lock:
                        seen.entries.add(entry.json()["id"])
            except httpx.TransportError:
                return


def decision(subject_id: str, stem: str) -> dict[str, str]:
    return {
        "subject_id": subject_id,
        "list_type": "penalty",
        "domain": "telecom_fraud",
        "severity": "general",
        "decision_no": f"淮公罚〔2026〕{stem}号",
        "decision_date": "2026-03-02",
        "legal_basis": "《中华人民共和国反电信网络诈骗法》第三十八条",
    }


def import_files(base: str, bearer: str, seen: Acknowledged, stop: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {bearer}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        while not stop.is_set():
            numbers = [f"I{random.randrange(10**9):09d}" for _ in range(20)]
            rows = [HEADER] + [
                f"legal_person,{valid_uscc(f'91320811{n[1:]}')},淮安{n}商贸有限公司,penalty,"
                f"telecom_fraud,general,{n},2026-02-01,《反电信网络诈骗法》"
                for n in numbers
            ]
            upload = {"file": ("rows.csv", "\n".join(rows).encode(), "text/csv")}
            try:
                answer = client.post("/api/v1/imports", files=upload)
            except httpx.TransportError:
                return
            if answer.status_code == 200 and answer.json()["accepted"] == len(numbers):
                with seen.lock:
                    seen.imported.update(numbers)


def run_round(server: Server, seen: Acknowledged, rng: random.Random) -> None:
    server.start()
    bearer = token(server.base)
    stop = threading.Event()
    workers = [
        threading.Thread(target=write, args=(server.base, bearer, n, seen, stop)) for n in range(3)
    ]
    workers.append(threading.Thread(target=import_files, args=(server.base, bearer, seen, stop)))
    before = (len(seen.entries), len(seen.imported))
    for worker in workers:
        worker.start()
    # Kill once both kinds of work have landed in this round (a loaded machine is slow), at a
    # random moment after that: mid-save, mid-import or between requests.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        len(seen.entries) == before[0] or len(seen.imported) == before[1]
    ):
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 1.0))
    server.kill()
    stop.set()
    for worker in workers:
        worker.join(timeout=30)


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    system = build(settings)
    system.accounts.register(*OFFICER, Role.OFFICER, "public_security")
    system.accounts.register("crash.admin", "crash-admin-password-2026", Role.ADMIN)
    system.close()
    started = Server(settings)
    yield started
    started.stop()


def test_a_killed_server_keeps_every_acknowledged_command_and_nothing_half_done(
    server: Server, settings: Settings
) -> None:
    seen, rng = Acknowledged(), random.Random(11)
    for _ in range(ROUNDS):
        run_round(server, seen, rng)
    assert seen.subjects and seen.entries, "no command was acknowledged before the kills"
    assert seen.imported, "no import was acknowledged before the kills"

    system = build(settings)
    try:
        if system.store.engine.dialect.name == "sqlite":
            with system.store.engine.connect() as connection:
                mode = connection.execute(text("PRAGMA journal_mode")).scalar_one()
            assert mode == "wal"
        for subject_id in seen.subjects:
            assert system.subjects.get(UUID(subject_id)) is not None
        for entry_id in seen.entries:
            assert system.entries.get(UUID(entry_id)).decision_no
        recorded = {
            entry.decision_no for entry in map(system.entries.get, imported_entry_ids(system))
        }
        assert seen.imported <= recorded
        live = view_rows(system)
        system.projector.rebuild()
        assert view_rows(system) == live
        assert system.audit.check_integrity().ok
    finally:
        system.close()


def imported_entry_ids(system: Chengxin) -> list[UUID]:
    rows = system.worklists.list_entries(EntryFilter(domain="telecom_fraud"), None, 100_000)
    return [UUID(row["entry_id"]) for row in rows]


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version[-1], "main", "restart"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@dataclass
class Load:
    statuses: list[int] = field(default_factory=list)
    failures: list[tuple[float, str]] = field(default_factory=list)  # (when, what)


def keep_asking(base: str, bearer: str, load: Load, stop: threading.Event) -> None:
    """Searches and registrations without pause while the database goes away and comes back."""
    headers = {"Authorization": f"Bearer {bearer}"}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
        while not stop.is_set():
            stem = f"91320800{random.randrange(10**9):09d}"
            body = {"kind": "legal_person", "identifier": valid_uscc(stem), "name": f"淮安{stem}"}
            try:
                load.statuses.append(client.get("/api/v1/public/entries?q=淮安").status_code)
                load.statuses.append(client.post("/api/v1/subjects", json=body).status_code)
            except httpx.TransportError as error:
                load.failures.append((time.monotonic(), repr(error)))
            time.sleep(0.02)


def answers_again(base: str, bearer: str, within_s: float) -> float:
    started = time.monotonic()
    headers = {"Authorization": f"Bearer {bearer}"}
    while time.monotonic() - started < within_s:
        stem = f"91320800{random.randrange(10**9):09d}"
        body = {"kind": "legal_person", "identifier": valid_uscc(stem), "name": f"淮安{stem}"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
            if client.post("/api/v1/subjects", json=body).status_code == 201:
                return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"the server did not take a command within {within_s} s of the restart")


@pytest.mark.serial
def test_the_server_answers_again_by_itself_after_postgresql_restarts(
    server: Server, backend: str
) -> None:
    if backend != "postgres":
        pytest.skip("a PostgreSQL server's restart")
    if not RESTART_POSTGRES:
        if IN_CI:
            pytest.fail("CI restarts PostgreSQL under load: set CHENGXIN_TEST_RESTART_POSTGRES=1")
        pytest.skip("restarts the local PostgreSQL: set CHENGXIN_TEST_RESTART_POSTGRES=1")
    server.start()
    bearer = token(server.base)
    load, stop = Load(), threading.Event()
    asker = threading.Thread(target=keep_asking, args=(server.base, bearer, load, stop))
    asker.start()
    time.sleep(1.0)
    restart_postgres()
    recovered_in = answers_again(server.base, bearer, within_s=15)
    recovered_at = time.monotonic()
    time.sleep(0.5)
    stop.set()
    asker.join(timeout=30)
    assert server.process is not None and server.process.poll() is None, "the server died"
    assert recovered_in < 15
    assert 500 not in load.statuses, "a lost connection must answer 503, never 500"
    assert set(load.statuses) <= {200, 201, 503}
    # While the database is away an open connection may be reset; once it answers again, none.
    assert all(when <= recovered_at for when, _ in load.failures), load.failures[-3:]

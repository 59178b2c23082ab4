"""Any number of server processes may start at once on one database (API.md §8.4).

Three real `chengxin serve` processes are started together on a fresh database with the demo
switched on: all three answer, the admin is created once, the demo is loaded once and each read
model is built once, by whichever process took the start-up lock first; the others wait and find
the work done. The same after a read model's stored version changed: it alone is rebuilt, once.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import create_engine, inspect, text

from application.accounts import account_id_for
from application.lookup_keys import LookupKeys
from infrastructure.bootstrap import build, build_projections
from infrastructure.settings import Settings
from infrastructure.startup import startup_lock
from infrastructure.store_encoding import new_cipher_key
from infrastructure.store_facts import StoreRefused, check_store
from tests.integration.test_crash_recovery import free_port

CHENGXIN = str(Path(sys.executable).parent / "chengxin")
# The demo city's load is the longest part: about 10 s on SQLite and 15 s on PostgreSQL on an idle
# 2-core machine, several times that on a busy one; the waiting servers answer right after it.
START_WAIT = 150.0
BUILDING = re.compile(r"building the read model (\w+) \(version \d+\)")
DEMO = re.compile(r"Chengxin demo city: (\d+) subjects")
PROJECTIONS = [
    p.name for p in build_projections(SimpleNamespace(repository=None), LookupKeys(b"k", b"ids"))
]


def environment(settings: Settings, demo: bool) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("CHENGXIN_")}
    return {
        **inherited,
        "CHENGXIN_DATABASE_URL": settings.database_url,
        "CHENGXIN_SECRET_KEY": str(settings.secret_key),
        "CHENGXIN_VAR_DIR": str(settings.var_dir),
        "CHENGXIN_ADMIN_USERNAME": settings.admin_username,
        "CHENGXIN_ADMIN_PASSWORD": str(settings.admin_password),
        "CHENGXIN_DEMO": "1" if demo else "0",
    }


class Servers:
    """Several `chengxin serve` processes started at the same moment, each logging to a file."""

    def __init__(
        self, settings: Settings, count: int, round_name: str, workers: int = 1, demo: bool = True
    ) -> None:
        self.settings = settings
        self.ports = [free_port() for _ in range(count)]
        self.logs = [settings.var_dir / f"{round_name}-{n}.log" for n in range(count)]
        self.processes: list[subprocess.Popen[bytes]] = []
        self.workers = workers
        self.demo = demo

    def start(self) -> None:
        for port, log in zip(self.ports, self.logs, strict=True):
            with log.open("wb") as out:
                command = [CHENGXIN, "serve", "--port", str(port)]
                if self.workers > 1:
                    command += ["--workers", str(self.workers)]
                self.processes.append(
                    subprocess.Popen(
                        command,
                        env=environment(self.settings, self.demo),
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        deadline = time.monotonic() + START_WAIT
        waiting = set(self.ports)
        while waiting and time.monotonic() < deadline:
            for port, process, log in zip(self.ports, self.processes, self.logs, strict=True):
                assert process.poll() is None, f"a server exited at start-up:\n{log.read_text()}"
                if port in waiting and answers(port):
                    waiting.discard(port)
            time.sleep(0.2)
        assert not waiting, f"{len(waiting)} servers did not answer within {START_WAIT:.0f} s"

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def log_text(self) -> str:
        return "\n".join(log.read_text(errors="replace") for log in self.logs)


def answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def servers(settings: Settings) -> Iterator[list[Servers]]:
    started: list[Servers] = []
    yield started
    for group in started:
        group.stop()


def count(settings: Settings, query: str, **params: object) -> int:
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(query), params).scalar_one())
    finally:
        engine.dispose()


def subjects_registered(settings: Settings) -> int:
    return count(
        settings, "SELECT count(*) FROM chengxin_events WHERE topic LIKE '%Subject.Registered'"
    )


def admin_created(settings: Settings) -> int:
    admin = account_id_for(settings.admin_username)
    return count(  # SQLite keeps an aggregate id as its 16 bytes, PostgreSQL as a uuid
        settings,
        "SELECT count(*) FROM chengxin_events WHERE originator_id = :id "
        "AND topic LIKE '%Account.Registered'",
        id=admin.bytes if settings.is_sqlite else admin,
    )


def log_in(port: int, settings: Settings) -> int:
    form = {"username": settings.admin_username, "password": str(settings.admin_password)}
    answer = httpx.post(f"http://127.0.0.1:{port}/api/v1/auth/token", data=form, timeout=10)
    return answer.status_code


def test_three_servers_start_at_once_and_do_the_start_up_work_once(
    settings: Settings, servers: list[Servers]
) -> None:
    first = Servers(settings, 3, "fresh")
    servers.append(first)
    first.start()

    logs = first.log_text()
    built = BUILDING.findall(logs)
    assert sorted(built) == sorted(PROJECTIONS), logs  # each read model built once, by one
    demo = DEMO.findall(logs)
    assert len(demo) == 1, logs  # one process loaded the demo, the others found it there
    assert subjects_registered(settings) == int(demo[0]) > 0
    assert admin_created(settings) == 1
    for port in first.ports:
        assert log_in(port, settings) == 200
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/public/entries", timeout=10).is_success
    first.stop()

    # a read model's code version changed: the next start rebuilds it, once across processes
    changed = count(
        settings,
        "SELECT count(*) FROM projection_positions WHERE name = 'public'",
    )
    assert changed == 1
    engine = create_engine(settings.database_url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE projection_positions SET version = version + 100 WHERE name = :name"),
            {"name": "public"},
        )
    engine.dispose()
    second = Servers(settings, 3, "bumped")
    servers.append(second)
    second.start()
    logs = second.log_text()
    assert BUILDING.findall(logs) == ["public"], logs
    assert DEMO.findall(logs) == []
    assert subjects_registered(settings) == int(demo[0])
    assert admin_created(settings) == 1
    for port in second.ports:
        assert log_in(port, settings) == 200


def test_serve_with_two_workers_answers(settings: Settings, servers: list[Servers]) -> None:
    group = Servers(settings, 1, "workers", workers=2, demo=False)
    servers.append(group)
    group.start()
    port = group.ports[0]
    assert all(answers(port) for _ in range(10))
    assert log_in(port, settings) == 200
    deadline = time.monotonic() + START_WAIT
    while group.log_text().count("Application startup complete") < 2:
        assert time.monotonic() < deadline, group.log_text()
        time.sleep(0.2)
    logs = group.log_text()
    assert sorted(BUILDING.findall(logs)) == sorted(PROJECTIONS), logs  # by the migrate step
    assert len(set(re.findall(r"Started server process \[(\d+)\]", logs))) == 2, logs
    assert all(answers(port) for _ in range(10))


def migrate(settings: Settings, demo: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHENGXIN, "migrate"],
        env=environment(settings, demo),
        capture_output=True,
        text=True,
        timeout=START_WAIT,
        check=False,
    )


def test_migrate_does_the_start_up_work_once_and_is_safe_while_a_server_runs(
    settings: Settings, servers: list[Servers]
) -> None:
    first = migrate(settings)
    assert first.returncode == 0, first.stderr
    assert sorted(BUILDING.findall(first.stderr)) == sorted(PROJECTIONS)
    assert "created the admin account" in first.stderr
    assert admin_created(settings) == 1

    group = Servers(settings, 1, "beside-migrate", demo=False)
    servers.append(group)
    group.start()
    port = group.ports[0]
    again = migrate(settings)  # while the server runs: finds everything done
    assert again.returncode == 0, again.stderr
    assert BUILDING.findall(again.stderr) == []
    assert "created the admin account" not in again.stderr
    assert "the database is up to date" in again.stdout
    assert answers(port)
    assert log_in(port, settings) == 200
    assert BUILDING.findall(group.log_text()) == []  # the server found the read models built


def test_the_check_before_serving_writes_nothing_while_another_process_starts_up(
    settings: Settings,
) -> None:
    """`chengxin serve` checks the store's cipher facts before its server starts, outside the
    start-up lock. Were it to create the facts' table, it could race the process that holds the
    lock and is creating it (PostgreSQL: UniqueViolation on pg_type). It only reads."""
    built = build(settings)
    built.close()
    engine = create_engine(settings.database_url)
    try:
        with engine.begin() as connection:  # as the locked process sees it mid-start-up
            connection.execute(text("DROP TABLE store_facts"))
        with startup_lock(settings.database_url):  # another process is starting up
            check_store(settings.model_copy(update={"cipher_key": None}))
            with pytest.raises(StoreRefused, match="copy-store"):
                check_store(settings.model_copy(update={"cipher_key": new_cipher_key()}))
        assert not inspect(engine).has_table("store_facts")
    finally:
        engine.dispose()

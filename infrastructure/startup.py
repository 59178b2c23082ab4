"""Start-up work done by one process at a time: any number may start at once on one database.

Creating the tables, recording the seal key, (re)building the read models, creating the admin and
loading the demo happen under one lock: a PostgreSQL advisory lock held on a connection of its
own, or on SQLite an exclusive lock on a file beside the database (SQLite's own write lock cannot
be held across the work: the work writes through other connections). The first process does the
work; the others wait, then find it done and skip it. A process that dies releases the lock.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

log = logging.getLogger("chengxin.startup")
# pg_advisory_lock takes one bigint: "chengxin" in ASCII, so no other application's key collides
ADVISORY_KEY = int.from_bytes(b"chengxin", "big") & (2**63 - 1)
_in_memory = threading.Lock()  # a database in memory is this process's alone


def sqlite_file(database_url: str) -> Path | None:
    prefix = "sqlite:///"
    if not database_url.startswith(prefix) or ":memory:" in database_url:
        return None
    return Path(database_url.removeprefix(prefix).split("?", 1)[0])


@contextmanager
def startup_lock(database_url: str) -> Iterator[None]:
    """Held by one process at a time across all processes on the database; others wait."""
    started = time.monotonic()
    if database_url.startswith("postgresql"):
        lock = _advisory_lock(database_url)
    elif (path := sqlite_file(database_url)) is not None:
        lock = _file_lock(path.with_name(path.name + ".startup-lock"))
    else:
        lock = _thread_lock()
    with lock:
        waited = time.monotonic() - started
        if waited > 1:
            log.info("waited %.1f s for another process's start-up work", waited)
        yield


@contextmanager
def _advisory_lock(database_url: str) -> Iterator[None]:
    engine = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
            try:
                yield
            finally:
                with suppress(DBAPIError):  # a connection lost has released the lock already
                    connection.execute(
                        text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY}
                    )
    finally:
        engine.dispose()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def _thread_lock() -> Iterator[None]:
    with _in_memory:
        yield

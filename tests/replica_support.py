"""The public read path on a real PostgreSQL streaming replica (`.ci/replica` starts one).

Tests marked `replica` read the public site and the statistics from it when they run on
PostgreSQL and CHENGXIN_TEST_REPLICA_URL names the replica's server. A replica is a moment behind
by nature: before each read the test waits until the replica has replayed everything the primary
had written, so the tests stay exact and still read through the replica.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from sqlalchemy import make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from infrastructure.bootstrap import Chengxin
from infrastructure.replica import ReplicaReads

REPLICA_URL = os.environ.get("CHENGXIN_TEST_REPLICA_URL")
CATCH_UP_S = 15.0


def replica_url_for(primary_url: str) -> str | None:
    """The replica's copy of the primary's database (a replica holds every database)."""
    if REPLICA_URL is None:
        return None
    database = make_url(primary_url).database
    return make_url(REPLICA_URL).set(database=database).render_as_string(hide_password=False)


def wait_for_replica(system: Chengxin) -> None:
    with system.store.engine.connect() as primary:
        lsn = primary.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
    engine = system.replica.engine
    assert engine is not None
    deadline = time.monotonic() + CATCH_UP_S
    query = text("SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)")
    while time.monotonic() < deadline:
        with engine.connect() as replica:
            if replica.execute(query, {"lsn": lsn}).scalar_one():
                return
        time.sleep(0.01)
    raise AssertionError(f"the replica did not replay {lsn} within {CATCH_UP_S} s")


def catching_up(system: Chengxin) -> Callable[..., Any]:
    """The replica's `read`, after the replica has replayed all the primary had written."""
    replica: ReplicaReads = system.replica
    read = replica.read

    def caught_up_read(work: Callable[[Connection], Any], snapshot: bool = False) -> Any:
        if time.monotonic() >= replica.down_until:
            with suppress(OperationalError):  # a stopped replica: the read falls back by itself
                wait_for_replica(system)
        return read(work, snapshot)

    return caught_up_read

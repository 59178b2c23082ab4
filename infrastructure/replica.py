"""Reads that a PostgreSQL streaming replica may serve: the public site, its export and change
feed, and the statistics. Nothing here must read its own writes, so a replica a moment behind is
fine; a replica that does not answer is passed over for the primary until it is retried.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from infrastructure.persistence import SqlStore, without_jit

log = logging.getLogger("chengxin.replica")

RETRY_AFTER_S = 10.0
CONNECT_TIMEOUT_S = 2
# Behind by nothing when all that was received is replayed; otherwise since the last replay.
LAG_QUERY = text(
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
)


class ReplicaReads:
    """`reading()` on the replica when one is configured and answering, else on the primary."""

    def __init__(self, primary: SqlStore, replica_url: str | None) -> None:
        self.primary = primary
        self.engine: Engine | None = None
        if replica_url:
            self.engine = create_engine(
                replica_url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
            )
            without_jit(self.engine)
        self.down_until = 0.0

    @property
    def is_postgres(self) -> bool:
        return self.primary.is_postgres

    @property
    def configured(self) -> bool:
        return self.engine is not None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        connection = self._connect()
        if connection is None:
            with self.primary.reading() as session:
                yield session
            return
        with connection, Session(bind=connection) as session:
            yield session

    def lag_seconds(self) -> float | None:
        """How far the replica is behind the primary; None when it does not answer."""
        connection = self._connect()
        if connection is None:
            return None
        with connection:
            return float(connection.execute(LAG_QUERY).scalar_one() or 0.0)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def _connect(self) -> Connection | None:
        if self.engine is None or time.monotonic() < self.down_until:
            return None
        try:
            return self.engine.connect()
        except DBAPIError as error:
            self.down_until = time.monotonic() + RETRY_AFTER_S
            log.warning(
                "the read replica does not answer (%s): reading from the primary for %.0f s",
                type(error.orig).__name__,
                RETRY_AFTER_S,
            )
            return None

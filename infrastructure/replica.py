"""Reads that a PostgreSQL streaming replica may serve: the public site, its export and change
feed, and the statistics. Nothing here must read its own writes, so a replica a moment behind is
fine; a replica that does not answer is passed over for the primary until it is retried.

Each read is one statement on a connection in autocommit, from a pool that is not pinged: one
round trip, where a pinged pool in a transaction made four (ping, BEGIN, the statement,
ROLLBACK). A search by identifier then takes half the time in one process (0.5 instead of 1.1
ms) and 16 threads make 45 % more of them. A pooled connection the server dropped (a restart)
fails its read, which then runs once more on a new connection. A read of several statements that
must agree (the statistics) asks for a snapshot.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Boolean, Date, DateTime, Integer, Select, String, create_engine, text
from sqlalchemy.engine import URL, Connection, CursorResult, Dialect, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.types import TypeEngine

from application.ports import Row
from infrastructure.persistence import SqlStore, without_jit

log = logging.getLogger("chengxin.replica")

T = TypeVar("T")
RETRY_AFTER_S = 10.0
CONNECT_TIMEOUT_S = 2
# Behind by nothing when all that was received is replayed; otherwise since the last replay.
LAG_QUERY = text(
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
)
Read = Callable[[Connection], T]


def one_statement_engine(url: str | URL, **kwargs: Any) -> Engine:
    """Connections in autocommit, not pinged on checkout, with JIT off; an error logged never
    shows a search's values (as the store's own engine)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT", hide_parameters=True, **kwargs)
    without_jit(engine)
    return engine


class ReplicaReads:
    """Reads on the replica when one is configured and answering, else on the primary."""

    def __init__(
        self, primary: SqlStore, replica_url: str | None, pool: Mapping[str, int] | None = None
    ) -> None:
        self.primary = primary
        self.engine: Engine | None = None
        sizes = dict(pool or {})  # pool_size, max_overflow: SQLAlchemy's defaults without
        if replica_url:
            timeout = {"connect_timeout": CONNECT_TIMEOUT_S}  # a replica gone is passed over soon
            self.engine = one_statement_engine(replica_url, connect_args=timeout, **sizes)
        self.on_primary: Engine | None = (
            one_statement_engine(primary.engine.url, **sizes) if primary.is_postgres else None
        )
        self.down_until = 0.0

    def primary_only(self) -> ReplicaReads:
        """The same reads, always on the primary (sharing its pool: closing this closes it)."""
        reads = copy.copy(self)
        reads.engine = None
        return reads

    @property
    def is_postgres(self) -> bool:
        return self.primary.is_postgres

    @property
    def configured(self) -> bool:
        return self.engine is not None

    def rows(self, query: Select[Any], values: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows of `query`, with `values` for its bound parameters."""
        return self.read(
            lambda connection: [dict(r._mapping) for r in connection.execute(query, values)]
        )

    def kept_rows(self, query: Select[Any], values: Mapping[str, Any]) -> list[Row]:
        """The same for a statement made once and kept (the public search's): on PostgreSQL its
        text goes straight to the driver when it can (`_driver_form`)."""
        driver = _driver_form(query, self.on_primary.dialect) if self.on_primary else None
        if driver is None:
            return self.rows(query, values)
        sql, defaults = driver
        params = {**defaults, **values}
        return self.read(lambda connection: _dicts(connection.exec_driver_sql(sql, params)))

    def value(self, query: Select[Any], values: Mapping[str, Any] | None = None) -> Any:
        return self.read(lambda connection: connection.execute(query, values).scalar())

    def read(self, work: Read[T], snapshot: bool = False) -> T:
        """`work` on a connection to the replica or, when it does not answer, the primary; with
        `snapshot`, its statements all see one moment of the database."""
        if self.on_primary is None:  # SQLite: in this process, no connection to lose
            with self.primary.reading() as session:
                return work(session.connection())
        if self.engine is not None and time.monotonic() >= self.down_until:
            try:
                return _again_if_dropped(self.engine, work, snapshot)
            except (OperationalError, InterfaceError) as error:
                self._pass_over(error)
        return _again_if_dropped(self.on_primary, work, snapshot)

    def lag_seconds(self) -> float | None:
        """How far the replica is behind the primary; None when it does not answer."""
        if self.engine is None or time.monotonic() < self.down_until:
            return None
        try:
            lag = _again_if_dropped(self.engine, lambda c: c.execute(LAG_QUERY).scalar(), False)
        except (OperationalError, InterfaceError) as error:
            self._pass_over(error)
            return None
        return float(lag or 0)

    def close(self) -> None:
        for engine in (self.engine, self.on_primary):
            if engine is not None:
                engine.dispose()

    def _pass_over(self, error: DBAPIError) -> None:
        self.down_until = time.monotonic() + RETRY_AFTER_S
        log.warning(
            "the read replica does not answer (%s): reading from the primary for %.0f s",
            type(error.orig).__name__,
            RETRY_AFTER_S,
        )


@lru_cache(maxsize=512)
def _driver_form(query: Select[Any], dialect: Dialect) -> tuple[str, dict[str, Any]] | None:
    """The statement's text as the driver takes it and its parameters' defaults, made once per
    statement. SQLAlchemy's execution of a statement whose compiled form it keeps still cost as
    much as the driver's: 0.17 of 0.35 ms for a search by identifier. None for a statement that
    needs SQLAlchemy: one that spreads lists into its text (IN), converts the values it binds, or
    returns anything but text, whole numbers, dates and flags as the driver gives them."""
    compiled = query.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.literal_execute_params:
        return None
    binds = [bind.type.dialect_impl(dialect) for bind in compiled.binds.values()]
    if any(t.bind_processor(dialect) for t in binds):
        return None
    if not all(_as_driven(column.type, dialect) for column in query.selected_columns):
        return None
    return compiled.string, dict(compiled.params)


PLAIN = (String, Integer, Date, DateTime, Boolean)


def _as_driven(type_: TypeEngine[Any], dialect: Dialect) -> bool:
    """Whether SQLAlchemy returns the driver's value of this type unchanged."""
    impl = type_.dialect_impl(dialect)
    return isinstance(impl, PLAIN) and impl.result_processor(dialect, None) is None


def _dicts(result: CursorResult[Any]) -> list[Row]:
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.cursor.fetchall()]


def _again_if_dropped(engine: Engine, work: Read[T], snapshot: bool) -> T:
    """Once more when the pooled connection was dropped by the server: the pool has then let go
    of every connection it held, and the second try connects anew."""
    try:
        return _run(engine, work, snapshot)
    except (OperationalError, InterfaceError) as error:
        if not error.connection_invalidated:
            raise
    return _run(engine, work, snapshot)


def _run(engine: Engine, work: Read[T], snapshot: bool) -> T:
    with engine.connect() as connection:
        if not snapshot:
            return work(connection)
        isolated = connection.execution_options(isolation_level="REPEATABLE READ")
        with isolated.begin():
            return work(isolated)

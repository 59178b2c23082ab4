"""The event store on SQLAlchemy (SQLite or PostgreSQL) and the one atomic write path."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, cast
from uuid import UUID

import eventsourcing.persistence
import sqlalchemy.exc
from eventsourcing.persistence import Notification, Recording
from eventsourcing.utils import get_topic
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import Select, Table, bindparam, event, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from application.projections import Projector
from infrastructure.event_recorder import (
    POOL_KEYS,
    BulkEventsFactory,
    keeps_id_bytes,
    originator_ids,
)
from infrastructure.seal_keys import ensure_keying
from infrastructure.sealing import SealKey, seal_metadata, seal_recordings, seals
from infrastructure.views import SqlPositions, SqlViewWriter

EVENTS_TABLE = "chengxin_events"
APP_PREFIX = "CHENGXIN_"  # the library reads CHENGXIN_X before X, also from os.environ
CIPHER_TOPIC = "eventsourcing.cryptography:AESCipher"  # AES-GCM, a random nonce per event
COMPRESSOR_TOPIC = "eventsourcing.compressor:ZlibCompressor"


def eventsourcing_env(
    database_url: str, cipher_key: str | None = None, pool: Mapping[str, int] | None = None
) -> dict[str, str]:
    """The library's configuration, complete: nothing is left for it to find in os.environ
    (where CHENGXIN_CIPHER_KEY would otherwise override the key given here). With a cipher key,
    each event's state is compressed, then encrypted, before it is stored. `pool` sizes the
    store's connection pool (`pool_size`, `max_overflow`; SQLAlchemy's defaults without)."""
    sqlite_prefix = "sqlite:///"
    if database_url.startswith(sqlite_prefix) and ":memory:" not in database_url:
        Path(database_url.removeprefix(sqlite_prefix).split("?", 1)[0]).parent.mkdir(
            parents=True, exist_ok=True
        )
    env = {
        "PERSISTENCE_MODULE": get_topic(BulkEventsFactory),
        "SQLALCHEMY_URL": database_url,
        "CREATE_TABLE": "yes",
        "CIPHER_TOPIC": CIPHER_TOPIC if cipher_key else "",
        "CIPHER_KEY": cipher_key or "",
        "COMPRESSOR_TOPIC": COMPRESSOR_TOPIC if cipher_key else "",
        **{POOL_KEYS[name]: str(size) for name, size in (pool or {}).items()},
    }
    return {**env, **{APP_PREFIX + name: value for name, value in env.items()}}


def without_jit(engine: Engine) -> None:
    """Every PostgreSQL connection of the engine runs with JIT compilation off. Chengxin's
    statements are short; on a table whose statistics are stale (a bulk import where autovacuum
    is off or behind) the planner's estimates pass JIT's cost threshold, and compiling a look-up
    of one aggregate's events then took 40 ms instead of 0.1 ms. Connections already pooled are
    closed, to be made again with it."""

    def jit_off(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # a SET outside any transaction the pool would see
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.autocommit = autocommit

    event.listen(engine, "connect", jit_off)
    engine.dispose()


# A lost or refused connection, as SQLAlchemy and the eventsourcing library report it.
UNAVAILABLE = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    eventsourcing.persistence.OperationalError,
    eventsourcing.persistence.InterfaceError,
)


def database_unavailable(error: BaseException) -> bool:
    """A lost or refused database connection (a restart, a failover), not a bug: a request
    that meets one is answered 503, to be tried again."""
    return isinstance(error, UNAVAILABLE) or isinstance(error.__cause__, UNAVAILABLE)


class SqlStore:
    """Gives the application its atomic write unit and reads the event log in order."""

    def __init__(self, recorder: SQLAlchemyApplicationRecorder, seal_secret: bytes) -> None:
        self.recorder = recorder
        self.projector: Projector | None = None
        self.engine.hide_parameters = True  # a database error logged never shows names or ids
        if self.is_postgres:
            without_jit(self.engine)
        seal_metadata.create_all(self.engine)
        self._add_previous_to_seals()
        self.seal_key: SealKey = ensure_keying(self.engine, seal_secret)
        self.events_written = 0  # by this process, since it started (for the metrics)
        self._counting = threading.Lock()

    def _add_previous_to_seals(self) -> None:
        """Stores sealed before keys have no `previous` column in their seals: add it."""
        columns = {c["name"] for c in inspect(self.engine).get_columns(seals.name)}
        if "previous" not in columns:
            try:
                with self.engine.begin() as connection:
                    connection.execute(text(f"ALTER TABLE {seals.name} ADD COLUMN previous BIGINT"))
            except DBAPIError:  # another process added it at the same moment
                if "previous" not in {
                    c["name"] for c in inspect(self.engine).get_columns(seals.name)
                }:
                    raise

    @property
    def engine(self) -> Engine:
        return cast(Engine, self.recorder.datastore.engine)

    @property
    def events_table(self) -> Table:
        table: Table = self.recorder.events_record_cls.__table__
        return table

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def record(self, write: Callable[[], list[Recording[Any]]]) -> list[Recording[Any]]:
        with self.recorder.transaction(commit=True) as session:
            recordings = write()
            seal_recordings(session, recordings, self.seal_key)
            if self.projector is not None:
                self.projector.apply_live(SqlViewWriter(session), SqlPositions(session), recordings)
        with self._counting:
            self.events_written += len(recordings)
        return recordings

    @contextmanager
    def transaction(self) -> Iterator[tuple[SqlViewWriter, SqlPositions]]:
        """A write transaction that holds the event table's write lock (readers go on)."""
        with self.recorder.transaction(commit=True) as session:
            self._lock_events(session)
            yield SqlViewWriter(session), SqlPositions(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.recorder.transaction(commit=False) as session:
            yield session

    def _lock_events(self, session: Session) -> None:
        if self.is_postgres:
            session.execute(text(f"LOCK TABLE {EVENTS_TABLE} IN EXCLUSIVE MODE"))

    def read(self, after: int, limit: int) -> Sequence[Notification]:
        return self.recorder.select_notifications(
            start=after, limit=limit, inclusive_of_start=False
        )

    def ping(self) -> None:
        """Raises unless the database answers."""
        with self.reading() as session:
            session.execute(text("SELECT 1"))

    def position_of(self, aggregate_id: UUID, version: int) -> int | None:
        table = self.recorder.events_record_cls.__table__
        key: Any = aggregate_id.bytes if keeps_id_bytes(self.engine.dialect) else aggregate_id
        query = select(table.c.id).where(
            originator_ids(table, self.engine.dialect) == key,
            table.c.originator_version == version,
        )
        with self.reading() as session:
            position = session.execute(query).scalar()
        return None if position is None else int(position)

    def latest_version(self, aggregate_id: UUID) -> int | None:
        with self.reading() as session:
            version = session.execute(self._latest_version, {"id": self._key(aggregate_id)})
            found = version.scalar()
        return None if found is None else int(found)

    def _key(self, aggregate_id: UUID) -> Any:
        return aggregate_id.bytes if keeps_id_bytes(self.engine.dialect) else aggregate_id

    @cached_property
    def _latest_version(self) -> Select[Any]:
        table = self.recorder.events_record_cls.__table__
        where = originator_ids(table, self.engine.dialect) == bindparam("id")
        return select(func.max(table.c.originator_version)).where(where)

    def max_position(self) -> int:
        return self.recorder.max_notification_id() or 0

"""A store copied event by event, each re-encoded: to encrypt a store, to change its cipher key, or
to decrypt it (`chengxin copy-store`).

The source is only read: its seal chain is checked first, under its own seal key. Each event
keeps its position, aggregate id, version and topic; its state is decrypted with the source's key
(if any) and encrypted with the target's (if any), as the eventsourcing library's mapper does
(zlib, then AES-GCM). The copy is sealed anew as it is written (the seal chain covers the bytes
stored), then counted and verified. Read models are not copied: the first start on the copy
builds them from the events. Submitted progress workbooks (`progress_files`, not events) are
copied as they are; idempotency keys are not (they only guard against repeats of recent requests).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import Notification
from sqlalchemy import (
    Table,
    create_engine,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine

from application.app import ChengxinApp
from infrastructure.integrity import SqlSealedLog
from infrastructure.persistence import EVENTS_TABLE, SqlStore, eventsourcing_env
from infrastructure.progress_tables import files_metadata, progress_files
from infrastructure.seal_keys import SealKeyMismatch, seal_keying
from infrastructure.sealing import SealKey, seal_notifications
from infrastructure.settings import Settings, check_cipher_key
from infrastructure.store_encoding import Encoding, SourceStore, events_table
from infrastructure.store_facts import (
    ENCRYPTED,
    ENCRYPTION,
    StoreRefused,
    check_key,
    cipher_key_id,
    ensure_store_facts,
    read_facts,
    store_facts,
)

KEY_FILES = ("secret_key", "seal_key", "identifier_key", "public_id_key")
BATCH = 1000
Progress = Callable[[int, int], None]


class CopyRefused(RuntimeError):
    """The copy cannot be made, or came out other than its source; the message says why."""


@dataclass(frozen=True)
class CopyReport:
    events: int
    files: int
    key_id: str | None  # the copy's cipher key's fingerprint; None: in plain text


class StoreCopy:
    """`check_source`, then `copy`, then `check_copy`; `close` in any case."""

    def __init__(self, source: Settings, target_url: str) -> None:
        if target_url == source.database_url:
            raise CopyRefused("the copy must go to another database than the source")
        self.source_settings = source
        self.source_encoding = Encoding(source.cipher_key)
        target_key = source.target_cipher_key
        self.target_key = (
            check_cipher_key(target_key, "CHENGXIN_TARGET_CIPHER_KEY") if target_key else None
        )
        self.target_encoding = Encoding(target_key)
        self.target_settings = source.model_copy(
            update={
                "database_url": target_url,
                "read_database_url": None,
                "cipher_key": target_key,
                "target_cipher_key": None,
            }
        )
        self.source = self._open_source()
        self.last = self._last_position()
        self.target: SqlStore | None = None
        self.files = 0

    def _open_source(self) -> SourceStore:
        engine = create_engine(self.source_settings.database_url)
        try:
            tables = set(inspect(engine).get_table_names())
            if EVENTS_TABLE not in tables or seal_keying.name not in tables:
                raise CopyRefused("the source holds no events sealed by this release to copy")
            self._check_source_key(engine, store_facts.name in tables)
            return SourceStore(engine, events_table(), self._source_seal_key(engine))
        except BaseException:
            engine.dispose()
            raise

    def _check_source_key(self, engine: Engine, has_facts: bool) -> None:
        facts: dict[str, str] = {}
        if has_facts:
            with engine.connect() as connection:
                facts = read_facts(connection)
        key = self.source_settings.resolved_cipher_key()
        if facts.get(ENCRYPTION) == ENCRYPTED:
            check_key(facts, key)
        elif key is not None:
            raise StoreRefused(
                "the source's events are in plain text: unset CHENGXIN_CIPHER_KEY to copy it "
                "(CHENGXIN_TARGET_CIPHER_KEY is the copy's key)"
            )

    def _source_seal_key(self, engine: Engine) -> SealKey:
        with engine.connect() as connection:
            row = connection.execute(select(seal_keying.c.keyed_from, seal_keying.c.key_id)).first()
        if row is None:
            raise CopyRefused("the source has no seal key recorded: start it once, then copy it")
        key = SealKey(self.source_settings.resolved_seal_key(), int(row[0]))
        if key.key_id != row[1]:
            raise SealKeyMismatch(
                "the configured seal key (CHENGXIN_SEAL_KEY or the seal_key file) is not the "
                f"key the source is sealed with (key id {row[1]})"
            )
        return key

    def _last_position(self) -> int:
        with self.source.reading() as session:
            return int(
                session.execute(select(func.max(self.source.events_table.c.id))).scalar() or 0
            )

    def check_source(self, on_progress: Progress | None = None) -> None:
        report = SqlSealedLog(self.source).verify(on_progress)
        broken = report.first_broken
        if broken is not None:
            raise CopyRefused(
                f"the source's seal chain is broken at position {broken.position} "
                f"({broken.problem}): `chengxin verify` tells more; nothing was copied"
            )

    def copy(self, on_progress: Progress | None = None) -> int:
        """Every event up to the last one when the copy began (how many), and the files."""
        target = self._open_target()
        copied, after = 0, 0
        while rows := self._source_batch(after):
            notifications = [self._reencoded(row) for row in rows]
            with target.recorder.transaction(commit=True) as session:
                session.execute(insert(target.events_table), [_row(n) for n in notifications])
                seal_notifications(session, notifications, target.seal_key)
            copied += len(rows)
            after = rows[-1][0]
            if on_progress is not None:
                on_progress(after, self.last)
        if target.is_postgres:  # positions were given: the next event is numbered after them
            with target.engine.begin() as connection:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{EVENTS_TABLE}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {EVENTS_TABLE}), false)"
                    )
                )
        self._copy_files(target)
        return copied

    def _open_target(self) -> SqlStore:
        _copy_key_files(self.source_settings, self.target_settings)
        url, key = self.target_settings.database_url, self.target_settings.cipher_key
        app = ChengxinApp(env=eventsourcing_env(url, key))
        self.target = SqlStore(app.recorder, self.target_settings.resolved_seal_key())  # type: ignore[arg-type]
        with self.target.reading() as session:
            if session.execute(select(self.target.events_table.c.id).limit(1)).first():
                raise CopyRefused(
                    "the target database already holds events: copy into an empty one"
                )
        ensure_store_facts(self.target.engine, self.target.events_table, self.target_key)
        return self.target

    def _source_batch(self, after: int) -> list[Any]:
        t = self.source.events_table
        query = (
            select(t.c.id, t.c.originator_id, t.c.originator_version, t.c.topic, t.c.state)
            .where(t.c.id > after, t.c.id <= self.last)
            .order_by(t.c.id)
            .limit(BATCH)
        )
        with self.source.reading() as session:
            return list(session.execute(query).all())

    def _reencoded(self, row: Any) -> Notification:
        plain = self.source_encoding.plain(bytes(row[4]))
        return Notification(
            id=row[0],
            originator_id=row[1],
            originator_version=row[2],
            topic=row[3],
            state=self.target_encoding.stored(plain),
        )

    def _copy_files(self, target: SqlStore) -> None:
        """The submitted progress workbooks, as they are, one at a time."""
        if not inspect(self.source.engine).has_table(progress_files.name):
            return
        files_metadata.create_all(target.engine)
        with self.source.reading() as session:
            for row in session.execute(select(progress_files)).mappings():
                with target.engine.begin() as connection:
                    connection.execute(progress_files.insert().values(**row))
                self.files += 1

    def check_copy(self, on_progress: Progress | None = None) -> CopyReport:
        """Counts the copy's events against the source's, checks its seal chain and reads its
        first and last events back."""
        target = self.target
        assert target is not None, "copy() opens the target"
        expected = self._count(self.source.engine, self.source.events_table, self.last)
        found = self._count(target.engine, target.events_table, None)
        if found != expected:
            raise CopyRefused(f"the copy holds {found} events, the source {expected}")
        broken = SqlSealedLog(target).verify(on_progress).first_broken
        if broken is not None:
            raise CopyRefused(f"the copy's seal chain is broken at position {broken.position}")
        self._compare_ends(target)
        key = None if self.target_key is None else cipher_key_id(self.target_key)
        return CopyReport(found, self.files, key)

    @staticmethod
    def _count(engine: Engine, table: Table, last: int | None) -> int:
        query = select(func.count()).select_from(table)
        if last is not None:
            query = query.where(table.c.id <= last)
        with engine.connect() as connection:
            return int(connection.execute(query).scalar() or 0)

    def _compare_ends(self, target: SqlStore) -> None:
        """The first and the last event read back from the copy as they read in the source."""
        t = self.source.events_table
        with self.source.reading() as session:
            first = session.execute(select(func.min(t.c.id))).scalar()
        for position in {int(first or 0), self.last} - {0}:
            source_state = self._state(self.source.engine, t, position)
            target_state = self._state(target.engine, target.events_table, position)
            if self.source_encoding.plain(source_state) != self.target_encoding.plain(target_state):
                raise CopyRefused(f"the copy's event at position {position} reads otherwise")

    @staticmethod
    def _state(engine: Engine, table: Table, position: int) -> bytes:
        with engine.connect() as connection:
            state = connection.execute(select(table.c.state).where(table.c.id == position)).scalar()
        return bytes(state or b"")

    def close(self) -> None:
        self.source.engine.dispose()
        if self.target is not None:
            self.target.engine.dispose()


def _row(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "originator_id": n.originator_id,
        "originator_version": n.originator_version,
        "topic": n.topic,
        "state": n.state,
    }


def _copy_key_files(source: Settings, target: Settings) -> None:
    """Generated keys kept beside the source go beside the copy too (unless it has its own):
    the same seal key, signing key, identifier key and public id key on the copy."""
    here, there = source.key_folder(), target.key_folder()
    if here.resolve() == there.resolve():
        return
    there.mkdir(parents=True, exist_ok=True)
    for name in KEY_FILES:
        if (here / name).exists() and not (there / name).exists():
            shutil.copyfile(here / name, there / name)
            (there / name).chmod(0o600)

"""What a store remembers about how its events are stored: encrypted or not, and under which key.

Written at the first start. A store whose events are encrypted refuses to start without its key
or with another (every event would then be unreadable); a store with events in plain text refuses
to start with a key (its old events would be unreadable the other way round): it is encrypted by
copying it (`chengxin copy-store`). The key itself never enters the database, only its public
fingerprint (an HMAC of a fixed text under the key).
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import (
    BigInteger,
    Column,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from infrastructure.persistence import EVENTS_TABLE
from infrastructure.settings import InsecureSettings, Settings

ENCRYPTION = "encryption"
CIPHER_KEY_ID = "cipher_key_id"
ENCRYPTED = "aes-gcm+zlib"
PLAIN = "none"

facts_metadata = MetaData()
store_facts = Table(
    "store_facts",
    facts_metadata,
    Column("name", String(32), primary_key=True),
    Column("value", String(200), nullable=False),
)


class StoreRefused(InsecureSettings):
    """The store and the configured cipher key do not go together; the message says what to do."""


def cipher_key_id(key: bytes) -> str:
    """A public fingerprint of the cipher key: tells which key a store is encrypted under."""
    return hmac.new(key, b"chengxin cipher key id", hashlib.sha256).hexdigest()[:16]


def check_store(settings: Settings) -> None:
    """Before a server starts: refuses (StoreRefused, InsecureSettings) as `build()` would, so
    that the refusal is a message and an exit status rather than a failed start-up. It only
    reads: another process may be doing the start-up work under the start-up lock right now,
    and the first start records the facts."""
    key = settings.resolved_cipher_key()
    sqlite_file = settings.sqlite_path()
    if sqlite_file is not None and not sqlite_file.exists():
        return  # a new store: its first start records how it stores events
    engine = create_engine(settings.database_url)
    try:
        tables = inspect(engine)
        if not tables.has_table(EVENTS_TABLE):
            return
        events = Table(EVENTS_TABLE, MetaData(), Column("id", BigInteger, primary_key=True))
        refuse_misfit(*_state(engine, events, tables.has_table(store_facts.name)), key)
    finally:
        engine.dispose()


def ensure_store_facts(engine: Engine, events: Table, key: bytes | None) -> None:
    """Records how events are stored on first start; refuses a key that does not fit the store.
    Run under the start-up lock (it creates the facts' table)."""
    facts_metadata.create_all(engine)
    for _ in range(3):
        facts, has_events = _state(engine, events)
        refuse_misfit(facts, has_events, key)
        encryption = facts.get(ENCRYPTION)
        if encryption == ENCRYPTED:
            return
        wanted = _facts_for(key)
        if encryption is None and _record(engine, wanted):
            return
        if encryption == PLAIN:
            if key is not None:  # still empty: from now on, encrypted
                with engine.begin() as connection:
                    for name, value in wanted.items():
                        _put(connection, name, value)
            return
    raise RuntimeError("the store's facts could not be read or written")


def refuse_misfit(facts: dict[str, str], has_events: bool, key: bytes | None) -> None:
    """StoreRefused when the configured key does not fit the store's recorded facts."""
    if facts.get(ENCRYPTION) == ENCRYPTED:
        check_key(facts, key)
    elif key is not None and has_events:
        raise StoreRefused(
            "this store holds events in plain text and CHENGXIN_CIPHER_KEY is set: "
            "encrypt it by copying it, `CHENGXIN_TARGET_CIPHER_KEY=<key> chengxin copy-store "
            "--to <new database URL>`, then start on the copy with that key "
            "(or unset CHENGXIN_CIPHER_KEY)"
        )


def check_key(facts: dict[str, str], key: bytes | None) -> None:
    if key is None:
        raise StoreRefused(
            "this store's events are encrypted: set CHENGXIN_CIPHER_KEY to the key they were "
            f"encrypted with (key id {facts.get(CIPHER_KEY_ID)})"
        )
    if cipher_key_id(key) != facts.get(CIPHER_KEY_ID):
        raise StoreRefused(
            "CHENGXIN_CIPHER_KEY is not the key this store's events are encrypted with "
            f"(key id {facts.get(CIPHER_KEY_ID)}, the configured key's is {cipher_key_id(key)})"
        )


def _state(engine: Engine, events: Table, has_facts: bool = True) -> tuple[dict[str, str], bool]:
    """The store's recorded facts, and whether it holds any event."""
    with engine.connect() as connection:
        facts = read_facts(connection) if has_facts else {}
        return facts, connection.execute(select(events.c.id).limit(1)).first() is not None


def read_facts(connection: Connection) -> dict[str, str]:
    rows = connection.execute(select(store_facts.c.name, store_facts.c.value)).all()
    return {str(row[0]): str(row[1]) for row in rows}


def _facts_for(key: bytes | None) -> dict[str, str]:
    if key is None:
        return {ENCRYPTION: PLAIN}
    return {ENCRYPTION: ENCRYPTED, CIPHER_KEY_ID: cipher_key_id(key)}


def _record(engine: Engine, facts: dict[str, str]) -> bool:
    """False when another process recorded them first."""
    try:
        with engine.begin() as connection:
            connection.execute(
                store_facts.insert(), [{"name": k, "value": v} for k, v in facts.items()]
            )
    except IntegrityError:
        return False
    return True


def _put(connection: Connection, name: str, value: str) -> None:
    changed = connection.execute(
        update(store_facts).where(store_facts.c.name == name).values(value=value)
    ).rowcount
    if not changed:
        connection.execute(store_facts.insert().values(name=name, value=value))

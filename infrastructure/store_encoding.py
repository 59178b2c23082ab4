"""How a store keeps an event's state, and a store opened only to be read.

`Encoding` does to stored bytes what the eventsourcing library's mapper does (zlib, then AES-GCM
with the library's own cipher) without decoding the event: a copy re-encodes each event's bytes
as they are. `SourceStore` is what the seal check needs of a store, and nothing that writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from eventsourcing.compressor import ZlibCompressor
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment
from sqlalchemy import BigInteger, Column, Integer, LargeBinary, MetaData, Table, Text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy_utils.types.uuid import UUIDType

from infrastructure.persistence import EVENTS_TABLE
from infrastructure.sealing import SealKey


def new_cipher_key() -> str:
    """A new random AES-256 key, base64 as CHENGXIN_CIPHER_KEY takes it."""
    return AESCipher.create_key(32)


class Encoding:
    """How a store keeps an event's state: as it is, or compressed and then encrypted."""

    def __init__(self, key: str | None) -> None:
        self.cipher = AESCipher(Environment(env={"CIPHER_KEY": key})) if key else None

    def plain(self, state: bytes) -> bytes:
        if self.cipher is None:
            return state
        return ZlibCompressor().decompress(self.cipher.decrypt(state))

    def stored(self, plain: bytes) -> bytes:
        if self.cipher is None:
            return plain
        return self.cipher.encrypt(ZlibCompressor().compress(plain))


def events_table() -> Table:
    """The event table as eventsourcing-sqlalchemy makes it, for reading without the library."""
    return Table(
        EVENTS_TABLE,
        MetaData(),
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
        Column("originator_id", UUIDType(), nullable=False),
        Column("originator_version", BigInteger, nullable=False),
        Column("topic", Text, nullable=False),
        Column("state", LargeBinary, nullable=False),
    )


@dataclass
class SourceStore:
    """A store only read: what the seal check needs, and nothing that writes."""

    engine: Engine
    events_table: Table
    seal_key: SealKey

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

"""The seal key's record in the store, and signed checkpoints of the chain kept elsewhere.

The key itself never enters the database. What the store keeps is the re-keying point: the
position from which seals are keyed (1 for a store keyed from the start; the position after the
last old seal for a store sealed before keys existed), the key's public fingerprint and a MAC of
both, so that moving the point cannot go unnoticed by anyone holding the key.

A checkpoint is the chain's head (position and digest), the re-keying point and the time, signed
with the seal key. Kept outside the database, it shows truncation after it and any rewrite
before it.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import BigInteger, Column, Integer, String, Table, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from application.integrity import Checkpoint
from domain.errors import ValidationFailed
from infrastructure.sealing import SealKey, seal_metadata, seals

log = logging.getLogger("chengxin.seals")
KEYING_ROW = 1

seal_keying = Table(
    "event_seal_keying",
    seal_metadata,
    Column("id", Integer, primary_key=True),
    Column("keyed_from", BigInteger, nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("mac", String(64), nullable=False),
)


class SealKeyMismatch(RuntimeError):
    """The store is sealed under another key than the one configured."""


class InvalidCheckpoint(ValidationFailed):
    code = "invalid_checkpoint"


def keying_mac(key: SealKey, keyed_from: int) -> str:
    return key.sign(f"keyed from|{keyed_from}|{key.key_id}")


def ensure_keying(engine: Engine, secret: bytes) -> SealKey:
    """The store's seal key: recorded on first use, from the position after the last seal."""
    probe = SealKey(secret)
    for _ in range(3):
        with engine.connect() as connection:
            row = connection.execute(select(seal_keying.c.keyed_from, seal_keying.c.key_id)).first()
            keyed_from = (connection.execute(select(func.max(seals.c.position))).scalar() or 0) + 1
        if row is not None:
            if row[1] != probe.key_id:
                raise SealKeyMismatch(
                    "the configured seal key (CHENGXIN_SEAL_KEY or the seal_key file) is not "
                    f"the key this store is sealed with (key id {row[1]})"
                )
            return SealKey(secret, int(row[0]))
        if _record_keying(engine, probe, keyed_from):
            log.info("seals are keyed from position %d", keyed_from)
    raise RuntimeError("the seal key's record could not be read or written")


def _record_keying(engine: Engine, key: SealKey, keyed_from: int) -> bool:
    """False when another process recorded it first."""
    try:
        with engine.begin() as connection:
            connection.execute(
                seal_keying.insert().values(
                    id=KEYING_ROW,
                    keyed_from=keyed_from,
                    key_id=key.key_id,
                    mac=keying_mac(key, keyed_from),
                )
            )
    except IntegrityError:
        return False
    return True


def keying_intact(engine: Engine, key: SealKey) -> bool:
    with engine.connect() as connection:
        row = connection.execute(
            select(seal_keying.c.keyed_from, seal_keying.c.key_id, seal_keying.c.mac)
        ).first()
    return (
        row is not None
        and int(row[0]) == key.keyed_from
        and row[1] == key.key_id
        and row[2] == keying_mac(key, key.keyed_from)
    )


def _signed_text(c: Checkpoint) -> str:
    return f"checkpoint|{c.position}|{c.digest}|{c.keyed_from}|{c.key_id}|{c.time.isoformat()}"


def sign_checkpoint(key: SealKey, position: int, digest: str, time: datetime) -> Checkpoint:
    unsigned = Checkpoint(position, digest, key.keyed_from, key.key_id, time, "")
    return Checkpoint(
        position, digest, key.keyed_from, key.key_id, time, key.sign(_signed_text(unsigned))
    )


def checkpoint_json(checkpoint: Checkpoint) -> str:
    return json.dumps(
        {
            "position": checkpoint.position,
            "digest": checkpoint.digest,
            "keyed_from": checkpoint.keyed_from,
            "key_id": checkpoint.key_id,
            "time": checkpoint.time.isoformat(),
            "signature": checkpoint.signature,
        },
        indent=2,
    )


def parse_checkpoint(text: str, key: SealKey) -> Checkpoint:
    """A checkpoint read back, refused unless it is whole and signed with this key."""
    try:
        data = json.loads(text)
        checkpoint = Checkpoint(
            position=int(data["position"]),
            digest=str(data["digest"]),
            keyed_from=int(data["keyed_from"]),
            key_id=str(data["key_id"]),
            time=datetime.fromisoformat(str(data["time"])),
            signature=str(data["signature"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise InvalidCheckpoint(f"not a checkpoint: {type(error).__name__}") from None
    if checkpoint.time.tzinfo is None or checkpoint.position < 0:
        raise InvalidCheckpoint("not a checkpoint: a position and an aware time are needed")
    if checkpoint.key_id != key.key_id:
        raise InvalidCheckpoint(f"the checkpoint is signed with another key ({checkpoint.key_id})")
    if not _same(key.sign(_signed_text(checkpoint)), checkpoint.signature):
        raise InvalidCheckpoint("the checkpoint's signature does not match: it was altered")
    return checkpoint


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def read_checkpoint(path: Path, key: SealKey) -> Checkpoint:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidCheckpoint(f"cannot read the checkpoint: {type(error).__name__}") from None
    return parse_checkpoint(text, key)

"""Configuration from the environment (CHENGXIN_*), read once by the composition root."""

from __future__ import annotations

import binascii
import os
import secrets
from base64 import b64decode
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

DEFAULT_DATABASE_URL = "sqlite:///var/chengxin.db"
MIN_SECRET_KEY_BYTES = 32
LOCAL_HOSTS = (None, "", "localhost", "127.0.0.1", "::1")  # a socket's URL names no host
CIPHER_KEY_SIZES = (16, 24, 32)  # AES-128, -192 or -256, as eventsourcing's AESCipher takes


class InsecureSettings(ValueError):
    """A setting too weak to start with; the message says which and what to do."""


def check_secret_key(key: str) -> str:
    size = len(key.encode())
    if size < MIN_SECRET_KEY_BYTES:
        raise InsecureSettings(
            f"CHENGXIN_SECRET_KEY has {size} bytes; at least {MIN_SECRET_KEY_BYTES} are needed. "
            "Set a longer random key (e.g. `python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'`) or unset it to have one generated."
        )
    return key


def check_cipher_key(key: str, name: str = "CHENGXIN_CIPHER_KEY") -> bytes:
    """The AES key's bytes; a key that is not base64 of 16, 24 or 32 bytes refuses to start."""
    try:
        raw = b64decode(key.encode(), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raw = b""
    if len(raw) not in CIPHER_KEY_SIZES:
        raise InsecureSettings(
            f"{name} must be base64 of 16, 24 or 32 random bytes; "
            "`chengxin cipher-key` prints a new one"
        )
    return raw


def write_once(path: Path, value: str) -> None:
    """Writes a key file readable by its owner only, unless it exists: processes starting at
    once all end up with the key of the first (a link to a whole file never replaces one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # made meanwhile by another process: theirs is the key
    finally:
        temporary.unlink()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHENGXIN_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    read_database_url: str | None = None  # a PostgreSQL streaming replica for public reads
    secret_key: str | None = None
    admin_username: str = "admin"
    admin_password: str | None = None
    demo: bool = False
    token_minutes: int = Field(default=480, ge=5, le=7 * 24 * 60)
    var_dir: Path = Path("var")
    identifier_key: str | None = None
    public_id_key: str | None = None  # keys the public site's entry ids; never rotated
    public_rate_limit: int = Field(default=60, ge=0)
    log_format: Literal["text", "json"] = "text"
    seal_key: str | None = None
    cipher_key: str | None = None  # base64 AES key: events are stored encrypted (README)
    target_cipher_key: str | None = None  # `chengxin copy-store`: the copy's key (none: plain)
    metrics_allow: str = "127.0.0.1/32,::1/128"  # who may read /metrics (comma-separated)
    metrics_token: str | None = None  # ... or a bearer of this token
    max_json_bytes: int = Field(default=2**20, ge=1024)  # bodies other than uploads
    max_upload_bytes: int = Field(default=64 * 2**20, ge=1024)  # multipart uploads
    checkpoint_dir: Path | None = None  # the server's daily checkpoints; default var/checkpoints
    # argon2id's cost for new password hashes (RFC 9106's second choice by default). Stored
    # hashes carry their own parameters, so lowering it never locks anyone out; the test suite
    # lowers it, as a hash at this cost takes a tenth of a second or more.
    password_time_cost: int = Field(default=3, ge=1, le=20)
    password_memory_kib: int = Field(default=64 * 1024, ge=64, le=4 * 1024 * 1024)
    # each process keeps a pool of connections to the store and, on PostgreSQL, another for
    # public reads (and one to the replica): each pool up to size + overflow connections
    db_pool_size: int = Field(default=5, ge=1, le=200)
    db_max_overflow: int = Field(default=10, ge=0, le=200)
    # processes that check a big store's seal chain at once; unset: `verify_processes()`
    verify_workers: int | None = Field(default=None, ge=1, le=64)

    def pool(self) -> dict[str, int]:
        """The size of each connection pool, as SQLAlchemy's engines take it."""
        return {"pool_size": self.db_pool_size, "max_overflow": self.db_max_overflow}

    def verify_processes(self) -> int:
        """The processes that check a big store's seal chain: as configured, else one per CPU
        (at most 8), or one per two CPUs when the PostgreSQL server is on this machine: it
        reads and sends the rows, and on 2 cores a second checker only slowed the check."""
        if self.verify_workers is not None:
            return self.verify_workers
        cpus = os.cpu_count() or 1
        if not self.is_sqlite and make_url(self.database_url).host in LOCAL_HOSTS:
            cpus //= 2
        return max(1, min(cpus, 8))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix) or ":memory:" in self.database_url:
            return None
        return Path(self.database_url.removeprefix(prefix).split("?", 1)[0])

    def resolved_secret_key(self) -> str:
        """The configured key, else one generated once and kept beside the SQLite file."""
        if self.secret_key:
            return check_secret_key(self.secret_key)
        sqlite_file = self.sqlite_path()
        folder = sqlite_file.parent if sqlite_file is not None else self.var_dir
        key_file = folder / "secret_key"
        if not key_file.exists():
            write_once(key_file, secrets.token_urlsafe(48))
        return check_secret_key(key_file.read_text().strip())

    def key_folder(self) -> Path:
        """Where generated keys are kept: beside the SQLite file, else in the var folder."""
        sqlite_file = self.sqlite_path()
        return sqlite_file.parent if sqlite_file is not None else self.var_dir

    def identifier_key_file(self) -> Path:
        """Where the generated identifier key is kept: beside the secret key."""
        sqlite_file = self.sqlite_path()
        return (sqlite_file.parent if sqlite_file is not None else self.var_dir) / "identifier_key"

    def resolved_seal_key(self) -> bytes:
        """The key of the seal chain: configured, else generated once beside the secret key."""
        if self.seal_key:
            return self.seal_key.encode()
        sqlite_file = self.sqlite_path()
        folder = sqlite_file.parent if sqlite_file is not None else self.var_dir
        key_file = folder / "seal_key"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # made before, maybe by another process
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
        return key_file.read_text().strip().encode()

    def resolved_cipher_key(self) -> bytes | None:
        """The key events are encrypted with, checked; None: events are stored in plain text."""
        return check_cipher_key(self.cipher_key) if self.cipher_key else None

    def resolved_checkpoint_dir(self) -> Path:
        return self.checkpoint_dir or self.var_dir / "checkpoints"

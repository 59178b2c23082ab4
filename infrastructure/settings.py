"""Configuration from the environment (CHENGXIN_*), read once by the composition root."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///var/chengxin.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHENGXIN_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str | None = None
    admin_username: str = "admin"
    admin_password: str | None = None
    demo: bool = False
    token_minutes: int = Field(default=480, ge=5, le=7 * 24 * 60)
    var_dir: Path = Path("var")
    seal_key: str | None = None
    metrics_allow: str = "127.0.0.1/32,::1/128"  # who may read /metrics (comma-separated)
    metrics_token: str | None = None  # ... or a bearer of this token
    max_json_bytes: int = Field(default=2**20, ge=1024)  # bodies other than uploads
    max_upload_bytes: int = Field(default=64 * 2**20, ge=1024)  # multipart uploads
    checkpoint_dir: Path | None = None  # the server's daily checkpoints; default var/checkpoints

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
            return self.secret_key
        sqlite_file = self.sqlite_path()
        folder = sqlite_file.parent if sqlite_file is not None else self.var_dir
        key_file = folder / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key

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

    def resolved_checkpoint_dir(self) -> Path:
        return self.checkpoint_dir or self.var_dir / "checkpoints"

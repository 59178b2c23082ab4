"""The secret behind the public site's identifier hashes, kept outside the database.

`CHENGXIN_IDENTIFIER_KEY` when set; else a key generated once into a file beside the secret key
(readable by its owner only). The public projection records the key's fingerprint, so a process
that starts with another key rebuilds it: `chengxin keys rotate-identifier` writes a new key file
and rebuilds at once.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from infrastructure.settings import Settings, write_once

KEY_BYTES = 32


class KeyFromEnvironment(Exception):
    """The key is configured, not generated: it is changed where it is configured."""


def identifier_secret(settings: Settings) -> bytes:
    if settings.identifier_key:
        return settings.identifier_key.encode()
    key_file = settings.identifier_key_file()
    if not key_file.exists():
        write_once(key_file, secrets.token_urlsafe(KEY_BYTES))
    return key_file.read_text().strip().encode()


def rotate_identifier_secret(settings: Settings) -> Path:
    """A new generated key in place of the old one; the file it is kept in."""
    if settings.identifier_key:
        raise KeyFromEnvironment(
            "CHENGXIN_IDENTIFIER_KEY is set: put the new key there and restart; the public "
            "read models are rebuilt at start-up whenever the key has changed"
        )
    key_file = settings.identifier_key_file()
    _write(key_file, secrets.token_urlsafe(KEY_BYTES))
    return key_file


def _write(key_file: Path, key: str) -> None:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = key_file.with_suffix(".new")
    temporary.touch(mode=0o600)
    temporary.chmod(0o600)
    temporary.write_text(key)
    temporary.replace(key_file)  # a reader sees the old key or the new one, never half

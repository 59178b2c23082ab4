"""Password hashes (argon2) and signed bearer tokens (JWT, HS256)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32


@dataclass(frozen=True)
class TokenClaims:
    username: str
    version: int  # the account's token version when issued; a revocation moves it on


class Argon2Hasher:
    def __init__(self, time_cost: int, memory_kib: int) -> None:
        """argon2id at this cost (`Settings.password_time_cost`, `password_memory_kib`)."""
        self._argon2 = Argon2(time_cost=time_cost, memory_cost=memory_kib, parallelism=4)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


class TokenIssuer:
    def __init__(self, secret: str, minutes: int) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"the signing key needs at least {MIN_SECRET_BYTES} bytes")
        self.secret = secret
        self.minutes = minutes

    def issue(self, username: str, role: str, version: int = 0) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": username,
            "role": role,
            "ver": version,
            "jti": secrets.token_urlsafe(12),
            "iat": now,
            "exp": now + timedelta(minutes=self.minutes),
        }
        return jwt.encode(claims, self.secret, algorithm=ALGORITHM)

    def read(self, token: str) -> TokenClaims | None:
        """The claims of a well-signed, unexpired token; tokens older than versions count as 0."""
        try:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM])
        except jwt.PyJWTError:
            return None
        subject, version = claims.get("sub"), claims.get("ver", 0)
        if not isinstance(subject, str) or not isinstance(version, int):
            return None
        return TokenClaims(subject, version)

    def username_of(self, token: str) -> str | None:
        claims = self.read(token)
        return claims.username if claims else None

    def bind(self, value: str) -> str:
        """A value only this server can derive from `value`: the CSRF token of a session."""
        return hmac.new(self.secret.encode(), b"csrf:" + value.encode(), hashlib.sha256).hexdigest()

    @property
    def expires_in(self) -> int:
        return self.minutes * 60

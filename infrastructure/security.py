"""Password hashes (argon2) and signed bearer tokens (JWT, HS256)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError

ALGORITHM = "HS256"


class Argon2Hasher:
    def __init__(self) -> None:
        self._argon2 = Argon2()

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


class TokenIssuer:
    def __init__(self, secret: str, minutes: int) -> None:
        self.secret = secret
        self.minutes = minutes

    def issue(self, username: str, role: str) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": username,
            "role": role,
            "iat": now,
            "exp": now + timedelta(minutes=self.minutes),
        }
        return jwt.encode(claims, self.secret, algorithm=ALGORITHM)

    def username_of(self, token: str) -> str | None:
        try:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM])
        except jwt.PyJWTError:
            return None
        subject = claims.get("sub")
        return subject if isinstance(subject, str) else None

    @property
    def expires_in(self) -> int:
        return self.minutes * 60

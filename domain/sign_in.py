"""The rules that make accounts resist guessing: the password policy and the sign-in throttle.

Delays grow with each failure past the first few; an attempt made before the delay is over
counts as a failure too, and the tenth failure locks the account for a while.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from math import ceil

from domain.errors import ValidationFailed, WeakPassword

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
FREE_FAILURES = 3
MAX_DELAY = timedelta(minutes=2)
LOCK_AFTER_FAILURES = 10
LOCK_DURATION = timedelta(minutes=15)


def check_password(password: str, username: str, common: Collection[str]) -> None:
    """At least 10 characters, not holding the username, not a common password."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"a password has at most {MAX_PASSWORD_LENGTH} characters", field="password"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(
            f"a password has at least {MIN_PASSWORD_LENGTH} characters",
            field="password",
            reason="length",
        )
    lowered = password.lower()
    if username and username.lower() in lowered:
        raise WeakPassword(
            "a password must not contain the username", field="password", reason="username"
        )
    if lowered in common:
        raise WeakPassword(
            "this password is among the most common ones: choose another",
            field="password",
            reason="common",
        )


def delay_after(failures: int) -> timedelta:
    """How long to wait after `failures` failures in a row: none at first, then doubling."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_FAILURES)), MAX_DELAY)


def seconds_until(moment: datetime | None, now: datetime) -> int:
    """Whole seconds from now to the moment (0 when it has passed): a Retry-After."""
    if moment is None or moment <= now:
        return 0
    return max(1, ceil((moment - now).total_seconds()))

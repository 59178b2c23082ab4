"""The list of common passwords the password policy refuses, shipped with the project."""

from __future__ import annotations

from functools import cache
from pathlib import Path

COMMON_PASSWORDS = Path(__file__).parent / "reference_data" / "common_passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))

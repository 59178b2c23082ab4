"""Keyed hashes by which the public site finds a subject, never storing its identifier.

HMAC-SHA256 under a secret kept outside the database: a stolen copy of the read models cannot be
matched against candidate identifiers. A legal person or organisation is found by its identifier
alone; a natural person only by the full identifier and the full name together (API.md §8.5), so
their rows carry the hash of both.
"""

from __future__ import annotations

import hashlib
import hmac

from domain.subject import SubjectKind, normalise_identifier


def normalise_name(name: str) -> str:
    """张 三 and 张三 are one name; so are Zhang San and ZHANG SAN."""
    return "".join(name.split()).casefold()


class LookupKeys:
    def __init__(self, secret: bytes) -> None:
        if not secret:
            raise ValueError("the identifier key must not be empty")
        self._secret = secret

    def _mac(self, *parts: str) -> str:
        message = "\x1f".join(parts).encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    @property
    def fingerprint(self) -> str:
        """Names the key without revealing it: a projection built under another key is stale."""
        return self._mac("fingerprint")[:16]

    def of_identifier(self, identifier: str) -> str:
        return self._mac("identifier", normalise_identifier(identifier))

    def of_person(self, identifier: str, name: str) -> str:
        return self._mac("person", normalise_identifier(identifier), normalise_name(name))

    def of_subject(self, kind: SubjectKind, identifier: str, name: str) -> str:
        """The hash a subject's public rows are found by."""
        if kind is SubjectKind.NATURAL_PERSON:
            return self.of_person(identifier, name)
        return self.of_identifier(identifier)

    def wanted(self, identifier: str, name: str | None) -> tuple[str, ...]:
        """The hashes a search for `identifier` (and `name`, if given) may find."""
        found_alone = self.of_identifier(identifier)
        return (found_alone, self.of_person(identifier, name)) if name else (found_alone,)

"""Keyed hashes by which the public site finds a subject, never storing its identifier.

HMAC-SHA256 under a secret kept outside the database: a stolen copy of the read models cannot be
matched against candidate identifiers. A legal person or organisation is found by its identifier
alone; a natural person only by the full identifier and the full name together (API.md §8.5), so
their rows carry the hash of both.

The public site's ids are keyed too, under a second secret that is never rotated (third parties
keep them): an entry's own id derives from its subject's id, which derives from the identifier,
so that id shown would let anyone test candidate identifiers offline. `public_id` is an HMAC of
the entry's id, stable across rebuilds; `subject_ref` stands for the subject in the public rows.
"""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

from domain.subject import SubjectKind, normalise_identifier


def normalise_name(name: str) -> str:
    """张 三 and 张三 are one name; so are Zhang San and ZHANG SAN."""
    return "".join(name.split()).casefold()


def _mac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


class LookupKeys:
    def __init__(self, secret: bytes, ids_secret: bytes) -> None:
        if not secret or not ids_secret:
            raise ValueError("the identifier key and the public id key must not be empty")
        self._secret = secret
        self._ids_secret = ids_secret

    def _mac(self, *parts: str) -> str:
        return _mac(self._secret, *parts)

    @property
    def fingerprint(self) -> str:
        """Names the keys without revealing them: a projection built under others is stale."""
        return self._mac("fingerprint")[:16] + _mac(self._ids_secret, "fingerprint")[:16]

    def public_id(self, entry_id: UUID) -> UUID:
        """The id the public site, its feed and its export show for an entry."""
        return _as_uuid(_mac(self._ids_secret, "public entry", str(entry_id)))

    def subject_ref(self, subject_id: UUID) -> str:
        """What the public rows name a subject by (to follow its renames)."""
        return str(_as_uuid(_mac(self._ids_secret, "public subject", str(subject_id))))

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


def _as_uuid(digest: str) -> UUID:
    """128 bits of an HMAC, shaped as a random (version 4) UUID."""
    return UUID(bytes=bytes.fromhex(digest[:32]), version=4)

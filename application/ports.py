"""What the application needs from the outside world, as narrow protocols."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Recording

Row = dict[str, Any]


class ViewWriter(Protocol):
    """Writes rows of read-model views inside the transaction that records the events."""

    def get(self, view: str, key: Mapping[str, Any]) -> Row | None: ...

    def select(self, view: str, where: Mapping[str, Any]) -> list[Row]: ...

    def upsert(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None: ...

    def update(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None: ...

    def delete(self, view: str, key: Mapping[str, Any]) -> None: ...

    def insert(self, view: str, values: Mapping[str, Any]) -> None: ...

    def clear(self, view: str) -> None: ...


class ProjectionPositions(Protocol):
    def get(self, name: str) -> tuple[int, int] | None:
        """(version, position) of a projection, or None if it never ran."""

    def put(self, name: str, version: int, position: int) -> None: ...

    def all(self) -> dict[str, tuple[int, int]]:
        """(version, position) of every projection that ever ran, in one read."""

    def advance(self, names: Collection[str], position: int) -> None:
        """Moves the named projections (already stored) to `position`, in one write."""


class WriteUnit(Protocol):
    """One atomic write: stored events, their seals and the read models they change."""

    def record(self, write: Callable[[], list[Recording[Any]]]) -> list[Recording[Any]]: ...

    def transaction(self) -> AbstractContextManager[tuple[ViewWriter, ProjectionPositions]]: ...


class EventPositions(Protocol):
    def position_of(self, aggregate_id: UUID, version: int) -> int | None:
        """The global position of an aggregate's stored event, if it is stored."""

    def latest_version(self, aggregate_id: UUID) -> int | None:
        """The version of an aggregate's last stored event; None when it has none (one
        indexed read, no replay)."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...


class EventLog(Protocol):
    """Reads stored events in recorded order (positions are global notification ids)."""

    def read(self, after: int, limit: int) -> Sequence[Any]: ...

    def max_position(self) -> int: ...


Batches = Iterator[Sequence[Any]]


class Clock(Protocol):
    """Commands bring "now": the domain never reads the clock."""

    def today(self) -> date: ...


class WorklistQueries(Protocol):
    """Reads of the officers' read models."""

    def entry_ids_of_subject(self, subject_id: UUID) -> list[UUID]: ...

    def expiries_due(self, as_of: date, limit: int) -> list[UUID]: ...


class RegisterQueries(Protocol):
    """Reads of the licence and commitment registers."""

    def licence_ids_of_subject(self, subject_id: UUID) -> list[UUID]: ...

    def commitment_ids_of_subject(self, subject_id: UUID) -> list[UUID]: ...


class EvidenceStore(Protocol):
    """Evidence files, content-addressed in the database, with who uploaded each."""

    def keep(
        self, sha256: str, media_type: str, content: bytes, uploader: str, subject_id: UUID | None
    ) -> None: ...

    def describe(self, sha256: str) -> tuple[int, str] | None:
        """(size, media type) of a kept file, or None."""
        ...

    def content(self, sha256: str) -> bytes | None: ...

    def uploaders(self, sha256: str) -> list[tuple[str, str | None]]:
        """(username, subject id of a subject account) of each account that uploaded it."""
        ...

    def citations(self, sha256: str) -> list[tuple[str, str]]:
        """(deciding department, subject id) of each record that cites the file."""
        ...

"""What a list entry is made of besides its own fields: its status, the objections filed
against it, the joint measures applied to it and the rectifications recorded on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID


class EntryStatus(Enum):
    LISTED = "listed"  # recorded, not published (the rules keep it private)
    PUBLISHED = "published"
    REPAIRED = "repaired"
    EXPIRED = "expired"
    REVOKED = "revoked"


class EndReason(Enum):
    """Why a record brought from history had ended before it was recorded here."""

    EXPIRED = "expired"
    REPAIRED = "repaired"
    REVOKED = "revoked"


class Source(Enum):
    """Where an entry's decision was taken (API §8.1)."""

    CASE = "case"
    EXTERNAL = "external"
    IMPORT = "import"


ACTIVE = frozenset({EntryStatus.LISTED, EntryStatus.PUBLISHED})
CORRECTABLE_FIELDS = frozenset({"legal_basis", "decision_no", "severity", "subject_name"})


class ObjectionStatus(Enum):
    OPEN = "open"
    UPHELD = "upheld"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Objection:
    id: UUID
    grounds: str
    filed_on: date
    deadline: date
    status: ObjectionStatus = ObjectionStatus.OPEN
    extended: bool = False
    reason: str | None = None
    correction: dict[str, Any] = field(default_factory=dict)
    revoked: bool = False

    def is_overdue_on(self, day: date) -> bool:
        """Still open past its deadline."""
        return self.status is ObjectionStatus.OPEN and self.deadline < day


@dataclass(frozen=True)
class AppliedMeasure:
    code: str
    note: str | None
    applied_on: date
    lifted_on: date | None = None
    outlives_entry: bool = False  # lifetime or with its own term: the entry's end does not lift it


@dataclass(frozen=True)
class Rectification:
    description: str
    performed_on: date
    evidence: list[str]


def effective_status(recorded: EntryStatus, max_end: date, day: date) -> EntryStatus:
    """Past its window an active entry is expired, whether or not the sweep recorded it."""
    if recorded in ACTIVE and day >= max_end:
        return EntryStatus.EXPIRED
    return recorded

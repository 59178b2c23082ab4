"""What a list entry is made of besides its own fields: its status, the objections filed
against it, the joint measures applied to it and the rectifications recorded on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from domain.errors import ValidationFailed
from domain.reference import ListType, Severity
from domain.subject import clean_name


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
MAX_DECISION_NO_LENGTH = 200
MAX_LEGAL_BASIS_LENGTH = 2000


class Channel(Enum):
    """How an objection or a repair application reached the department (API §8.2)."""

    ONLINE = "online"
    WINDOW = "window"
    LETTER = "letter"
    CREDIT_CHINA = "credit_china"


def objection_received_is_possible(received_on: date, decided_on: date, today: date) -> None:
    """An objection recorded on a subject's behalf came in after the decision, and not later
    than today."""
    if received_on > today:
        raise ValidationFailed("an objection cannot be received in the future", field="received_on")
    if received_on < decided_on:
        raise ValidationFailed(
            f"an objection disputes a decision: it cannot be received before {decided_on}",
            field="received_on",
        )


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
    channel: str = "online"  # online (the subject's own), window, letter, credit_china
    received_on: date | None = None  # filed on the subject's behalf: the day it came in

    @property
    def received(self) -> date:
        """The day the objection reached the department: its deadlines run from it."""
        return self.received_on or self.filed_on

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


def clean_text(value: str, field: str, longest: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationFailed(f"{field} is required", field=field)
    if len(cleaned) > longest:
        raise ValidationFailed(f"{field} is longer than {longest}", field=field)
    return cleaned


def clean_decision_no(value: str, field: str = "decision_no") -> str:
    return clean_text(value, field, MAX_DECISION_NO_LENGTH)


def clean_legal_basis(value: str, field: str = "legal_basis") -> str:
    return clean_text(value, field, MAX_LEGAL_BASIS_LENGTH)


def clean_penalty_content(value: str, field: str = "penalty_content") -> str:
    """Optional: what the penalty is (处罚内容), as long as a legal basis at most."""
    return clean_text(value, field, MAX_LEGAL_BASIS_LENGTH) if value.strip() else ""


def severity_value(value: str, field: str = "severity") -> str:
    if value not in {s.value for s in Severity}:
        raise ValidationFailed(f"unknown severity {value!r}", field=field)
    return value


def list_type_value(value: str, field: str = "list_type") -> str:
    if value not in {t.value for t in ListType}:
        raise ValidationFailed(f"unknown list type {value!r}", field=field)
    return value


def decision_date_value(value: str, field: str = "decision_date") -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationFailed(f"not a date YYYY-MM-DD: {value!r}", field=field) from None


# What an upheld objection may correct, each through the rule its field meets when created
CORRECTIONS = {
    "subject_name": clean_name,
    "decision_no": clean_decision_no,
    "legal_basis": clean_legal_basis,
    "severity": severity_value,
    "list_type": list_type_value,
    "decision_date": decision_date_value,
}
CORRECTABLE_FIELDS = frozenset(CORRECTIONS)
# A correction of these recomputes the entry's terms (window, publication, repairability)
TERM_FIELDS = frozenset({"severity", "list_type", "decision_date"})
NULLABLE = frozenset({"severity"})  # a red-list entry has no severity


@dataclass(frozen=True)
class Recomputed:
    """The terms the rules give an entry's corrected facts."""

    regime: str
    special_list: str | None
    min_end: date
    max_end: date
    publishable: bool
    publish_deadline: date
    repairable: bool


def corrected_value(name: str, value: Any) -> Any:
    """A recorded correction's value as the entry holds it."""
    if value is None:
        return None
    if name == "severity":
        return Severity(value)
    if name == "list_type":
        return ListType(value)
    if name == "decision_date":
        return date.fromisoformat(value)
    return value


def corrected_values(correction: dict[str, Any]) -> dict[str, Any]:
    """The correction as it will be recorded, each value cleaned by its field's rule."""
    unknown = set(correction) - CORRECTABLE_FIELDS
    if unknown:
        raise ValidationFailed(
            f"these fields cannot be corrected: {', '.join(sorted(unknown))}", field="correction"
        )
    cleaned: dict[str, str | None] = {}
    for name, value in correction.items():
        field = f"correction.{name}"
        if value is None and name in NULLABLE:
            cleaned[name] = None
            continue
        if not isinstance(value, str):
            raise ValidationFailed(f"{name} is corrected with text", field=field)
        cleaned[name] = CORRECTIONS[name](value, field)
    return cleaned

"""The auditors' answers: history, state and disclosure as of a moment, integrity, the log.

Moments go out as the events record them (RFC 3339 in UTC, `+00:00`), so they are strings here.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel

from application.integrity import Breach
from domain.disclosure import DisclosedEntry
from domain.register_disclosure import DisclosedCommitment, DisclosedLicence
from interfaces.api.schemas.cases import CaseOut
from interfaces.api.schemas.entries import EntryOut
from interfaces.api.schemas.repairs import RepairOut
from interfaces.api.schemas.subjects import SubjectBrief


class HistoryItemOut(BaseModel):
    position: int
    recorded_at: str
    aggregate: str
    aggregate_id: UUID
    version: int
    type: str
    actor: str
    data: dict[str, Any]


class AuditSubject(SubjectBrief):
    status: Literal["registered"] = "registered"


Basis = Literal["decided", "recorded"]


class StateAsOfOut(BaseModel):
    as_of: str
    basis: Basis  # by the dates the facts took effect, or by what was recorded by then
    subject: AuditSubject | None
    cases: list[CaseOut]
    entries: list[EntryOut]
    repairs: list[RepairOut]


class DisclosureAsOf(BaseModel):
    as_of: str
    basis: Basis
    items: list[DisclosedEntry]
    licences: list[DisclosedLicence] = []
    commitments: list[DisclosedCommitment] = []


class CheckpointUsed(BaseModel):
    """The signed checkpoint the chain was also checked against."""

    position: int
    time: str


class Integrity(BaseModel):
    events_checked: int
    ok: bool
    first_broken: Breach | None
    checkpoint: CheckpointUsed | None = None


class AuditRead(BaseModel):
    """One audit read: who looked at what, when."""

    position: int
    read_id: str
    actor: str
    query: str
    subject_id: str | None
    as_of: str | None
    detail: str | None
    recorded_at: str

"""The credit check's answer, and the sweep that records expiries."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import BaseModel

from interfaces.api.schemas.common import Body, Day
from interfaces.api.schemas.subjects import SubjectBrief


class CheckedEntry(BaseModel):
    entry_id: UUID
    list_type: str
    domain: str
    status: str


class CreditCheckOut(BaseModel):
    check_id: UUID
    checked_on: date
    purpose: str | None
    subject: SubjectBrief | None
    entries: list[CheckedEntry]
    sanctions: list[str]
    rewards: list[str]


class Sweep(Body):
    as_of: Day | None = None


class SweepOut(BaseModel):
    expired: int

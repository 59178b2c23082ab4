"""The credit check, and the sweep that records expiries."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from domain.reference import Purpose
from interfaces.api.deps import Admin, Staff, System
from interfaces.api.schemas.checks import CreditCheckOut, Sweep, SweepOut
from interfaces.api.schemas.subjects import SubjectBrief

router = APIRouter(prefix="/api/v1", tags=["credit check and operations"])
Nationality = Annotated[
    str | None, Query(min_length=3, max_length=3, description="a passport's nationality")
]
PurposeName = Literal[
    "bidding", "government_funds", "licensing", "honours", "financing", "employment"
]


@router.get("/credit-check", response_model=CreditCheckOut)
def credit_check(
    system: System,
    _: Staff,
    identifier: Annotated[str, Query(min_length=1, max_length=40)],
    purpose: PurposeName | None = None,
    nationality: Nationality = None,
) -> CreditCheckOut:
    """Active entries and the measures that apply; the check itself is recorded. A passport
    number is looked up with its `nationality` (ISO 3166 alpha-3)."""
    check, subject = system.credit_checks.check(
        identifier, Purpose(purpose) if purpose else None, nationality
    )
    return CreditCheckOut.model_validate(
        {
            "check_id": check.id,
            "checked_on": check.checked_on,
            "purpose": purpose,
            "subject": SubjectBrief.of(subject) if subject else None,
            "entries": check.entries,
            "sanctions": check.sanctions,
            "rewards": check.rewards,
        }
    )


@router.post("/admin/sweep", response_model=SweepOut)
def sweep(system: System, _: Admin, body: Sweep | None = None) -> SweepOut:
    as_of = body.as_of if body else None
    return SweepOut(expired=system.entries.sweep(as_of))

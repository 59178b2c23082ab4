"""The credit check, and the sweep that records expiries."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from domain.reference import Purpose
from interfaces.api.deps import Admin, Staff, System
from interfaces.api.records import Sweep
from interfaces.api.subjects_out import subject_brief

router = APIRouter(prefix="/api/v1", tags=["credit check and operations"])
PurposeName = Literal[
    "bidding", "government_funds", "licensing", "honours", "financing", "employment"
]


@router.get("/credit-check")
def credit_check(
    system: System,
    _: Staff,
    identifier: Annotated[str, Query(min_length=1, max_length=40)],
    purpose: PurposeName | None = None,
) -> dict[str, Any]:
    """Active entries and the measures that apply; the check itself is recorded."""
    check, subject = system.credit_checks.check(identifier, Purpose(purpose) if purpose else None)
    return {
        "check_id": str(check.id),
        "checked_on": check.checked_on.isoformat(),
        "purpose": purpose,
        "subject": subject_brief(subject) if subject else None,
        "entries": check.entries,
        "sanctions": check.sanctions,
        "rewards": check.rewards,
    }


@router.post("/admin/sweep")
def sweep(system: System, _: Admin, body: Sweep | None = None) -> dict[str, int]:
    as_of = body.as_of if body else None
    return {"expired": system.entries.sweep(as_of)}

"""The auditors' API (§7): history, state and disclosure as of a moment, integrity, the log.

Every answer here is recorded as an audit read (who looked at what, when); admins list them at
`/api/v1/audit/log`. The reads are not part of any subject's history, which stays repeatable.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query

from application.audit import HistoryItem, StateAsOf
from application.timeline import Basis, json_safe
from domain.subject import Subject
from interfaces.api.deps import Admin, Overseer, System
from interfaces.api.records import case_out, entry_out, repair_out
from interfaces.api.responses import page
from interfaces.api.subjects_out import subject_brief

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])

Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(pattern=r"^\d{1,18}$", description="the last position seen")]
AsOf = Annotated[
    str | None,
    Query(
        max_length=40,
        description="RFC 3339 timestamp, or a date meaning the end of that day in Asia/Shanghai; "
        "none or a future moment means now",
    ),
]


BasisParam = Annotated[
    Literal["decided", "recorded"],
    Query(
        description="`decided` (default): what stood on that day by the dates the facts took "
        "effect (decision, service, repair, expiry), as recorded now; `recorded`: what the "
        "system had recorded by that moment"
    ),
]


@router.get("/subjects/{subject_id}/history")
def history(
    subject_id: UUID, system: System, _: Overseer, limit: Limit = 50, cursor: Cursor = None
) -> dict[str, Any]:
    """Every event about the subject in recorded order; `type` is `Aggregate.Event`."""
    items = system.audit.history(subject_id, int(cursor or 0), limit + 1)
    return page([history_out(item) for item in items], limit, "position")


@router.get("/subjects/{subject_id}/state")
def state(
    subject_id: UUID,
    system: System,
    _: Overseer,
    as_of: AsOf = None,
    basis: BasisParam = "decided",
) -> dict[str, Any]:
    """The subject's records as they stood at the moment, rebuilt from the events: by the
    dates the facts took effect, or by what was recorded up to the moment (`basis`)."""
    then = system.audit.state_as_of(subject_id, system.audit.moment(as_of), Basis(basis))
    return state_out(then)


@router.get("/disclosure")
def disclosure(
    system: System,
    _: Overseer,
    identifier: Annotated[str, Query(min_length=1, max_length=40)],
    as_of: AsOf = None,
    basis: BasisParam = "decided",
) -> dict[str, Any]:
    """What the public site showed of the subject at the moment, as §6 shows entries: by the
    facts in effect that day, or by what had been recorded by the moment (`basis`)."""
    moment = system.audit.moment(as_of)
    records = system.audit.disclosure_as_of(identifier, moment, Basis(basis))
    return {
        "as_of": iso_moment(moment),
        "basis": basis,
        "items": [json_safe(asdict(r)) for r in records],
    }


@router.get("/integrity")
def integrity(system: System, _: Overseer) -> dict[str, Any]:
    """Every stored event checked against its seal; the first break is named."""
    report = system.audit.check_integrity()
    broken = report.first_broken
    return {
        "events_checked": report.events_checked,
        "ok": report.ok,
        "first_broken": asdict(broken) if broken is not None else None,
    }


@router.get("/log")
def audit_log(system: System, _: Admin, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Who looked at what, when: every audit read in recorded order."""
    rows = system.audit.log(int(cursor or 0), limit + 1)
    return page([json_safe(row) for row in rows], limit, "position")


def history_out(item: HistoryItem) -> dict[str, Any]:
    return {
        "position": item.position,
        "recorded_at": iso_moment(item.recorded_at),
        "aggregate": item.aggregate,
        "aggregate_id": str(item.aggregate_id),
        "version": item.version,
        "type": item.type,
        "actor": item.actor,
        "data": item.data,
    }


def state_out(then: StateAsOf) -> dict[str, Any]:
    return {
        "as_of": iso_moment(then.as_of),
        "basis": then.basis.value,
        "subject": subject_out(then.subject) if then.subject is not None else None,
        "cases": [case_out(case) for case in then.cases],
        "entries": [entry_out(entry, then.day) for entry in then.entries],
        "repairs": [repair_out(repair) for repair in then.repairs],
    }


def subject_out(subject: Subject) -> dict[str, Any]:
    return {**subject_brief(subject), "status": "registered"}


def iso_moment(moment: datetime) -> str:
    return str(json_safe(moment))

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

from application import audit
from application.timeline import Basis, json_safe
from interfaces.api.deps import Admin, Overseer, System
from interfaces.api.responses import page
from interfaces.api.schemas.audit import (
    AuditRead,
    AuditSubject,
    DisclosureAsOf,
    HistoryItemOut,
    Integrity,
    StateAsOfOut,
)
from interfaces.api.schemas.cases import CaseOut
from interfaces.api.schemas.common import Page
from interfaces.api.schemas.entries import EntryOut
from interfaces.api.schemas.repairs import RepairOut

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


@router.get("/subjects/{subject_id}/history", response_model=Page[HistoryItemOut])
def history(
    subject_id: UUID, system: System, _: Overseer, limit: Limit = 50, cursor: Cursor = None
) -> dict[str, Any]:
    """Every event about the subject in recorded order; `type` is `Aggregate.Event`."""
    items = system.audit.history(subject_id, int(cursor or 0), limit + 1)
    return page([history_out(item) for item in items], limit, "position")


@router.get("/subjects/{subject_id}/state", response_model=StateAsOfOut)
def state(
    subject_id: UUID,
    system: System,
    _: Overseer,
    as_of: AsOf = None,
    basis: BasisParam = "decided",
) -> StateAsOfOut:
    """The subject's records as they stood at the moment, rebuilt from the events: by the
    dates the facts took effect, or by what was recorded up to the moment (`basis`)."""
    then = system.audit.state_as_of(subject_id, system.audit.moment(as_of), Basis(basis))
    return state_out(then)


@router.get("/disclosure", response_model=DisclosureAsOf)
def disclosure(
    system: System,
    _: Overseer,
    identifier: Annotated[str, Query(min_length=1, max_length=40)],
    as_of: AsOf = None,
    basis: BasisParam = "decided",
    nationality: Annotated[
        str | None, Query(min_length=3, max_length=3, description="a passport's nationality")
    ] = None,
) -> DisclosureAsOf:
    """What the public site showed of the subject at the moment, as §6 shows entries: by the
    facts in effect that day, or by what had been recorded by the moment (`basis`)."""
    moment = system.audit.moment(as_of)
    shown = system.audit.disclosure_as_of(identifier, moment, Basis(basis), nationality)
    return DisclosureAsOf(
        as_of=iso_moment(moment),
        basis=basis,
        items=shown.entries,
        licences=shown.licences,
        commitments=shown.commitments,
    )


@router.get("/integrity", response_model=Integrity)
def integrity(
    system: System,
    _: Overseer,
    checkpoint: Annotated[
        bool, Query(description="also check against the server's latest checkpoint, if any")
    ] = True,
) -> dict[str, Any]:
    """Every stored event checked against its seal; the first break is named. Against the
    latest daily checkpoint, a truncation after it or a rewrite before it is a break too."""
    anchor = system.checkpoints.latest() if checkpoint else None
    report = system.audit.check_integrity(anchor=anchor)
    broken = report.first_broken
    return {
        "events_checked": report.events_checked,
        "ok": report.ok,
        "first_broken": asdict(broken) if broken is not None else None,
        "checkpoint": None
        if anchor is None
        else {"position": anchor.position, "time": iso_moment(anchor.time)},
    }


@router.get("/log", response_model=Page[AuditRead])
def audit_log(system: System, _: Admin, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Who looked at what, when: every audit read in recorded order."""
    rows = system.audit.log(int(cursor or 0), limit + 1)
    return page([json_safe(row) for row in rows], limit, "position")


def history_out(item: audit.HistoryItem) -> dict[str, Any]:
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


def state_out(then: audit.StateAsOf) -> StateAsOfOut:
    return StateAsOfOut(
        as_of=iso_moment(then.as_of),
        basis=then.basis.value,
        subject=AuditSubject.of(then.subject) if then.subject is not None else None,
        cases=[CaseOut.of(case) for case in then.cases],
        entries=[EntryOut.of(entry, then.day) for entry in then.entries],
        repairs=[RepairOut.of(repair) for repair in then.repairs],
    )


def iso_moment(moment: datetime) -> str:
    return str(json_safe(moment))

"""List entries: record, read, measures, rectification, revocation."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.entries import NewEntry
from application.permissions import may_read
from domain.accounts import Role
from domain.entry_values import EntryStatus, effective_status
from domain.errors import Forbidden, ValidationFailed
from domain.reference import ListType, Severity
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, Staff, System
from interfaces.api.records import (
    NewEntryBody,
    NewMeasure,
    NewRectification,
    NewRevocation,
    NewVerification,
    entry_out,
)
from interfaces.api.responses import page, resource

router = APIRouter(prefix="/api/v1/entries", tags=["entries"])
StatusName = Literal["listed", "published", "repaired", "expired", "revoked"]


@router.post("", status_code=201)
def record_entry(body: NewEntryBody, system: System, staff: Staff) -> JSONResponse:
    department = staff.department if staff.role is Role.OFFICER else body.department
    if department is None:
        raise ValidationFailed("name the deciding department", field="department")
    entry = system.entries.record(
        staff,
        NewEntry(
            subject_id=body.subject_id,
            list_type=ListType(body.list_type),
            domain=body.domain,
            severity=Severity(body.severity),
            decision_no=body.decision_no,
            decision_date=body.decision_date,
            legal_basis=body.legal_basis,
            repairable=body.repairable,
            department=department,
        ),
    )
    out = entry_out(entry, system.clock.today())
    return resource(out, 201, f"/api/v1/entries/{entry.id}")


@router.get("/{entry_id}")
def get_entry(entry_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    entry = system.entries.get(entry_id)
    may_read(user, entry.subject_id)
    return resource(entry_out(entry, system.clock.today()))


def row_out(row: dict[str, Any], today: date) -> dict[str, Any]:
    status = effective_status(EntryStatus(row["status"]), row["max_end"], today)
    return {
        "id": row["entry_id"],
        "entry_id": row["entry_id"],
        "subject_id": row["subject_id"],
        "subject_name": row["subject_name"],
        "identifier": row["identifier"],
        "list_type": row["list_type"],
        "domain": row["domain"],
        "severity": row["severity"],
        "department": row["department"],
        "decision_no": row["decision_no"],
        "decision_date": row["decision_date"].isoformat(),
        "status": status.value,
        "published_at": row["published_on"].isoformat() if row["published_on"] else None,
        "publication": {
            "min_end": row["min_end"].isoformat(),
            "max_end": row["max_end"].isoformat(),
        },
        "under_objection": row["objection_open"],
    }


@router.get("")
def list_entries(
    system: System,
    user: CurrentUser,
    subject_id: UUID | None = None,
    domain: Annotated[str | None, Query(max_length=64)] = None,
    status: StatusName | None = None,
    list_type: Literal["penalty", "blacklist", "focus", "red"] | None = None,
    department: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """Officers, admins and auditors see every entry; a subject account only its own."""
    if user.role is Role.OFFICE:
        raise Forbidden("the office reads statistics and progress sheets, not single records")
    if user.role is Role.SUBJECT:
        if subject_id is not None and subject_id != user.subject_id:
            may_read(user, subject_id)
        subject_id = user.subject_id
    where = EntryFilter(
        subject_id=str(subject_id) if subject_id else None,
        domain=domain,
        status=status,
        list_type=list_type,
        department=department,
        today=system.clock.today(),
    )
    rows = system.worklists.list_entries(where, cursor, limit + 1)
    listed = page(rows, limit, "entry_id")
    listed["items"] = [row_out(row, where.today) for row in listed["items"]]  # type: ignore[arg-type]
    return listed


@router.post("/{entry_id}/measures")
def apply_measure(
    entry_id: UUID, body: NewMeasure, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    entry = system.entries.apply_measure(officer, entry_id, body.measure_code, body.note, expected)
    return resource(entry_out(entry, system.clock.today()))


@router.post("/{entry_id}/rectification")
def record_rectification(
    entry_id: UUID,
    body: NewRectification,
    system: System,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.entries.record_rectification(
        user, entry_id, body.description, body.performed_on, body.evidence, expected
    )
    return resource(entry_out(entry, system.clock.today()))


@router.post("/{entry_id}/rectification/verification")
def verify_rectification(
    entry_id: UUID,
    body: NewVerification,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    """The deciding department verifies the recorded rectification: from that day the entry
    counts as governed in the governance figures (a self-declared one does not)."""
    entry = system.entries.verify_rectification(staff, entry_id, body.note, expected)
    return resource(entry_out(entry, system.clock.today()))


@router.post("/{entry_id}/revocation")
def revoke(
    entry_id: UUID, body: NewRevocation, system: System, staff: Staff, expected: ExpectedVersion
) -> JSONResponse:
    entry = system.entries.revoke(staff, entry_id, body.reason, expected)
    return resource(entry_out(entry, system.clock.today()))

"""List entries: record, read, measures, rectification, revocation."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.permissions import require_may_read
from domain.accounts import Role
from domain.errors import Forbidden
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, Staff, System
from interfaces.api.responses import page, resource
from interfaces.api.schemas.common import Page
from interfaces.api.schemas.entries import (
    EntryOut,
    EntryRow,
    NewEntryBody,
    NewMeasure,
    NewRectification,
    NewRevocation,
    NewVerification,
)

router = APIRouter(prefix="/api/v1/entries", tags=["entries"])
StatusName = Literal["listed", "published", "repaired", "expired", "revoked"]


@router.post("", status_code=201, response_model=EntryOut)
def record_entry(body: NewEntryBody, system: System, staff: Staff) -> JSONResponse:
    entry = system.entries.record(staff, body.command(staff))
    shown = EntryOut.of(entry, system.clock.today())
    return resource(shown, 201, f"/api/v1/entries/{entry.id}")


@router.get("/{entry_id}", response_model=EntryOut)
def get_entry(entry_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    entry = system.entries.get(entry_id)
    require_may_read(user, entry.subject_id, "entry", entry_id)
    return resource(EntryOut.of(entry, system.clock.today()))


@router.get("", response_model=Page[EntryRow])
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
            raise Forbidden("a subject account lists only its own records")  # whoever it names
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
    listed["items"] = [EntryRow.of(row, where.today) for row in listed["items"]]  # type: ignore[arg-type]
    return listed


@router.post("/{entry_id}/measures", response_model=EntryOut)
def apply_measure(
    entry_id: UUID, body: NewMeasure, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    entry = system.entries.apply_measure(officer, body.command(entry_id, expected))
    return resource(EntryOut.of(entry, system.clock.today()))


@router.post("/{entry_id}/rectification", response_model=EntryOut)
def record_rectification(
    entry_id: UUID,
    body: NewRectification,
    system: System,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.entries.record_rectification(user, body.command(entry_id, expected))
    return resource(EntryOut.of(entry, system.clock.today()))


@router.post("/{entry_id}/rectification/verification", response_model=EntryOut)
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
    return resource(EntryOut.of(entry, system.clock.today()))


@router.post("/{entry_id}/revocation", response_model=EntryOut)
def revoke(
    entry_id: UUID, body: NewRevocation, system: System, staff: Staff, expected: ExpectedVersion
) -> JSONResponse:
    entry = system.entries.revoke(staff, body.command(entry_id, expected))
    return resource(EntryOut.of(entry, system.clock.today()))

"""Objections: the subject disputes a record; the deciding department resolves it."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.permissions import may_read
from domain.accounts import Role
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.records import (
    NewObjection,
    ObjectionExtension,
    Resolution,
    entry_out,
    objection_out,
)
from interfaces.api.responses import page, resource

router = APIRouter(prefix="/api/v1", tags=["objections"])
Limit = Annotated[int, Query(ge=1, le=500)]


@router.post("/entries/{entry_id}/objections", status_code=201)
def file_objection(
    entry_id: UUID,
    body: NewObjection,
    system: System,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry, objection = system.objections.file(user, entry_id, body.grounds, expected)
    return JSONResponse(
        {**objection_out(objection), "entry_id": str(entry.id), "entry_version": entry.version},
        status_code=201,
        headers={"ETag": f'"{entry.version}"'},
    )


@router.get("/entries/{entry_id}/objections")
def objections_of_entry(entry_id: UUID, system: System, user: CurrentUser) -> dict[str, Any]:
    entry = system.entries.get(entry_id)
    may_read(user, entry.subject_id, "entry", entry_id)
    today = system.clock.today()
    return {
        "items": [
            {**objection_out(o), "overdue": o.status.value == "open" and o.deadline < today}
            for o in entry.objections
        ]
    }


@router.post("/entries/{entry_id}/objections/{objection_id}/extension")
def extend_objection(
    entry_id: UUID,
    objection_id: UUID,
    body: ObjectionExtension,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.objections.extend(staff, entry_id, objection_id, body.reason, expected)
    return resource(entry_out(entry, system.clock.today()))


@router.post("/entries/{entry_id}/objections/{objection_id}/resolution")
def resolve_objection(
    entry_id: UUID,
    objection_id: UUID,
    body: Resolution,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.objections.resolve(
        staff,
        entry_id,
        objection_id,
        body.outcome == "upheld",
        body.reason,
        body.correction,
        body.revoke,
        expected,
    )
    return resource(entry_out(entry, system.clock.today()))


@router.get("/objections")
def list_objections(
    system: System,
    reader: Reader,
    status: Literal["open", "upheld", "rejected"] | None = None,
    overdue: bool = False,
    department: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """The worklist of objections; an officer's defaults to their department."""
    if reader.role is Role.OFFICER and department is None:
        department = reader.department
    today = system.clock.today()
    rows = system.worklists.list_objections(
        None, department, status, today if overdue else None, cursor, limit + 1
    )
    return page(rows, limit, "objection_id")

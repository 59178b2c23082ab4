"""Objections: the subject disputes a record; the deciding department resolves it."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.permissions import require_may_read
from domain.accounts import Role
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.responses import page, resource
from interfaces.api.schemas.common import Page, json_of
from interfaces.api.schemas.entries import EntryOut, ObjectionOut
from interfaces.api.schemas.objections import (
    EntryObjections,
    FiledObjectionOut,
    NewObjection,
    ObjectionExtension,
    ObjectionItem,
    ObjectionRow,
    Resolution,
)

router = APIRouter(prefix="/api/v1", tags=["objections"])
Limit = Annotated[int, Query(ge=1, le=500)]


@router.post("/entries/{entry_id}/objections", status_code=201, response_model=FiledObjectionOut)
def file_objection(
    entry_id: UUID,
    body: NewObjection,
    system: System,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> JSONResponse:
    """The answer's ETag is the entry's new version (an objection is part of the entry)."""
    entry, objection = system.objections.file(user, body.command(entry_id, expected))
    return JSONResponse(
        json_of(FiledObjectionOut.filed(entry, objection)),
        status_code=201,
        headers={"ETag": f'"{entry.version}"'},
    )


@router.get("/entries/{entry_id}/objections", response_model=EntryObjections)
def objections_of_entry(entry_id: UUID, system: System, user: CurrentUser) -> EntryObjections:
    entry = system.entries.get(entry_id)
    require_may_read(user, entry.subject_id, "entry", entry_id)
    today = system.clock.today()
    items = [
        ObjectionItem(
            **ObjectionOut.of(o).model_dump(),
            overdue=o.status.value == "open" and o.deadline < today,
        )
        for o in entry.objections
    ]
    return EntryObjections(items=items)


@router.post("/entries/{entry_id}/objections/{objection_id}/extension", response_model=EntryOut)
def extend_objection(
    entry_id: UUID,
    objection_id: UUID,
    body: ObjectionExtension,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.objections.extend(staff, body.command(entry_id, objection_id, expected))
    return resource(EntryOut.of(entry, system.clock.today()))


@router.post("/entries/{entry_id}/objections/{objection_id}/resolution", response_model=EntryOut)
def resolve_objection(
    entry_id: UUID,
    objection_id: UUID,
    body: Resolution,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    entry = system.objections.resolve(staff, body.command(entry_id, objection_id, expected))
    return resource(EntryOut.of(entry, system.clock.today()))


@router.get("/objections", response_model=Page[ObjectionRow])
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

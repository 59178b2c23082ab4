"""Credit repair applications."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.permissions import may_read
from domain.accounts import Role
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.records import (
    NewRepair,
    RepairAcceptance,
    RepairDecision,
    repair_out,
)
from interfaces.api.responses import page, resource

router = APIRouter(prefix="/api/v1/repairs", tags=["credit repair"])
RepairStatusName = Literal["filed", "accepted", "rejected", "approved", "denied", "withdrawn"]


@router.post("", status_code=201)
def file_repair(body: NewRepair, system: System, user: CurrentUser) -> JSONResponse:
    repair = system.repairs.file(
        user, body.entry_id, body.commitment_signed, body.obligations_evidence, body.note
    )
    return resource(repair_out(repair), 201, f"/api/v1/repairs/{repair.id}")


@router.get("/{repair_id}")
def get_repair(repair_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    repair = system.repairs.get(repair_id)
    may_read(user, repair.subject_id, "repair application", repair_id)
    return resource(repair_out(repair))


@router.get("")
def list_repairs(
    system: System,
    reader: Reader,
    status: RepairStatusName | None = None,
    entry_id: UUID | None = None,
    overdue: bool = False,
    department: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """The worklist; `overdue=true` keeps open applications past a deadline."""
    if reader.role is Role.OFFICER and department is None and entry_id is None:
        department = reader.department
    rows = system.worklists.list_repairs(
        status,
        str(entry_id) if entry_id else None,
        department,
        system.clock.today() if overdue else None,
        cursor,
        limit + 1,
    )
    listed = page(rows, limit, "repair_id")
    listed["items"] = [repair_row(row) for row in listed["items"]]
    return listed


def repair_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["repair_id"],
        **{k: v for k, v in row.items() if k != "position"},
    }


@router.post("/{repair_id}/acceptance")
def accept(
    repair_id: UUID,
    body: RepairAcceptance,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    repair = system.repairs.accept(staff, repair_id, body.accepted, body.reason, expected)
    return resource(repair_out(repair))


@router.post("/{repair_id}/decision")
def decide(
    repair_id: UUID,
    body: RepairDecision,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    repair = system.repairs.decide(
        staff, repair_id, body.approved, body.reason, body.false_materials, expected
    )
    return resource(repair_out(repair))


@router.post("/{repair_id}/withdrawal")
def withdraw(
    repair_id: UUID, system: System, user: CurrentUser, expected: ExpectedVersion
) -> JSONResponse:
    return resource(repair_out(system.repairs.withdraw(user, repair_id, expected)))

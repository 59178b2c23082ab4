"""Credit repair applications."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from application.permissions import require_may_read
from domain.accounts import Role
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.responses import page, resource
from interfaces.api.schemas.common import Page
from interfaces.api.schemas.repairs import (
    EvidenceConfirmation,
    NewRepair,
    RepairAcceptance,
    RepairDecision,
    RepairOut,
    RepairRow,
)

router = APIRouter(prefix="/api/v1/repairs", tags=["credit repair"])
RepairStatusName = Literal["filed", "accepted", "rejected", "approved", "denied", "withdrawn"]


@router.post("", status_code=201, response_model=RepairOut)
def file_repair(body: NewRepair, system: System, user: CurrentUser) -> JSONResponse:
    repair = system.repairs.file(user, body.command())
    return resource(RepairOut.of(repair), 201, f"/api/v1/repairs/{repair.id}")


@router.get("/{repair_id}", response_model=RepairOut)
def get_repair(repair_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    repair = system.repairs.get(repair_id)
    require_may_read(user, repair.subject_id, "repair application", repair_id)
    return resource(RepairOut.of(repair))


@router.get("", response_model=Page[RepairRow])
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
    listed["items"] = [{"id": row["repair_id"], **row} for row in listed["items"]]
    return listed


@router.post("/{repair_id}/acceptance", response_model=RepairOut)
def accept(
    repair_id: UUID,
    body: RepairAcceptance,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    repair = system.repairs.accept(staff, body.command(repair_id, expected))
    return resource(RepairOut.of(repair))


@router.post("/{repair_id}/decision", response_model=RepairOut)
def decide(
    repair_id: UUID,
    body: RepairDecision,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    repair = system.repairs.decide(staff, body.command(repair_id, expected))
    return resource(RepairOut.of(repair))


@router.post("/{repair_id}/evidence/{sha256}/confirmation", response_model=RepairOut)
def confirm_evidence(
    repair_id: UUID,
    sha256: Annotated[str, Path(min_length=1, max_length=128)],
    body: EvidenceConfirmation,
    system: System,
    staff: Staff,
    expected: ExpectedVersion,
) -> JSONResponse:
    """The deciding officer confirms (`confirmed: true`) or rejects an uploaded file of the
    application; approval waits until every file has its answer (`evidence_unconfirmed`)."""
    repair = system.repairs.check_evidence(staff, body.command(repair_id, sha256, expected))
    return resource(RepairOut.of(repair))


@router.post("/{repair_id}/withdrawal", response_model=RepairOut)
def withdraw(
    repair_id: UUID, system: System, user: CurrentUser, expected: ExpectedVersion
) -> JSONResponse:
    return resource(RepairOut.of(system.repairs.withdraw(user, repair_id, expected)))

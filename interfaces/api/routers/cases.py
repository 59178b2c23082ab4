"""Cases: the officer's procedure from opening to decision."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from domain.accounts import Role
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, Reader, System
from interfaces.api.responses import page, resource
from interfaces.api.schemas.cases import (
    CaseOut,
    CaseRow,
    NewCase,
    NewDecision,
    NewEvidence,
    NewNotice,
    NewStatement,
    NoticeServedOut,
)
from interfaces.api.schemas.common import Page

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])
Limit = Annotated[int, Query(ge=1, le=500)]
CaseStatusName = Literal["open", "notice_served", "decided", "dismissed", "closed"]


@router.post("", status_code=201, response_model=CaseOut)
def open_case(body: NewCase, system: System, officer: Officer) -> JSONResponse:
    case = system.cases.open(officer, body.command())
    return resource(CaseOut.of(case), 201, f"/api/v1/cases/{case.id}")


@router.get("/{case_id}", response_model=CaseOut)
def get_case(case_id: UUID, system: System, _: Reader) -> JSONResponse:
    return resource(CaseOut.of(system.cases.get(case_id)))


@router.get("", response_model=Page[CaseRow])
def list_cases(
    system: System,
    reader: Reader,
    status: CaseStatusName | None = None,
    subject_id: UUID | None = None,
    department: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """An officer's list defaults to their own department's cases."""
    if reader.role is Role.OFFICER and department is None:
        department = reader.department
    rows = system.worklists.list_cases(
        department, status, str(subject_id) if subject_id else None, cursor, limit + 1
    )
    return page(rows, limit, "case_id")


@router.post("/{case_id}/evidence", response_model=CaseOut)
def add_evidence(
    case_id: UUID, body: NewEvidence, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.add_evidence(officer, body.command(case_id, expected))
    return resource(CaseOut.of(case))


@router.post("/{case_id}/notice", response_model=NoticeServedOut)
def serve_notice(
    case_id: UUID, body: NewNotice, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.serve_notice(officer, body.command(case_id, expected))
    return resource(NoticeServedOut.of(case))


@router.post("/{case_id}/statements", response_model=CaseOut)
def receive_statement(
    case_id: UUID, body: NewStatement, system: System, user: CurrentUser, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.receive_statement(user, body.command(case_id, expected))
    return resource(CaseOut.of(case))


@router.post("/{case_id}/decision", response_model=CaseOut)
def decide(
    case_id: UUID, body: NewDecision, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    """A listing answers with the new entry's `entry_id`; a dismissal with none."""
    case, entry_id = system.cases.decide(officer, body.command(case_id, expected))
    shown = CaseOut.of(case)
    if entry_id is not None:
        shown.entry_id = entry_id
    return resource(shown)


@router.post("/{case_id}/closure", response_model=CaseOut)
def close_case(
    case_id: UUID, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    return resource(CaseOut.of(system.cases.close(officer, case_id, expected)))

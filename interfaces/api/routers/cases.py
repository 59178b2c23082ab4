"""Cases: the officer's procedure from opening to decision."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from domain.accounts import Role
from domain.case import Listing
from domain.errors import ValidationFailed
from domain.reference import ListType, Severity
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, Reader, System
from interfaces.api.records import (
    NewCase,
    NewDecision,
    NewEvidence,
    NewNotice,
    NewStatement,
    case_out,
)
from interfaces.api.responses import page, resource

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])
Limit = Annotated[int, Query(ge=1, le=500)]
CaseStatusName = Literal["open", "notice_served", "decided", "dismissed", "closed"]


@router.post("", status_code=201)
def open_case(body: NewCase, system: System, officer: Officer) -> JSONResponse:
    case = system.cases.open(officer, body.subject_id, body.domain, body.summary)
    return resource(case_out(case), 201, f"/api/v1/cases/{case.id}")


@router.get("/{case_id}")
def get_case(case_id: UUID, system: System, _: Reader) -> JSONResponse:
    return resource(case_out(system.cases.get(case_id)))


@router.get("")
def list_cases(
    system: System,
    reader: Reader,
    status: CaseStatusName | None = None,
    subject_id: UUID | None = None,
    department: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, object]:
    """An officer's list defaults to their own department's cases."""
    if reader.role is Role.OFFICER and department is None:
        department = reader.department
    rows = system.worklists.list_cases(
        department, status, str(subject_id) if subject_id else None, cursor, limit + 1
    )
    return page(rows, limit, "case_id")


@router.post("/{case_id}/evidence")
def add_evidence(
    case_id: UUID, body: NewEvidence, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.add_evidence(officer, case_id, body.description, body.reference, expected)
    return resource(case_out(case))


@router.post("/{case_id}/notice")
def serve_notice(
    case_id: UUID, body: NewNotice, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.serve_notice(
        officer, case_id, ListType(body.proposed), body.served_on, body.statement_days, expected
    )
    out = case_out(case)
    return resource({**out, "statement_deadline": out["notice"]["statement_deadline"]})


@router.post("/{case_id}/statements")
def receive_statement(
    case_id: UUID, body: NewStatement, system: System, user: CurrentUser, expected: ExpectedVersion
) -> JSONResponse:
    case = system.cases.receive_statement(user, case_id, body.text, body.received_on, expected)
    return resource(case_out(case))


@router.post("/{case_id}/decision")
def decide(
    case_id: UUID, body: NewDecision, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    today = system.clock.today()
    decision_date = body.decision_date or today
    if body.outcome == "dismissed":
        case = system.cases.dismiss(officer, case_id, decision_date, expected)
        return resource(case_out(case))
    case, entry_id = system.cases.decide_listing(
        officer, case_id, listing_of(body, case_id, decision_date), expected
    )
    return resource({**case_out(case), "entry_id": str(entry_id)})


def listing_of(body: NewDecision, case_id: UUID, decision_date: date) -> Listing:
    if body.list_type is None or body.severity is None:
        missing = [name for name in ("list_type", "severity") if getattr(body, name) is None]
        raise ValidationFailed(
            f"a listing decision needs {' and '.join(missing)}", field=missing[0]
        )
    return Listing(
        list_type=ListType(body.list_type),
        severity=Severity(body.severity),
        decision_no=body.decision_no or f"CX-{str(case_id)[:8].upper()}",
        decision_date=decision_date,
        legal_basis=body.legal_basis or "",
        repairable=body.repairable,
    )


@router.post("/{case_id}/closure")
def close_case(
    case_id: UUID, system: System, officer: Officer, expected: ExpectedVersion
) -> JSONResponse:
    return resource(case_out(system.cases.close(officer, case_id, expected)))

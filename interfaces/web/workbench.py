"""The officer's workbench: the day's work, a subject's records, one case, entry or repair
application, each with the forms of the steps that can be taken on it now."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.accounts import Principal
from application.permissions import acts_for
from domain.entry_values import EntryStatus, effective_status
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import System
from interfaces.api.schemas.cases import CaseOut
from interfaces.api.schemas.common import json_of
from interfaces.api.schemas.entries import EntryOut
from interfaces.api.schemas.repairs import RepairOut
from interfaces.api.schemas.subjects import SubjectBrief
from interfaces.web.forms import NO_FORM, FormState
from interfaces.web.rendering import PageRoute, redirect, render
from interfaces.web.session import OfficerPage
from interfaces.web.worklist import next_step, officer_worklist

router = APIRouter(prefix="/workbench", route_class=PageRoute, include_in_schema=False)
LIST_TYPES = tuple(t.value for t in ListType)
SEVERITIES = tuple(s.value for s in Severity)
KINDS = tuple(k.value for k in SubjectKind)


def show(request: Request, template: str, state: FormState, **context: Any) -> Response:
    """A page of the workbench; after a refused form, the same page with status 422."""
    return render(request, template, {"forms": state, **context}, 422 if state.errors else 200)


def choices(system: Chengxin, officer: Principal) -> dict[str, Any]:
    department = officer.department or ""
    return {
        "my_domains": system.reference.domains_of(department),
        "list_types": LIST_TYPES,
        "severities": SEVERITIES,
        "kinds": KINDS,
    }


@router.get("")
def index(request: Request, system: System, officer: OfficerPage) -> Response:
    work = officer_worklist(system, officer.department)
    return show(request, "workbench/index.html", NO_FORM, work=work)


@router.get("/subjects/new")
def new_subject(request: Request, system: System, officer: OfficerPage) -> Response:
    return subject_form(request, system, officer)


def subject_form(
    request: Request, system: Chengxin, officer: Principal, state: FormState = NO_FORM
) -> Response:
    return show(request, "workbench/subject_new.html", state, **choices(system, officer))


@router.get("/subjects/find")
def find_subject(
    request: Request,
    system: System,
    officer: OfficerPage,
    identifier: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    subject = system.subjects.find(identifier) if identifier.strip() else None
    if subject is not None:
        return redirect(f"/workbench/subjects/{subject.id}")
    state = FormState("subject", {"identifier": identifier}, posted=True)
    return show(
        request, "workbench/subject_new.html", state, not_found=True, **choices(system, officer)
    )


@router.get("/subjects/{subject_id}")
def subject(request: Request, subject_id: UUID, system: System, officer: OfficerPage) -> Response:
    return subject_page(request, system, officer, subject_id)


def subject_page(
    request: Request,
    system: Chengxin,
    officer: Principal,
    subject_id: UUID,
    state: FormState = NO_FORM,
) -> Response:
    found = system.subjects.get(subject_id)
    today = system.clock.today()
    entries = [
        {**row, "status": effective_status(EntryStatus(row["status"]), row["max_end"], today).value}
        for row in system.worklists.list_entries(EntryFilter(subject_id=str(subject_id)), None, 500)
    ]
    cases = system.worklists.list_cases(None, None, str(subject_id), None, 500)
    return show(
        request,
        "workbench/subject.html",
        state,
        subject=json_of(SubjectBrief.of(found)),
        entries=sorted(entries, key=lambda e: e["decision_date"], reverse=True),
        cases=sorted(cases, key=lambda c: c["opened_on"], reverse=True),
        **choices(system, officer),
    )


@router.get("/cases/{case_id}")
def case(request: Request, case_id: UUID, system: System, officer: OfficerPage) -> Response:
    return case_page(request, system, officer, case_id)


def case_page(
    request: Request,
    system: Chengxin,
    officer: Principal,
    case_id: UUID,
    state: FormState = NO_FORM,
) -> Response:
    found = system.cases.get(case_id)
    deadline = found.notice.statement_deadline if found.notice else None
    step = next_step(found.status.value, deadline, system.clock.today(), bool(found.statements))
    return show(
        request,
        "workbench/case.html",
        state,
        case=json_of(CaseOut.of(found)),
        next=step,
        deciding=acts_for(officer, found.department, system.reference),
        subject=json_of(SubjectBrief.of(system.subjects.get(found.subject_id))),
        **choices(system, officer),
    )


@router.get("/entries/{entry_id}")
def entry(request: Request, entry_id: UUID, system: System, officer: OfficerPage) -> Response:
    return entry_page(request, system, officer, entry_id)


def entry_page(
    request: Request,
    system: Chengxin,
    officer: Principal,
    entry_id: UUID,
    state: FormState = NO_FORM,
) -> Response:
    found = system.entries.get(entry_id)
    applied = {m.code for m in found.active_measures}
    deciding = acts_for(officer, found.department, system.reference)
    kinds = system.reference.kinds_of(officer.department or "")
    measures = [
        m
        for m in system.reference.measures_for(found.list_type, found.domain)
        if m.code not in applied and (deciding or kinds & set(m.departments))
    ]
    return show(
        request,
        "workbench/entry.html",
        state,
        entry=json_of(EntryOut.of(found, system.clock.today())),
        measures=measures,
        repairs=system.worklists.list_repairs(None, str(entry_id), None, None, None, 50),
        deciding=deciding,
        severities=SEVERITIES,
    )


@router.get("/repairs/{repair_id}")
def repair(request: Request, repair_id: UUID, system: System, officer: OfficerPage) -> Response:
    return repair_page(request, system, officer, repair_id)


def repair_page(
    request: Request,
    system: Chengxin,
    officer: Principal,
    repair_id: UUID,
    state: FormState = NO_FORM,
) -> Response:
    found = system.repairs.get(repair_id)
    listed = system.entries.get(found.entry_id)
    return show(
        request,
        "workbench/repair.html",
        state,
        repair=json_of(RepairOut.of(found)),
        entry=json_of(EntryOut.of(listed, system.clock.today())),
        deciding=acts_for(officer, found.department, system.reference),
    )

"""The officer's workbench: the day's work, a subject's records, one case, entry or repair
application, each with the forms of the steps that can be taken on it now."""

from __future__ import annotations

import re
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.accounts import Principal
from application.permissions import acts_for
from domain.calendar import add_working_days
from domain.entry_values import EntryStatus, effective_status
from domain.identifiers import Scheme, compact_form
from domain.reference import ListType, Severity
from domain.subject import SubjectKind, likely_kind
from infrastructure.bootstrap import Chengxin
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import System
from interfaces.api.schemas.cases import CaseOut
from interfaces.api.schemas.common import json_of
from interfaces.api.schemas.entries import EntryOut
from interfaces.api.schemas.registers import CommitmentOut, LicenceOut
from interfaces.api.schemas.repairs import RepairOut
from interfaces.api.schemas.subjects import SubjectBrief
from interfaces.web.forms import NO_FORM, FormState
from interfaces.web.rendering import PageRoute, redirect, render
from interfaces.web.session import OfficerPage
from interfaces.web.worklist import SOON_WORKING_DAYS, next_step, officer_worklist, repair_due

router = APIRouter(prefix="/workbench", route_class=PageRoute, include_in_schema=False)
LIST_TYPES = tuple(t.value for t in ListType)
SEVERITIES = tuple(s.value for s in Severity)
KINDS = tuple(k.value for k in SubjectKind)
SCHEMES = tuple(s.value for s in Scheme)
NAME_MATCHES = 50
# digits and letters only, 15 to 20 of them, at least 8 digits: a document's number, not a name
IDENTIFIER_SHAPE = re.compile(r"^(?=(?:\D*\d){8})[0-9A-Z]{15,20}$")


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
        "schemes": SCHEMES,
        "kind_guess": "legal_person",
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
    q: Annotated[str, Query(max_length=200)] = "",
    identifier: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """One box: an identifier opens its subject (or the form to register it, the kind told
    from the number); anything else is a name, and the subjects whose name holds it are
    listed."""
    words = (q or identifier).strip()
    if not words:
        return redirect("/workbench")
    compact = compact_form(words)
    if IDENTIFIER_SHAPE.match(compact):
        subject = system.subjects.find(compact)
        if subject is not None:
            return redirect(f"/workbench/subjects/{subject.id}")
        values = {"identifier": words, "kind": likely_kind(compact).value}
        state = FormState("subject", values, posted=True)
        return show(
            request, "workbench/subject_new.html", state, not_found=True, **choices(system, officer)
        )
    found = system.subject_directory.named(words, NAME_MATCHES + 1)
    return show(
        request,
        "workbench/find.html",
        NO_FORM,
        words=words,
        found=found[:NAME_MATCHES],
        more=len(found) > NAME_MATCHES,
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
        licences=[LicenceOut.of(found) for found in system.licences.of_subject(subject_id)],
        commitments=[CommitmentOut.of(c) for c in system.commitments.of_subject(subject_id)],
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
    today = system.clock.today()
    shown = json_of(RepairOut.of(found))
    soon = add_working_days(system.calendar, today, SOON_WORKING_DAYS)
    return show(
        request,
        "workbench/repair.html",
        state,
        repair=shown,
        running=repair_due(shown, today, soon),
        entry=json_of(EntryOut.of(listed, system.clock.today())),
        deciding=acts_for(officer, found.department, system.reference),
    )

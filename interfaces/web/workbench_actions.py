"""The officer's forms: each posts to the same service the API calls, with the API's own body
model, and comes back with a flash or with the errors beside the fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.accounts import Principal
from domain.identifiers import Scheme
from domain.subject import SubjectKind, check_identifier
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.schemas.cases import (
    NewCase,
    NewDecision,
    NewEvidence,
    NewNotice,
    NewStatement,
)
from interfaces.api.schemas.entries import NewEntryBody
from interfaces.api.schemas.subjects import NewSubject
from interfaces.web.forms import FormSpec, on_record, submitted
from interfaces.web.rendering import PageRoute
from interfaces.web.session import Form, FormInput, OfficerPage
from interfaces.web.workbench import case_page, subject_form, subject_page

router = APIRouter(prefix="/workbench", route_class=PageRoute, include_in_schema=False)


def identifier_rule(values: Mapping[str, Any]) -> None:
    """The identifier's own rules (check character, date, region), told apart from the rest of
    the form so that a bad identifier and a missing name are both shown."""
    kinds = {k.value for k in SubjectKind}
    schemes = {s.value for s in Scheme}
    kind, number = str(values.get("kind") or ""), str(values.get("identifier") or "").strip()
    scheme = str(values.get("scheme") or "")
    if kind in kinds and number:
        nationality = str(values.get("nationality") or "") or None
        check_identifier(
            SubjectKind(kind),
            number,
            None,
            Scheme(scheme) if scheme in schemes else None,
            nationality,
        )


SUBJECT = FormSpec(
    "subject", ("kind", "identifier", "name", "scheme", "nationality"), checks=(identifier_rule,)
)
OPEN_CASE = FormSpec("case", ("domain", "summary"))
ENTRY = FormSpec(
    "entry",
    (
        "list_type",
        "domain",
        "severity",
        "decision_no",
        "decision_date",
        "legal_basis",
        "not_repairable_reason",
    ),
    flags=("repairable",),
)
EVIDENCE = FormSpec("evidence", ("description", "reference"))
NOTICE = FormSpec("notice", ("proposed", "served_on", "statement_days"))
STATEMENT = FormSpec("statement", ("text", "received_on"))
DECISION = FormSpec(
    "decision",
    (
        "outcome",
        "list_type",
        "severity",
        "decision_no",
        "decision_date",
        "legal_basis",
        "not_repairable_reason",
    ),
    flags=("repairable",),
)


def repairability(body: dict[str, Any]) -> dict[str, Any]:
    """The box ticked leaves repairability to the rules; unticked makes the entry not
    repairable (with the reason beside it)."""
    if body.get("repairable"):
        del body["repairable"]
    return body


CLOSE = FormSpec("close")


@router.post("/subjects")
def register_subject(
    request: Request, system: System, officer: OfficerPage, form: Form
) -> Response:
    def act() -> str:
        body = NewSubject.model_validate(SUBJECT.body(form))
        passport = body.scheme == "passport"
        found = system.subjects.register(
            SubjectKind(body.kind),
            body.identifier,
            body.name,
            Scheme(body.scheme) if body.scheme else None,
            body.nationality if passport else None,
        )
        return f"/workbench/subjects/{found.id}"

    return submitted(
        request,
        SUBJECT,
        form,
        act,
        lambda state: subject_form(request, system, officer, state),
        "subject_registered",
    )


@router.post("/subjects/{subject_id}/cases")
def open_case(
    request: Request, subject_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def act() -> str:
        body = NewCase.model_validate(OPEN_CASE.body(form, subject_id=subject_id))
        opened = system.cases.open(officer, body.command())
        return f"/workbench/cases/{opened.id}"

    return submitted(
        request,
        OPEN_CASE,
        form,
        act,
        lambda state: subject_page(request, system, officer, subject_id, state),
        "case_opened",
    )


@router.post("/subjects/{subject_id}/entries")
def record_entry(
    request: Request, subject_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def act() -> str:
        body = NewEntryBody.model_validate(repairability(ENTRY.body(form, subject_id=subject_id)))
        recorded = system.entries.record(officer, body.command(officer))
        return f"/workbench/entries/{recorded.id}"

    return submitted(
        request,
        ENTRY,
        form,
        act,
        lambda state: subject_page(request, system, officer, subject_id, state),
        "entry_recorded",
    )


def case_step(
    request: Request,
    system: Chengxin,
    officer: Principal,
    case_id: UUID,
    form: FormInput,
    spec: FormSpec,
    flash: str,
    step: Callable[[], str | None],
) -> Response:
    """One step of a case's procedure: do it, then back to the case (or where it says)."""
    target = f"/workbench/cases/{case_id}"
    context = (system, officer, case_id)
    return on_record(request, case_page, context, form, spec, flash, step, target)


@router.post("/cases/{case_id}/evidence")
def add_evidence(
    request: Request, case_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = NewEvidence.model_validate(EVIDENCE.body(form))
        system.cases.add_evidence(officer, body.command(case_id, form.version()))

    return case_step(request, system, officer, case_id, form, EVIDENCE, "evidence_added", step)


@router.post("/cases/{case_id}/notice")
def serve_notice(
    request: Request, case_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = NewNotice.model_validate(NOTICE.body(form))
        system.cases.serve_notice(officer, body.command(case_id, form.version()))

    return case_step(request, system, officer, case_id, form, NOTICE, "notice_served", step)


@router.post("/cases/{case_id}/statements")
def receive_statement(
    request: Request, case_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = NewStatement.model_validate(STATEMENT.body(form))
        system.cases.receive_statement(officer, body.command(case_id, form.version()))

    return case_step(request, system, officer, case_id, form, STATEMENT, "statement_received", step)


@router.post("/cases/{case_id}/decision")
def decide(
    request: Request, case_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> str | None:
        body = NewDecision.model_validate(repairability(DECISION.body(form)))
        _, entry_id = system.cases.decide(officer, body.command(case_id, form.version()))
        return f"/workbench/entries/{entry_id}" if entry_id else None

    return case_step(request, system, officer, case_id, form, DECISION, "decided", step)


@router.post("/cases/{case_id}/closure")
def close_case(
    request: Request, case_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        system.cases.close(officer, case_id, form.version())

    return case_step(request, system, officer, case_id, form, CLOSE, "case_closed", step)

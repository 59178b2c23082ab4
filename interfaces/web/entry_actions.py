"""The officer's forms on a list entry and on a repair application: measures, objections,
revocation, acceptance and the repair decision, each as the API takes it."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.accounts import Principal
from domain.errors import ValidationFailed
from domain.reference import Severity
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.schemas.entries import NewMeasure, NewRevocation, NewVerification
from interfaces.api.schemas.objections import NewObjection, Resolution
from interfaces.api.schemas.repairs import EvidenceConfirmation, RepairAcceptance, RepairDecision
from interfaces.web.forms import FormSpec, on_record
from interfaces.web.rendering import PageRoute
from interfaces.web.session import Form, FormInput, OfficerPage
from interfaces.web.workbench import entry_page, repair_page

router = APIRouter(prefix="/workbench", route_class=PageRoute, include_in_schema=False)

MEASURE = FormSpec("measure", ("measure_code", "note"), aliases={"measure": "measure_code"})
ON_BEHALF = FormSpec("on_behalf", ("grounds", "channel", "received_on"))
RESOLVE = FormSpec("resolve", ("outcome", "reason", "fix_severity"), flags=("revoke",))
REVOKE = FormSpec("revoke", ("reason",))
VERIFY = FormSpec("verify", ("note",))
ACCEPT = FormSpec("accept", ("accepted", "reason"))
CHECK = FormSpec("evidence", ("confirmed", "note"))
DECIDE = FormSpec("decide", ("approved", "reason"), flags=("false_materials",))
CORRECTABLE = ("decision_no", "severity", "legal_basis")
SEVERITIES = tuple(s.value for s in Severity)


def on_entry(
    request: Request,
    system: Chengxin,
    officer: Principal,
    entry_id: UUID,
    form: FormInput,
    spec: FormSpec,
    flash: str,
    step: Callable[[], None],
) -> Response:
    target = f"/workbench/entries/{entry_id}"
    context = (system, officer, entry_id)
    return on_record(request, entry_page, context, form, spec, flash, step, target)


@router.post("/entries/{entry_id}/measures")
def apply_measure(
    request: Request, entry_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = NewMeasure.model_validate(MEASURE.body(form))
        system.entries.apply_measure(officer, body.command(entry_id, form.version()))

    return on_entry(request, system, officer, entry_id, form, MEASURE, "measure_applied", step)


@router.post("/entries/{entry_id}/rectification/verification")
def verify_rectification(
    request: Request, entry_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    """The deciding department confirms the rectification: the entry now counts as governed."""

    def step() -> None:
        body = NewVerification.model_validate(VERIFY.body(form))
        system.entries.verify_rectification(officer, entry_id, body.note, form.version())

    return on_entry(
        request, system, officer, entry_id, form, VERIFY, "rectification_verified", step
    )


@router.post("/entries/{entry_id}/objections")
def file_objection_on_behalf(
    request: Request, entry_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    """An objection that came by window, letter or Credit China, recorded for the subject."""

    def step() -> None:
        body = NewObjection.model_validate(ON_BEHALF.body(form))
        system.objections.file(officer, body.command(entry_id, form.version()))

    return on_entry(request, system, officer, entry_id, form, ON_BEHALF, "objection_filed", step)


def correction_of(form: FormInput) -> dict[str, str] | None:
    """The fields an upheld objection corrects: only those the officer filled in."""
    fixed = {name: form.text(f"fix_{name}") for name in CORRECTABLE if form.text(f"fix_{name}")}
    if fixed.get("severity", SEVERITIES[0]) not in SEVERITIES:
        raise ValidationFailed("choose a severity from the list", field="fix_severity")
    return fixed or None


@router.post("/entries/{entry_id}/objections/{objection_id}/resolution")
def resolve_objection(
    request: Request,
    entry_id: UUID,
    objection_id: UUID,
    system: System,
    officer: OfficerPage,
    form: Form,
) -> Response:
    def step() -> None:
        body = Resolution.model_validate({**RESOLVE.body(form), "correction": correction_of(form)})
        system.objections.resolve(officer, body.command(entry_id, objection_id, form.version()))

    return on_entry(request, system, officer, entry_id, form, RESOLVE, "objection_resolved", step)


@router.post("/entries/{entry_id}/revocation")
def revoke(
    request: Request, entry_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = NewRevocation.model_validate(REVOKE.body(form))
        system.entries.revoke(officer, body.command(entry_id, form.version()))

    return on_entry(request, system, officer, entry_id, form, REVOKE, "entry_revoked", step)


def on_repair(
    request: Request,
    system: Chengxin,
    officer: Principal,
    repair_id: UUID,
    form: FormInput,
    spec: FormSpec,
    flash: str,
    step: Callable[[], None],
) -> Response:
    target = f"/workbench/repairs/{repair_id}"
    context = (system, officer, repair_id)
    return on_record(request, repair_page, context, form, spec, flash, step, target)


@router.post("/repairs/{repair_id}/acceptance")
def accept(
    request: Request, repair_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = RepairAcceptance.model_validate(ACCEPT.body(form))
        system.repairs.accept(officer, body.command(repair_id, form.version()))

    return on_repair(request, system, officer, repair_id, form, ACCEPT, "repair_accepted", step)


@router.post("/repairs/{repair_id}/decision")
def decide(
    request: Request, repair_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def step() -> None:
        body = RepairDecision.model_validate(DECIDE.body(form))
        system.repairs.decide(officer, body.command(repair_id, form.version()))

    return on_repair(request, system, officer, repair_id, form, DECIDE, "repair_decided", step)


@router.post("/repairs/{repair_id}/evidence/{sha256}/confirmation")
def check_evidence(
    request: Request,
    repair_id: UUID,
    sha256: str,
    system: System,
    officer: OfficerPage,
    form: Form,
) -> Response:
    """Confirm or reject one uploaded file (the button pressed says which)."""

    def step() -> None:
        body = EvidenceConfirmation.model_validate(CHECK.body(form))
        system.repairs.check_evidence(officer, body.command(repair_id, sha256, form.version()))

    return on_repair(request, system, officer, repair_id, form, CHECK, "evidence_checked", step)

"""The subject's portal: my records with their publication windows and the date repair becomes
possible; objections, rectification and repair applications, and how far each has come."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.accounts import Principal
from application.permissions import require_may_read
from domain.errors import Forbidden
from domain.repair import check_commitment, check_evidence
from infrastructure.bootstrap import Chengxin
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import System
from interfaces.api.schemas.common import json_of
from interfaces.api.schemas.entries import EntryOut, NewRectification
from interfaces.api.schemas.objections import NewObjection
from interfaces.api.schemas.repairs import NewRepair, RepairOut
from interfaces.api.schemas.subjects import SubjectBrief
from interfaces.web.forms import NO_FORM, FormSpec, FormState, on_record
from interfaces.web.rendering import PageRoute, render
from interfaces.web.session import Form, FormInput, SubjectPage

router = APIRouter(prefix="/portal", route_class=PageRoute, include_in_schema=False)

OBJECTION = FormSpec("objection", ("grounds",))
RECTIFICATION = FormSpec("rectification", ("description", "performed_on", "evidence"))
SEPARATORS = re.compile(r"[,，、;；\n]")


def commitment_rule(values: Mapping[str, Any]) -> None:
    check_commitment(values.get("commitment_signed") == "on")


def evidence_rule(values: Mapping[str, Any]) -> None:
    typed = values.get("obligations_evidence") or []
    items = [typed] if isinstance(typed, str) else list(typed)
    check_evidence([str(item) for item in items], len(values.get("evidence_files") or []))


REPAIR = FormSpec(
    "repair",
    ("note",),
    flags=("commitment_signed",),
    lists=("obligations_evidence", "evidence_files"),
    checks=(evidence_rule, commitment_rule),
)
WITHDRAW = FormSpec("withdraw")


def own_subject(principal: Principal) -> UUID:
    if principal.subject_id is None:
        raise Forbidden("this account belongs to no credit subject")
    return principal.subject_id


def repairs_of(system: Chengxin, entry_id: UUID) -> list[dict[str, Any]]:
    rows = system.worklists.list_repairs(None, str(entry_id), None, None, None, 50)
    return [json_of(RepairOut.of(system.repairs.get(UUID(row["repair_id"])))) for row in rows]


@router.get("")
def index(request: Request, system: System, principal: SubjectPage) -> Response:
    subject_id = own_subject(principal)
    today = system.clock.today()
    rows = system.worklists.list_entries(EntryFilter(subject_id=str(subject_id)), None, 500)
    entries = [
        json_of(EntryOut.of(system.entries.get(UUID(row["entry_id"])), today)) for row in rows
    ]
    entries.sort(key=lambda e: e["decision_date"], reverse=True)
    repairs = [r for e in entries for r in repairs_of(system, UUID(e["id"]))]
    context = {
        "subject": json_of(SubjectBrief.of(system.subjects.get(subject_id))),
        "entries": entries,
        "repairs": repairs,
        "entry_names": {e["id"]: e for e in entries},
    }
    return render(request, "portal/index.html", context)


@router.get("/entries/{entry_id}")
def entry(request: Request, entry_id: UUID, system: System, principal: SubjectPage) -> Response:
    return entry_page(request, system, principal, entry_id)


def entry_page(
    request: Request,
    system: Chengxin,
    principal: Principal,
    entry_id: UUID,
    state: FormState = NO_FORM,
) -> Response:
    found = system.entries.get(entry_id)
    require_may_read(principal, found.subject_id, "entry", entry_id)
    context = {
        "forms": state,
        "entry": json_of(EntryOut.of(found, system.clock.today())),
        "repairs": repairs_of(system, entry_id),
    }
    return render(request, "portal/entry.html", context, 422 if state.errors else 200)


def on_entry(
    request: Request,
    system: Chengxin,
    principal: Principal,
    entry_id: UUID,
    form: FormInput,
    spec: FormSpec,
    flash: str,
    step: Callable[[], None],
) -> Response:
    target = f"/portal/entries/{entry_id}"
    context = (system, principal, entry_id)
    return on_record(request, entry_page, context, form, spec, flash, step, target)


@router.post("/entries/{entry_id}/objections")
def file_objection(
    request: Request, entry_id: UUID, system: System, principal: SubjectPage, form: Form
) -> Response:
    def step() -> None:
        body = NewObjection.model_validate(OBJECTION.body(form))
        system.objections.file(principal, body.command(entry_id, form.version()))

    return on_entry(request, system, principal, entry_id, form, OBJECTION, "objection_filed", step)


@router.post("/entries/{entry_id}/rectification")
def record_rectification(
    request: Request, entry_id: UUID, system: System, principal: SubjectPage, form: Form
) -> Response:
    def step() -> None:
        evidence = [item.strip() for item in SEPARATORS.split(form.text("evidence"))]
        body = NewRectification.model_validate(
            RECTIFICATION.body(form, evidence=[item for item in evidence if item])
        )
        system.entries.record_rectification(principal, body.command(entry_id, None))

    return on_entry(
        request, system, principal, entry_id, form, RECTIFICATION, "rectification_recorded", step
    )


@router.post("/entries/{entry_id}/repairs")
def file_repair(
    request: Request, entry_id: UUID, system: System, principal: SubjectPage, form: Form
) -> Response:
    def step() -> None:
        body = NewRepair.model_validate(REPAIR.body(form, entry_id=entry_id))
        system.repairs.file(principal, body.command())

    return on_entry(request, system, principal, entry_id, form, REPAIR, "repair_filed", step)


@router.post("/entries/{entry_id}/repairs/{repair_id}/withdrawal")
def withdraw_repair(
    request: Request,
    entry_id: UUID,
    repair_id: UUID,
    system: System,
    principal: SubjectPage,
    form: Form,
) -> Response:
    def step() -> None:
        system.repairs.withdraw(principal, repair_id, form.version())

    return on_entry(request, system, principal, entry_id, form, WITHDRAW, "repair_withdrawn", step)

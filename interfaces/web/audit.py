"""The auditor's timeline: pick a subject, read every event about it in order, choose a moment
to see its records and the public site as they stood then, and verify the store's integrity.
Every read goes through the audit service, so each is itself recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.audit import HistoryItem, valid_identifier
from application.timeline import CITY, Basis
from domain.errors import DomainError
from domain.subject import subject_id_for
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.schemas.cases import CaseOut
from interfaces.api.schemas.common import json_of
from interfaces.api.schemas.entries import EntryOut
from interfaces.api.schemas.repairs import RepairOut
from interfaces.web.audit_view import timeline_of
from interfaces.web.forms import NO_FORM, FormState
from interfaces.web.rendering import PageRoute, redirect, render, translator
from interfaces.web.session import AuditorPage

router = APIRouter(prefix="/audit", route_class=PageRoute, include_in_schema=False)
Short = Annotated[str, Query(max_length=40)]
HISTORY_PAGE = 500


@router.get("")
def index(request: Request, system: System, _: AuditorPage, identifier: Short = "") -> Response:
    state = NO_FORM
    if identifier.strip():
        try:
            subject_id = subject_id_for(valid_identifier(identifier))
            if system.app.exists(subject_id):
                return redirect(f"/audit/subjects/{subject_id}")
            message = translator(request)("audit.unknown")
        except DomainError as error:
            message = translator(request).error(error)
        state = FormState("pick", {"identifier": identifier}, {"identifier": message}, True)
    status = 422 if state.errors else 200
    return render(request, "audit/index.html", {"forms": state}, status)


def whole_history(system: Chengxin, subject_id: UUID) -> list[HistoryItem]:
    items: list[HistoryItem] = []
    while batch := system.audit.history(
        subject_id, items[-1].position if items else 0, HISTORY_PAGE
    ):
        items.extend(batch)
        if len(batch) < HISTORY_PAGE:
            break
    return items


def asked_moment(day: str, at: str) -> str | None:
    """The picker's date and time, as the audit service reads a moment (city time)."""
    if not day.strip():
        return None
    return f"{day.strip()}T{at.strip()}:00+08:00" if at.strip() else day.strip()


@router.get("/subjects/{subject_id}")
def subject(
    request: Request,
    subject_id: UUID,
    system: System,
    _: AuditorPage,
    day: Short = "",
    at: Short = "",
    basis: Short = "decided",
) -> Response:
    chosen = Basis(basis) if basis in {b.value for b in Basis} else Basis.DECIDED
    values = {"day": day, "at": at, "basis": chosen.value}
    state = FormState("moment", values, posted=True)
    try:
        moment = system.audit.moment(asked_moment(day, at))
    except DomainError as error:
        state = FormState("moment", state.values, {"day": translator(request).error(error)}, True)
        moment = system.audit.moment(None)
    items = whole_history(system, subject_id)
    context = {
        "forms": state,
        "moment": moment,
        "basis": chosen.value,
        "warnings": moment_warnings(day, at, system.audit.moment(None)),
        **as_of(system, subject_id, moment, chosen),
    }
    context["events"] = timeline_of(translator(request), items, moment)
    return render(request, "audit/subject.html", context, 422 if state.errors else 200)


def moment_warnings(day: str, at: str, now: datetime) -> list[str]:
    """What the auditor should know about the moment asked: a time without a date is not
    used (the view is of now), and a moment in the future (a later day, or a later time of
    today) shows only what is known now."""
    if at.strip() and not day.strip():
        return ["audit.warn.no_day"]
    try:
        asked = datetime.fromisoformat(asked_moment(day, at) or "")
    except ValueError:
        return []
    local_now = now.astimezone(CITY)
    if asked.tzinfo is None:  # a date alone: the whole day, in the future once it is a later one
        return ["audit.warn.future"] if asked.date() > local_now.date() else []
    return ["audit.warn.future"] if asked > local_now else []


def as_of(system: Chengxin, subject_id: UUID, moment: datetime, basis: Basis) -> dict[str, Any]:
    then = system.audit.state_as_of(subject_id, moment, basis)
    now_subject = system.subjects.get(subject_id)
    return {
        "subject": now_subject,
        "moment_text": moment.astimezone(CITY).strftime("%Y-%m-%d %H:%M"),
        "then_subject": then.subject,
        "cases": [json_of(CaseOut.of(case)) for case in then.cases],
        "entries": [json_of(EntryOut.of(entry, then.day)) for entry in then.entries],
        "repairs": [json_of(RepairOut.of(repair)) for repair in then.repairs],
        "disclosed": system.audit.disclosure_as_of(
            now_subject.identifier, moment, basis, now_subject.nationality
        ),
    }


@router.get("/integrity")
def integrity(request: Request, system: System, _: AuditorPage) -> Response:
    report = system.audit.check_integrity()
    return render(request, "audit/integrity.html", {"report": report})

"""The officer's forms for licences and credit commitments: record one on a subject's page,
and find a commitment broken, which opens a case and goes to it."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from interfaces.api.deps import System
from interfaces.api.schemas.registers import NewBreachBody, NewCommitmentBody, NewLicenceBody
from interfaces.web.forms import FormSpec, submitted
from interfaces.web.rendering import PageRoute
from interfaces.web.session import Form, OfficerPage
from interfaces.web.workbench import subject_page

router = APIRouter(prefix="/workbench", route_class=PageRoute, include_in_schema=False)

LICENCE = FormSpec(
    "licence", ("licence_no", "kind", "content", "decision_date", "valid_from", "valid_to")
)
COMMITMENT = FormSpec("commitment", ("matter", "text", "signed_on", "domain"))
BREACH = FormSpec("breach", ("description", "found_on"))


@router.post("/subjects/{subject_id}/licences")
def record_licence(
    request: Request, subject_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def act() -> str:
        body = NewLicenceBody.model_validate(LICENCE.body(form, subject_id=subject_id))
        system.licences.record(officer, body.command(officer))
        return f"/workbench/subjects/{subject_id}#licences"

    return submitted(
        request,
        LICENCE,
        form,
        act,
        lambda state: subject_page(request, system, officer, subject_id, state),
        "licence_recorded",
    )


@router.post("/subjects/{subject_id}/commitments")
def record_commitment(
    request: Request, subject_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    def act() -> str:
        body = NewCommitmentBody.model_validate(COMMITMENT.body(form, subject_id=subject_id))
        system.commitments.record(officer, body.command(officer))
        return f"/workbench/subjects/{subject_id}#commitments"

    return submitted(
        request,
        COMMITMENT,
        form,
        act,
        lambda state: subject_page(request, system, officer, subject_id, state),
        "commitment_recorded",
    )


@router.post("/commitments/{commitment_id}/breach")
def break_commitment(
    request: Request, commitment_id: UUID, system: System, officer: OfficerPage, form: Form
) -> Response:
    subject_id = system.commitments.get(commitment_id).subject_id

    def act() -> str:
        body = NewBreachBody.model_validate(BREACH.body(form))
        _, case = system.commitments.breach(officer, body.command(commitment_id, None))
        return f"/workbench/cases/{case.id}"

    return submitted(
        request,
        BREACH,
        form,
        act,
        lambda state: subject_page(request, system, officer, subject_id, state),
        "commitment_broken",
    )

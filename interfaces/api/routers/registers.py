"""Administrative licences and credit commitments (双公示): record, read, breach, fulfilment."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application.accounts import Principal
from application.permissions import require_may_read
from domain.accounts import Role
from domain.errors import Forbidden
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, Staff, System
from interfaces.api.responses import resource
from interfaces.api.schemas.common import Page
from interfaces.api.schemas.registers import (
    CommitmentOut,
    LicenceOut,
    NewBreachBody,
    NewCommitmentBody,
    NewLicenceBody,
)

router = APIRouter(prefix="/api/v1", tags=["licences and commitments"])


def subject_listed(user: Principal, subject_id: UUID) -> UUID:
    """A subject account lists only its own records; the office reads none."""
    if user.role is Role.OFFICE:
        raise Forbidden("the office reads statistics and progress sheets, not single records")
    if user.role is Role.SUBJECT and subject_id != user.subject_id:
        raise Forbidden("a subject account lists only its own records")
    return subject_id


@router.post("/licences", status_code=201, response_model=LicenceOut)
def record_licence(body: NewLicenceBody, system: System, staff: Staff) -> JSONResponse:
    licence = system.licences.record(staff, body.command(staff))
    return resource(LicenceOut.of(licence), 201, f"/api/v1/licences/{licence.id}")


@router.get("/licences/{licence_id}", response_model=LicenceOut)
def get_licence(licence_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    licence = system.licences.get(licence_id)
    require_may_read(user, licence.subject_id, "licence", licence_id)
    return resource(LicenceOut.of(licence))


@router.get("/licences", response_model=Page[LicenceOut])
def list_licences(subject_id: UUID, system: System, user: CurrentUser) -> Page[LicenceOut]:
    """The licences a subject holds, oldest decision first."""
    found = system.licences.of_subject(subject_listed(user, subject_id))
    return Page[LicenceOut](items=[LicenceOut.of(licence) for licence in found])


@router.post("/commitments", status_code=201, response_model=CommitmentOut)
def record_commitment(body: NewCommitmentBody, system: System, staff: Staff) -> JSONResponse:
    commitment = system.commitments.record(staff, body.command(staff))
    return resource(CommitmentOut.of(commitment), 201, f"/api/v1/commitments/{commitment.id}")


@router.get("/commitments/{commitment_id}", response_model=CommitmentOut)
def get_commitment(commitment_id: UUID, system: System, user: CurrentUser) -> JSONResponse:
    commitment = system.commitments.get(commitment_id)
    require_may_read(user, commitment.subject_id, "commitment", commitment_id)
    return resource(CommitmentOut.of(commitment))


@router.get("/commitments", response_model=Page[CommitmentOut])
def list_commitments(subject_id: UUID, system: System, user: CurrentUser) -> Page[CommitmentOut]:
    """The commitments a subject signed, oldest first."""
    found = system.commitments.of_subject(subject_listed(user, subject_id))
    return Page[CommitmentOut](items=[CommitmentOut.of(c) for c in found])


@router.post("/commitments/{commitment_id}/breach", response_model=CommitmentOut)
def break_commitment(
    commitment_id: UUID,
    body: NewBreachBody,
    system: System,
    officer: Officer,
    expected: ExpectedVersion,
) -> JSONResponse:
    """An officer of the department that took the commitment records its breach: a case of
    that department, in the commitment's domain and citing it, opens with it (`case_id`)."""
    commitment, _ = system.commitments.breach(officer, body.command(commitment_id, expected))
    return resource(CommitmentOut.of(commitment))


@router.post("/commitments/{commitment_id}/fulfilment", response_model=CommitmentOut)
def fulfil_commitment(
    commitment_id: UUID, system: System, staff: Staff, expected: ExpectedVersion
) -> JSONResponse:
    commitment = system.commitments.fulfil(staff, commitment_id, expected)
    return resource(CommitmentOut.of(commitment))

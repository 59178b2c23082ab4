"""What the public site shows of a licence and of a credit commitment: published, masked by the
entries' rule where the subject is a natural person. A licence is shown while it is valid; a
commitment is shown with its state (in force, fulfilled, broken)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.commitment import Commitment
from domain.disclosure import mask_identifier, mask_name
from domain.licence import Licence
from domain.subject import SubjectKind


@dataclass(frozen=True)
class DisclosedLicence:
    licence_id: UUID
    licence_no: str
    kind: str
    content: str
    subject_kind: str
    subject_name: str
    identifier: str
    department: str
    decision_date: date
    valid_from: date
    valid_to: date | None
    published_at: date


@dataclass(frozen=True)
class DisclosedCommitment:
    commitment_id: UUID
    matter: str
    text: str
    status: str
    subject_kind: str
    subject_name: str
    identifier: str
    department: str
    domain: str
    signed_on: date
    published_at: date


def _masked(kind: SubjectKind, name: str, identifier: str) -> tuple[str, str]:
    if kind is SubjectKind.NATURAL_PERSON:
        return mask_name(name), mask_identifier(identifier)
    return name, identifier


def disclosed_licence(licence: Licence) -> DisclosedLicence | None:
    if licence.published_on is None:
        return None
    name, identifier = _masked(licence.subject_kind, licence.subject_name, licence.identifier)
    return DisclosedLicence(
        licence_id=licence.id,
        licence_no=licence.licence_no,
        kind=licence.licence_kind,
        content=licence.content,
        subject_kind=licence.subject_kind.value,
        subject_name=name,
        identifier=identifier,
        department=licence.department,
        decision_date=licence.decision_date,
        valid_from=licence.valid_from,
        valid_to=licence.valid_to,
        published_at=licence.published_on,
    )


def disclosed_commitment(commitment: Commitment) -> DisclosedCommitment | None:
    if commitment.published_on is None:
        return None
    kind = commitment.subject_kind
    name, identifier = _masked(kind, commitment.subject_name, commitment.identifier)
    return DisclosedCommitment(
        commitment_id=commitment.id,
        matter=commitment.matter,
        text=commitment.commitment_text,
        status=commitment.status.value,
        subject_kind=kind.value,
        subject_name=name,
        identifier=identifier,
        department=commitment.department,
        domain=commitment.domain,
        signed_on=commitment.signed_on,
        published_at=commitment.published_on,
    )

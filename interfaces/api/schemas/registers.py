"""Licences and credit commitments: the request bodies (each builds its application command)
and the records as shown to staff and to their subject."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from application.accounts import Principal
from application.commitments import BreakCommitment, RecordCommitment
from application.licences import RecordLicence
from domain.accounts import Role
from domain.commitment import Commitment
from domain.errors import ValidationFailed
from domain.licence import Licence
from interfaces.api.schemas.common import Body, Code, Day, ShortText, Text


def department_of(principal: Principal, named: str | None) -> str:
    """An officer records for their own department; an admin names the department."""
    department = principal.department if principal.role is Role.OFFICER else named
    if department is None:
        raise ValidationFailed("name the department", field="department")
    return department


class NewLicenceBody(Body):
    subject_id: UUID
    licence_no: ShortText
    kind: ShortText = Field(description="the licence's type (许可类别), e.g. 普通 or 特许")
    content: Text
    decision_date: Day
    valid_from: Day
    valid_to: Day | None = None
    department: Code | None = Field(None, description="an admin names the issuing department")

    def command(self, principal: Principal) -> RecordLicence:
        return RecordLicence(
            subject_id=self.subject_id,
            licence_no=self.licence_no,
            kind=self.kind,
            content=self.content,
            decision_date=self.decision_date,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            department=department_of(principal, self.department),
        )


class NewCommitmentBody(Body):
    subject_id: UUID
    matter: ShortText
    text: Text
    signed_on: Day
    domain: Code | None = Field(
        None, description="the matter's governance domain; by default the department's first"
    )
    department: Code | None = Field(None, description="an admin names the department")

    def command(self, principal: Principal) -> RecordCommitment:
        return RecordCommitment(
            subject_id=self.subject_id,
            matter=self.matter,
            text=self.text,
            signed_on=self.signed_on,
            department=department_of(principal, self.department),
            domain=self.domain,
        )


class NewBreachBody(Body):
    description: Text
    found_on: Day

    def command(self, commitment_id: UUID, expected: int | None) -> BreakCommitment:
        return BreakCommitment(commitment_id, self.description, self.found_on, expected)


class LicenceOut(BaseModel):
    id: UUID
    version: int
    subject_id: UUID
    subject_kind: str
    subject_name: str
    identifier: str
    licence_no: str
    kind: str
    content: str
    decision_date: date
    valid_from: date
    valid_to: date | None
    department: str
    regime: str
    publish_deadline: date
    published_at: date | None
    published_late: bool

    @classmethod
    def of(cls, licence: Licence) -> LicenceOut:
        return cls(
            id=licence.id,
            version=licence.version,
            subject_id=licence.subject_id,
            subject_kind=licence.subject_kind.value,
            subject_name=licence.subject_name,
            identifier=licence.identifier,
            licence_no=licence.licence_no,
            kind=licence.licence_kind,
            content=licence.content,
            decision_date=licence.decision_date,
            valid_from=licence.valid_from,
            valid_to=licence.valid_to,
            department=licence.department,
            regime=licence.regime,
            publish_deadline=licence.publish_deadline,
            published_at=licence.published_on,
            published_late=licence.late,
        )


class CommitmentOut(BaseModel):
    id: UUID
    version: int
    status: Literal["in_force", "fulfilled", "broken"]
    subject_id: UUID
    subject_kind: str
    subject_name: str
    identifier: str
    matter: str
    text: str
    signed_on: date
    department: str
    domain: str
    regime: str
    publish_deadline: date
    published_at: date | None
    published_late: bool
    breach: str | None
    ended_on: date | None
    case_id: UUID | None

    @classmethod
    def of(cls, commitment: Commitment) -> CommitmentOut:
        return cls(
            id=commitment.id,
            version=commitment.version,
            status=commitment.status.value,
            subject_id=commitment.subject_id,
            subject_kind=commitment.subject_kind.value,
            subject_name=commitment.subject_name,
            identifier=commitment.identifier,
            matter=commitment.matter,
            text=commitment.commitment_text,
            signed_on=commitment.signed_on,
            department=commitment.department,
            domain=commitment.domain,
            regime=commitment.regime,
            publish_deadline=commitment.publish_deadline,
            published_at=commitment.published_on,
            published_late=commitment.late,
            breach=commitment.breach,
            ended_on=commitment.ended_on,
            case_id=commitment.case_id,
        )

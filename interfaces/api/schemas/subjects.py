"""Bodies of credit subjects, and how a subject is shown."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import BaseModel, Field

from domain.subject import Subject
from interfaces.api.schemas.common import Body, ShortText

Scheme = Literal["resident_id", "residence_permit", "permanent_residence", "passport", "uscc"]


class NewSubject(Body):
    kind: Literal["natural_person", "legal_person", "unincorporated_org"]
    identifier: Annotated[str, Field(min_length=1, max_length=40)]
    name: ShortText
    scheme: Scheme | None = Field(
        None, description="told by the identifier's shape when absent; `passport` needs it"
    )
    nationality: Annotated[str, Field(min_length=3, max_length=3)] | None = Field(
        None, description="ISO 3166 alpha-3, for `scheme: passport`"
    )


class SubjectName(Body):
    name: ShortText


class SubjectBrief(BaseModel):
    """A subject on its own, as the credit check and the audit show it."""

    id: UUID
    kind: str
    identifier: str
    name: str
    birth_date: date | None
    version: int
    scheme: Scheme
    nationality: str | None = None

    @classmethod
    def of(cls, subject: Subject) -> Self:
        return cls(
            id=subject.id,
            kind=subject.kind.value,
            identifier=subject.identifier,
            name=subject.name,
            birth_date=subject.birth_date,
            version=subject.version,
            scheme=subject.scheme.value,
            nationality=subject.nationality,
        )


class EntrySummary(BaseModel):
    id: UUID
    list_type: str
    status: str


class SubjectOut(SubjectBrief):
    """The subject resource: with its entries where the route reads them."""

    entries: list[EntrySummary] = []

"""Request and response bodies of the HTTP API (pydantic lives only in interfaces/)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
Code = Annotated[str, Field(min_length=1, max_length=64)]


def refuse_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold a NUL character: refuse it in any string of a body."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain a NUL character")
    if isinstance(value, list):
        return [refuse_nul(item) for item in value]
    if isinstance(value, dict):
        return {refuse_nul(k): refuse_nul(v) for k, v in value.items()}
    return value


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        return refuse_nul(value)


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    role: str


class NewUser(Body):
    username: Annotated[str, Field(min_length=3, max_length=64)]
    password: Annotated[str, Field(min_length=8, max_length=128)]
    role: Literal["admin", "officer", "subject", "auditor", "office"]
    department: Code | None = None
    subject_id: UUID | None = None


class User(BaseModel):
    username: str
    role: str
    department: str | None
    subject_id: UUID | None


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class NewSubject(Body):
    kind: Literal["natural_person", "legal_person", "unincorporated_org"]
    identifier: Annotated[str, Field(min_length=1, max_length=40)]
    name: ShortText


class SubjectName(Body):
    name: ShortText


class EntrySummary(BaseModel):
    id: UUID
    list_type: str
    status: str


class SubjectOut(BaseModel):
    id: UUID
    kind: str
    identifier: str
    name: str
    birth_date: date | None
    version: int
    entries: list[EntrySummary] = []

"""Bodies of sign-in and accounts."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from interfaces.api.schemas.common import Body, Code


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    role: str


class NewUser(Body):
    username: Annotated[str, Field(min_length=3, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=128)]
    role: Literal["admin", "officer", "subject", "auditor", "office"]
    department: Code | None = None
    subject_id: UUID | None = None


class User(BaseModel):
    username: str
    role: str
    department: str | None
    subject_id: UUID | None

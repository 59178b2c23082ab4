"""The quarterly progress sheets: a unit's rows, its submissions, the office's filing status."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from domain.progress import MAX_TEXT
from interfaces.api.schemas.common import Body


class RowBody(Body):
    problems: Annotated[str, Field(max_length=MAX_TEXT)]
    measures_and_results: Annotated[str, Field(max_length=MAX_TEXT)]


class ReturnBody(Body):
    comment: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]


class SheetRowOut(BaseModel):
    number: int
    domain: str
    project: str
    goal: str
    problems: str  # 问题清单, as the unit wrote it
    measures_and_results: str  # 具体举措和实际成效, as the unit wrote it
    suggested_problems: str  # the computed figures, offered as a starting text
    suggested_measures_and_results: str


class SubmissionOut(BaseModel):
    sha256: str
    size: int
    submitted_on: str


class SheetOut(BaseModel):
    unit: str
    unit_name: str
    year: int
    quarter: int
    title: str
    status: str
    due: str
    comment: str | None
    returned_on: str | None
    rows: list[SheetRowOut]
    submissions: list[SubmissionOut]
    version: int


class SubmittedOut(BaseModel):
    submitted_at: str
    submitted_on: str
    sha256: str
    size: int
    version: int


class FilingOut(BaseModel):
    unit: str
    submitted_at: str | None
    late: bool
    status: str
    sha256: str | None
    comment: str | None


class FilingStatusOut(BaseModel):
    year: int
    quarter: int
    due: str
    items: list[FilingOut]

"""What every schema module of the API shares: text limits, the request body base, pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from application.timeline import EARLIEST_DAY, LATEST_DAY

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


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


ListTypeName = Literal["penalty", "blacklist", "focus", "red"]
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]  # a day in a request: real range
SeverityName = Literal["minor", "general", "serious"]
Evidence = Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=50)]


def json_of(model: BaseModel) -> dict[str, Any]:
    """A response model as the JSON object it is sent as (dates and ids as strings)."""
    return model.model_dump(mode="json")

"""The public site's API (no account): search, one record, open-data export, change feed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from application.timeline import MAX_POSITION
from interfaces.api.deps import System

router = APIRouter(prefix="/api/v1/public", tags=["public"])

Limit = Annotated[int, Query(ge=1, le=500)]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


class PublicEntry(BaseModel):
    entry_id: UUID
    list_type: str
    domain: str
    severity: str
    subject_kind: str
    subject_name: str
    identifier: str
    department: str
    decision_no: str
    decision_date: date
    published_at: date
    publication_ends: date
    under_objection: bool


class PublicPage(BaseModel):
    items: list[PublicEntry]
    next_cursor: str | None


class PublicChange(BaseModel):
    seq: int
    entry_id: UUID
    change: Literal["published", "updated", "withdrawn"]
    at: datetime
    record: PublicEntry | None = None


class ChangePage(BaseModel):
    items: list[PublicChange]
    next_cursor: str | None


@router.get("/entries", response_model=PublicPage)
def search_entries(
    system: System,
    q: Annotated[str | None, Query(max_length=100, description="a fragment of the name")] = None,
    identifier: Annotated[str | None, Query(max_length=40, description="the full one")] = None,
    domain: Annotated[str | None, Query(max_length=64)] = None,
    list_type: Literal["penalty", "blacklist", "focus", "red"] | None = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> PublicPage:
    found = system.public.search(q, identifier, domain, list_type, cursor, limit)
    return PublicPage.model_validate({"items": found.items, "next_cursor": found.next_cursor})


@router.get("/entries/{entry_id}", response_model=PublicEntry)
def get_public_entry(entry_id: UUID, system: System) -> PublicEntry:
    return PublicEntry.model_validate(system.public.entry(entry_id))


@router.get("/export")
def export_entries(
    system: System,
    fmt: Annotated[Literal["csv", "jsonl"], Query(alias="format")] = "csv",
) -> StreamingResponse:
    chunks = system.public.export(fmt)

    def encoded() -> Iterator[bytes]:
        for chunk in chunks:
            yield chunk.encode("utf-8")

    return StreamingResponse(
        encoded(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="chengxin-public.{fmt}"'},
    )


@router.get("/changes", response_model=ChangePage)
def list_changes(
    system: System,
    after: Annotated[int, Query(ge=0, le=MAX_POSITION, description="the last seq seen")] = 0,
    limit: Limit = 50,
) -> ChangePage:
    found = system.public.changes(after, limit)
    return ChangePage.model_validate({"items": found.items, "next_cursor": found.next_cursor})

"""The public site's API (no account): search, one record, open-data export, change feed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from application.public import Change
from application.timeline import MAX_POSITION
from domain.disclosure import DisclosedEntry
from interfaces.api.deps import System
from interfaces.api.rate_limit import limit_identifier_lookups
from interfaces.api.schemas.common import Page

router = APIRouter(prefix="/api/v1/public", tags=["public"])

Limit = Annotated[int, Query(ge=1, le=500)]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}
FILE = {"schema": {"type": "string", "format": "binary"}}
EXPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "every public entry, streamed: CSV with a header row, or one JSON a line",
        "content": {"text/csv": FILE, "application/jsonl": FILE},
    }
}


@router.get("/entries", response_model=Page[DisclosedEntry])
def search_entries(
    request: Request,
    system: System,
    q: Annotated[str | None, Query(max_length=100, description="a fragment of the name")] = None,
    identifier: Annotated[
        str | None,
        Query(
            max_length=40,
            description="the full one: finds legal persons and organisations; "
            "a natural person only together with their full `name`",
        ),
    ] = None,
    name: Annotated[
        str | None, Query(max_length=200, description="a natural person's full name")
    ] = None,
    domain: Annotated[str | None, Query(max_length=64)] = None,
    list_type: Literal["penalty", "blacklist", "focus", "red"] | None = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[DisclosedEntry]:
    """Entries public now; natural persons' names and identifiers masked. Anonymous look-ups by
    identifier are limited per client address (429 with Retry-After)."""
    limit_identifier_lookups(request, identifier)
    found = system.public.search(q, identifier, domain, list_type, cursor, limit, name)
    return Page[DisclosedEntry](items=found.items, next_cursor=found.next_cursor)


@router.get("/entries/{entry_id}", response_model=DisclosedEntry)
def get_public_entry(entry_id: UUID, system: System) -> DisclosedEntry:
    return system.public.entry(entry_id)


@router.get("/export", response_class=StreamingResponse, responses=EXPORT)
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


@router.get("/changes", response_model=Page[Change])
def list_changes(
    system: System,
    after: Annotated[int, Query(ge=0, le=MAX_POSITION, description="the last seq seen")] = 0,
    limit: Limit = 50,
) -> Page[Change]:
    """In `seq` order; `next_cursor` is the last seq given (pass it as `after`)."""
    found = system.public.changes(after, limit)
    return Page[Change](items=found.items, next_cursor=found.next_cursor)

"""The public site's API (no account): search, one record, open-data export, change feed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from application.public import Change
from application.public_registers import Kind
from application.timeline import MAX_POSITION
from domain.disclosure import DisclosedEntry
from domain.register_disclosure import DisclosedCommitment, DisclosedLicence
from interfaces.api.deps import System
from interfaces.api.rate_limit import limit_identifier_lookups
from interfaces.api.schemas.common import Page

router = APIRouter(prefix="/api/v1/public", tags=["public"])

Limit = Annotated[int, Query(ge=1, le=500)]
Fragment = Annotated[str | None, Query(max_length=100, description="a fragment of the name")]
Identifier = Annotated[
    str | None,
    Query(
        max_length=40,
        description="the full one: finds legal persons and organisations; "
        "a natural person only together with their full `name`",
    ),
]
FullName = Annotated[str | None, Query(max_length=200, description="a natural person's full name")]
Cursor = Annotated[str | None, Query(max_length=100)]
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
    q: Fragment = None,
    identifier: Identifier = None,
    name: FullName = None,
    domain: Annotated[str | None, Query(max_length=64)] = None,
    list_type: Literal["penalty", "blacklist", "focus", "red"] | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DisclosedEntry]:
    """Entries public now; natural persons' names and identifiers masked. Anonymous look-ups by
    identifier are limited per client address (429 with Retry-After)."""
    limit_identifier_lookups(request, identifier)
    found = system.public.search(q, identifier, domain, list_type, cursor, limit, name)
    return Page[DisclosedEntry](items=found.items, next_cursor=found.next_cursor)


@router.get("/entries/{entry_id}", response_model=DisclosedEntry)
def get_public_entry(entry_id: UUID, system: System) -> DisclosedEntry:
    return system.public.entry(entry_id)


@router.get("/licences", response_model=Page[DisclosedLicence])
def search_licences(
    request: Request,
    system: System,
    q: Fragment = None,
    identifier: Identifier = None,
    name: FullName = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DisclosedLicence]:
    """Administrative licences (行政许可) valid now, looked up and masked as the entries are."""
    limit_identifier_lookups(request, identifier)
    found = system.public_registers.search("licence", q, identifier, name, cursor, limit)
    return Page[DisclosedLicence](items=found.items, next_cursor=found.next_cursor)


@router.get("/commitments", response_model=Page[DisclosedCommitment])
def search_commitments(
    request: Request,
    system: System,
    q: Fragment = None,
    identifier: Identifier = None,
    name: FullName = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DisclosedCommitment]:
    """Credit commitments (信用承诺) with their state, looked up and masked as the entries are."""
    limit_identifier_lookups(request, identifier)
    found = system.public_registers.search("commitment", q, identifier, name, cursor, limit)
    return Page[DisclosedCommitment](items=found.items, next_cursor=found.next_cursor)


FILE_NAMES = {
    "entries": "chengxin-public",
    "licences": "chengxin-licences",
    "commitments": "chengxin-commitments",
}
EXPORT_KINDS: dict[str, Kind | None] = {
    "entries": None,
    "licences": "licence",
    "commitments": "commitment",
}


@router.get("/export", response_class=StreamingResponse, responses=EXPORT)
def export_entries(
    system: System,
    fmt: Annotated[Literal["csv", "jsonl"], Query(alias="format")] = "csv",
    kind: Annotated[
        Literal["entries", "licences", "commitments"],
        Query(description="which register: each has its own file and columns"),
    ] = "entries",
) -> StreamingResponse:
    register = EXPORT_KINDS[kind]
    if register is None:
        chunks = system.public.export(fmt)
    else:
        chunks = system.public_registers.export(register, fmt)

    def encoded() -> Iterator[bytes]:
        for chunk in chunks:
            yield chunk.encode("utf-8")

    return StreamingResponse(
        encoded(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAMES[kind]}.{fmt}"'},
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

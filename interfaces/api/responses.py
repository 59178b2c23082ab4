"""Aggregate resources go out with their version as ETag; lists go out a page at a time."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from interfaces.api.schemas.common import json_of


def resource(body: BaseModel, status: int = 200, location: str | None = None) -> JSONResponse:
    """The route declares `body`'s class as its response model; this adds the headers."""
    content = json_of(body)
    headers = {"ETag": f'"{content["version"]}"'}
    if location is not None:
        headers["Location"] = location
    return JSONResponse(content, status_code=status, headers=headers)


def page(items: list[Any], limit: int, key: str) -> dict[str, Any]:
    """`items` were fetched with limit + 1: the extra one says there is a next page."""
    shown = items[:limit]
    next_cursor = str(shown[-1][key]) if len(items) > limit and shown else None
    return {"items": shown, "next_cursor": next_cursor}

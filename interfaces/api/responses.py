"""Aggregate resources go out with their version as ETag."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse


def resource(body: dict[str, Any], status: int = 200, location: str | None = None) -> JSONResponse:
    headers = {"ETag": f'"{body["version"]}"'}
    if location is not None:
        headers["Location"] = location
    return JSONResponse(body, status_code=status, headers=headers)


def page(items: list[Any], limit: int, key: str) -> dict[str, Any]:
    """`items` were fetched with limit + 1: the extra one says there is a next page."""
    shown = items[:limit]
    next_cursor = str(shown[-1][key]) if len(items) > limit and shown else None
    return {"items": shown, "next_cursor": next_cursor}

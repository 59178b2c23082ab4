"""Input no database can store is refused at the door: a NUL character anywhere in the path
or the query string (PostgreSQL text cannot hold one) gets 422, never a 500."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from interfaces.api.errors import problem


class RefuseNul:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and has_nul(scope):
            response = problem(422, "validation_error", "the request contains a NUL character")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def has_nul(scope: Scope) -> bool:
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope.get("path", "") or b"\x00" in unquote_to_bytes(query)

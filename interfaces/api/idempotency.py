"""Idempotency-Key on POST: a repeat with the same key and body returns the first response."""

from __future__ import annotations

import hashlib

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from interfaces.api.errors import problem

MAX_KEY_LENGTH = 200
REPLAYED_HEADERS = ("etag", "location", "content-type")
# Answers that hold credentials are never kept: a sign-in runs afresh each time.
NEVER_STORED = frozenset({"/api/v1/auth/token", "/signin", "/signout"})


class IdempotencyMiddleware:
    """A request without an Idempotency-Key goes straight on: the streams and task that
    BaseHTTPMiddleware puts around a request are paid only by the requests that need them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.keyed = _KeyedRequests(app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _has_key(scope):
            await self.keyed(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def _has_key(scope: Scope) -> bool:
    """A POST that names an Idempotency-Key (header names arrive in lower case)."""
    if scope["type"] != "http" or scope["method"] != "POST":
        return False
    return any(name == b"idempotency-key" for name, _ in scope["headers"])


class _KeyedRequests(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        key = request.headers.get("idempotency-key")
        if request.method != "POST" or key is None or request.url.path in NEVER_STORED:
            return await call_next(request)
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            return problem(422, "validation_error", "Idempotency-Key has 1 to 200 characters")
        store = request.app.state.system.idempotency
        owner = self._owner(request)
        body = await request.body()
        fingerprint = hashlib.sha256(
            request.method.encode() + request.url.path.encode() + b"\0" + body
        ).hexdigest()
        stored = store.reserve(owner, key, fingerprint)
        if stored is not None:
            if stored.fingerprint != fingerprint:
                return problem(
                    422,
                    "idempotency_key_reused",
                    "this Idempotency-Key was used for another request",
                )
            if stored.status is None:
                return problem(409, "idempotency_in_progress", "the first request is still running")
            return Response(stored.body, stored.status, headers=stored.headers)
        try:
            response = await call_next(request)
        except Exception:
            store.release(owner, key)
            raise
        return await self._keep(store, owner, key, response)

    @staticmethod
    def _owner(request: Request) -> str:
        authorization = request.headers.get("authorization", "")
        token = authorization.removeprefix("Bearer ").strip()
        username = request.app.state.system.tokens.username_of(token) if token else None
        return f"user:{username}" if username else "anonymous"

    async def _keep(self, store: object, owner: str, key: str, response: Response) -> Response:
        chunks = [chunk async for chunk in response.body_iterator]  # type: ignore[attr-defined]
        body = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
        headers = {k: v for k, v in response.headers.items() if k.lower() in REPLAYED_HEADERS}
        if response.status_code >= 500:
            store.release(owner, key)  # type: ignore[attr-defined]
        else:
            store.complete(owner, key, response.status_code, body.decode(), headers)  # type: ignore[attr-defined]
        return Response(body, response.status_code, headers=dict(response.headers))

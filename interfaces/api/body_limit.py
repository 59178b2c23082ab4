"""Bounded work per request: a body over the limit is refused with 413 `payload_too_large`
before it is read and before authentication (pure ASGI, outermost).

A declared Content-Length over the limit is refused at once, without reading a byte. A body
without one (chunked) is counted as it streams in; the first chunk past the limit ends the
request with 413, so no more than the limit (plus one chunk) is ever held. Uploads (multipart
forms) may be larger than the rest (JSON and small forms).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.api.errors import problem

MULTIPART = b"multipart/form-data"


def describe(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit} bytes"


class BodyLimit:
    def __init__(self, app: ASGIApp, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    def limit_for(self, scope: Scope) -> int:
        headers = dict(scope.get("headers", ()))
        content_type = headers.get(b"content-type", b"").lower()
        return self.upload_limit if content_type.startswith(MULTIPART) else self.json_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await problem(400, "bad_request", "Content-Length is not a number")(
                    scope, receive, send
                )
                return
            if int(declared) > limit:
                await self._refuse(scope, receive, send, limit)
                return
        await self._counted(scope, receive, send, limit)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """The body counted as the app reads it. Past the limit, the 413 is sent at once and
        the app is told the client left; whatever it does about that is not sent."""
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    refused = True
                    await self._refuse(scope, receive, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been answered
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except Exception:
            if not refused:
                raise  # the app's own failure; a refused body's aftermath is not one

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem(
            413,
            "payload_too_large",
            f"the request body is larger than {describe(limit)}",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)

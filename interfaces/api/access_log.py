"""One log line per request without personal data (issue 21, F7).

Uvicorn's access log prints the query string, and the public search, the credit check, the
subject look-up and the audit disclosure carry full identifiers there. This middleware takes its
place (`chengxin serve` turns uvicorn's off): request id, method, the route's template
(`/api/v1/public/entries/{entry_id}`, never the path as asked), status and duration; never the
query string or the body. `CHENGXIN_LOG_FORMAT=json` writes every log record as a JSON line,
with the request id of the request it belongs to.
"""

from __future__ import annotations

import json
import logging
import re
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("chengxin.access")
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
REQUEST_ID = "X-Request-ID"
GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")  # a proxy's id is kept only if it is plain
UNMATCHED = "<unmatched>"
ACCESS_FIELDS = ("method", "route", "status", "duration_ms")


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return UNMATCHED
    return path + "/{path}" if type(route).__name__ == "Mount" else path


def _given_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name.decode("latin-1").lower() == REQUEST_ID.lower():
            text = value.decode("latin-1")
            return text if GIVEN_ID.match(text) else None
    return None


class AccessLog:
    """Pure ASGI, so it sees every response, streamed ones included, and adds nothing else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _given_id(scope) or uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [
                    *message.get("headers", []),
                    (REQUEST_ID.lower().encode(), rid.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration = round((time.perf_counter() - started) * 1000, 1)
            fields = {
                "method": scope["method"],
                "route": route_template(scope),
                "status": status,
                "duration_ms": duration,
            }
            log.info("%(method)s %(route)s %(status)s %(duration_ms)s ms", fields, extra=fields)
            request_id.reset(token)


class TextLines(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        rid = request_id.get()
        return f"{line} [request {rid}]" if rid else line


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (rid := request_id.get()) is not None:
            line["request_id"] = rid
        line.update(
            {name: getattr(record, name) for name in ACCESS_FIELDS if hasattr(record, name)}
        )
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(log_format: str) -> None:
    """Root logging for a server or a command: JSON lines or plain text, at INFO."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if log_format == "json" else TextLines())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)

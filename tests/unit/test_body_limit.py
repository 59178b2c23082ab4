"""The body limit reads no further than the limit: chunks after it are never pulled."""

from __future__ import annotations

import asyncio
from typing import Any

from interfaces.api.body_limit import BodyLimit

CHUNK = 64 * 1024


def run(headers: list[tuple[bytes, bytes]], chunks: int, limit: int) -> tuple[int, int, bool]:
    """(status sent, chunks pulled from the client, whether the app answered)."""
    pulled = 0
    sent: list[dict[str, Any]] = []
    answered = False

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": pulled < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, receive: Any, send: Any) -> None:  # reads it all, like FastAPI
        nonlocal answered
        while (message := await receive())["type"] == "http.request":
            if not message.get("more_body"):
                break
        if message["type"] == "http.disconnect":
            raise RuntimeError("the client went away")
        answered = True
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    asyncio.run(BodyLimit(app, limit, limit * 64)(scope, receive, send))
    return sent[0]["status"], pulled, answered


def test_a_chunked_body_stops_being_read_past_the_limit() -> None:
    status, pulled, answered = run([(b"content-type", b"application/json")], 1000, 2**20)
    assert status == 413
    assert pulled == 2**20 // CHUNK + 1
    assert not answered


def test_a_declared_length_over_the_limit_reads_nothing() -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", b"999999999")]
    status, pulled, _ = run(headers, 1000, 2**20)
    assert (status, pulled) == (413, 0)


def test_a_body_under_the_limit_reaches_the_app() -> None:
    status, pulled, answered = run([(b"content-type", b"application/json")], 4, 2**20)
    assert (status, pulled, answered) == (200, 4, True)


def test_multipart_uploads_have_the_larger_limit() -> None:
    headers = [(b"content-type", b"multipart/form-data; boundary=x")]
    status, _, answered = run(headers, 32, 2**20)  # 2 MiB: over the JSON limit, under 64 MiB
    assert (status, answered) == (200, True)

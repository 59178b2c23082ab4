"""Security headers on every answer, page or API, and pages that need no inline script."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.support import ADMIN

TEMPLATES = Path(__file__).resolve().parents[2] / "interfaces" / "web" / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:|\sstyle\s*=", re.I)


def assert_protected(answer: object) -> None:
    headers = answer.headers  # type: ignore[attr-defined]
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_every_kind_of_answer_carries_the_headers(client: TestClient) -> None:
    answers = [
        client.get("/"),
        client.get("/signin"),
        client.get("/static/chengxin.js"),
        client.get("/api/v1/domains"),
        client.get("/api/v1/users/me"),  # 401
        client.get("/api/v1/cases/not-a-uuid"),  # 422
        client.get("/api/v1/nothing-here"),  # 404
        client.post("/api/v1/auth/token", data={"username": ADMIN[0], "password": ADMIN[1]}),
        client.get("/healthz"),
        client.get("/workbench", follow_redirects=False),  # 303 to the sign-in page
    ]
    for answer in answers:
        assert_protected(answer)


def test_the_api_explorer_may_load_its_script_but_not_be_framed(client: TestClient) -> None:
    policy = client.get("/docs").headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy


def test_no_template_holds_inline_script_handlers_or_styles() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)!r}"
        for path in TEMPLATES.rglob("*.html")
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []

"""Logs without personal data (issue 21, F7): one line per request with its route template, and
no log record of a run that looks people up by full identifier holds one."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from interfaces.api.access_log import JsonLines, TextLines, configure_logging, request_id
from tests.integration.public_world import record, register
from tests.support import ADMIN, create_user, officer, sign_in

WANG = "320811199001011237"
WANG_NAME = "王小明"
COMPANY = "91320800MA1MBH4Q1B"
CLIENT_LOGGERS = ("httpx", "httpcore")  # the test's own HTTP client, not the server


def server_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if not r.name.startswith(CLIENT_LOGGERS)]


def test_no_log_record_holds_an_identifier_or_a_name(
    client: TestClient, system: Chengxin, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    entry = record(system, wang)
    li = officer(client)
    auditor = create_user(client, sign_in(client, *ADMIN), username="shen.ji", role="auditor")
    asked = [
        client.get("/api/v1/public/entries", params={"identifier": WANG, "name": WANG_NAME}),
        client.get("/", params={"q": WANG, "name": WANG_NAME}),
        client.get("/api/v1/credit-check", params={"identifier": WANG}, headers=li),
        client.get("/api/v1/subjects", params={"identifier": WANG}, headers=li),
        client.get("/api/v1/audit/disclosure", params={"identifier": WANG}, headers=auditor),
        client.get("/api/v1/audit/disclosure", params={"identifier": WANG[:16]}, headers=auditor),
        client.get(f"/api/v1/public/entries/{system.public.public_id(entry.id)}"),
    ]
    assert [a.status_code for a in asked] == [200, 200, 200, 200, 200, 422, 200]
    records = server_records(caplog)
    for logged in records:
        text = logged.getMessage() + json.dumps(vars(logged), default=str, ensure_ascii=False)
        for secret in (WANG, WANG[:16], WANG_NAME):
            assert secret not in text, logged.name
    access = [r for r in records if r.name == "chengxin.access"]
    routes = [(r.method, r.route, r.status) for r in access]  # type: ignore[attr-defined]
    assert ("GET", "/api/v1/public/entries", 200) in routes
    assert ("GET", "/", 200) in routes
    assert ("GET", "/api/v1/credit-check", 200) in routes
    assert ("GET", "/api/v1/audit/disclosure", 422) in routes
    assert ("GET", "/api/v1/public/entries/{entry_id}", 200) in routes
    assert all(r.duration_ms >= 0 for r in access)  # type: ignore[attr-defined]


def test_each_answer_names_its_request_id(client: TestClient) -> None:
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    given = client.get("/healthz", headers={"X-Request-ID": "edge-42"})
    assert given.headers["X-Request-ID"] == "edge-42"
    odd = client.get("/healthz", headers={"X-Request-ID": "110105 19491231002X <script>"})
    assert odd.headers["X-Request-ID"] != "110105 19491231002X <script>"


def test_json_lines_carry_the_request_id_and_the_access_fields() -> None:
    line = logging.LogRecord("chengxin.access", logging.INFO, __file__, 1, "GET / 200", None, None)
    line.__dict__.update(method="GET", route="/", status=200, duration_ms=1.5)
    token = request_id.set("abc123")
    try:
        parsed = json.loads(JsonLines().format(line))
        text = TextLines().format(line)
    finally:
        request_id.reset(token)
    assert parsed["request_id"] == "abc123"
    assert (parsed["route"], parsed["status"], parsed["duration_ms"]) == ("/", 200, 1.5)
    assert text.endswith("[request abc123]")


def test_the_log_format_setting_picks_the_formatter() -> None:
    root = logging.getLogger()
    kept = root.handlers[:], root.level
    try:
        configure_logging("json")
        assert isinstance(root.handlers[0].formatter, JsonLines)
        configure_logging("text")
        assert isinstance(root.handlers[0].formatter, TextLines)
    finally:
        root.handlers[:], _ = kept
        root.setLevel(kept[1])

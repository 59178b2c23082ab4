"""Issue 22 item 2: bounded work per request. Bodies over the limit get 413 before they are read
and before authentication; spreadsheets past the import limits get 422 `file_too_complex`,
without unpacking them, and quoting at most 200 characters of a cell. On both backends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infrastructure.bootstrap import Chengxin
from interfaces.api.app import create_app
from tests.bombs import HEADER, ROW, declared_columns, huge_shared_string, workbook_bytes
from tests.support import officer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client: TestClient, headers: dict[str, str], content: bytes) -> tuple[int, dict]:
    answer = client.post(
        "/api/v1/imports", files={"file": ("rows.xlsx", content, XLSX)}, headers=headers
    )
    return answer.status_code, answer.json()


def test_an_anonymous_oversized_json_body_is_413_before_401(client: TestClient) -> None:
    body = b'{"name": "' + b"x" * (2**20 + 10) + b'"}'
    answer = client.post(
        "/api/v1/subjects", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "payload_too_large"
    small = client.post("/api/v1/subjects", json={"name": "x"})
    assert small.status_code == 401  # the same request under the limit reaches authentication


def test_a_chunked_body_is_counted_as_it_streams(client: TestClient) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            sent.append(1)
            yield b" " * 65536

    answer = client.post(
        "/api/v1/subjects", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert (answer.status_code, answer.json()["code"]) == (413, "payload_too_large")


def test_uploads_have_their_own_configurable_limit(system: Chengxin) -> None:
    system.settings.max_upload_bytes = 20_000
    with TestClient(create_app(system), raise_server_exceptions=False) as small:
        li = officer(small)
        status, body = upload(small, li, b"PK" + b"\0" * 30_000)
        assert (status, body["code"]) == (413, "payload_too_large")
        status, body = upload(small, li, workbook_bytes([HEADER]))
        assert status != 413


def peak_rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


def test_a_huge_shared_string_is_refused_unread_with_bounded_memory(client: TestClient) -> None:
    li = officer(client)
    bomb = huge_shared_string(mib=300)
    assert len(bomb) < 2 * 2**20  # a small file...
    field = "VmHWM" if peak_rss_reset() else "VmRSS"
    before = rss_kib(field)
    started = time.process_time()
    status, body = upload(client, li, bomb)
    assert (status, body["code"]) == (422, "file_too_complex")
    assert time.process_time() - started < 5
    assert rss_kib(field) - before < 64 * 1024  # ...that would unpack to 300 MiB
    assert len(body["detail"]) < 300


def test_a_sheet_declaring_16384_columns_is_refused_at_once(client: TestClient) -> None:
    li = officer(client)
    started = time.process_time()
    status, body = upload(client, li, declared_columns("XFD1"))
    assert (status, body["code"]) == (422, "file_too_complex")
    assert "16384 columns" in body["detail"]
    assert time.process_time() - started < 2


def test_a_cell_past_the_limit_is_refused_quoting_200_characters(client: TestClient) -> None:
    li = officer(client)
    long_name = "长" * 10_000
    status, body = upload(client, li, workbook_bytes([HEADER, [*ROW[:2], long_name, *ROW[3:]]]))
    assert (status, body["code"]) == (422, "file_too_complex")
    assert "长" * 200 in body["detail"]
    assert "长" * 201 not in body["detail"]


@pytest.mark.parametrize("rows", [2])
def test_an_ordinary_workbook_still_imports(client: TestClient, rows: int) -> None:
    li = officer(client)
    status, body = upload(client, li, workbook_bytes([HEADER, ROW]))
    assert status == 200, body
    assert body["accepted"] == 1

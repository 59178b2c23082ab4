"""Issue 22 item 7: `GET /metrics` in Prometheus' text format, read after a few commands; only
for allowed addresses or a bearer of the metrics token. On both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from starlette.requests import Request

from infrastructure.bootstrap import Chengxin
from interfaces.api.app import create_app
from interfaces.api.metrics import allowed
from tests.support import COMPANY_USCC, officer, register_subject

TOKEN = "metrics-token-for-the-tests"


@pytest.fixture
def metered(system: Chengxin) -> Iterator[TestClient]:
    system.settings.metrics_token = TOKEN
    with TestClient(create_app(system), raise_server_exceptions=False) as client:
        yield client


def samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            found[sample.name, frozenset(sample.labels.items())] = sample.value
    return found


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def test_the_series_after_a_few_commands(metered: TestClient, system: Chengxin) -> None:
    li = officer(metered)
    subject = register_subject(metered, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    again = metered.post(
        "/api/v1/subjects",
        json={"kind": "legal_person", "identifier": COMPANY_USCC, "name": "淮安某某科技有限公司"},
        headers=li,
    )
    assert again.status_code == 409
    for _ in range(2):
        assert metered.get(f"/api/v1/subjects/{subject}", headers=li).status_code == 200
    assert metered.get("/api/v1/subjects", headers={}).status_code == 401
    found = samples(metered)
    route = "/api/v1/subjects/{subject_id}"
    assert (
        value(found, "chengxin_http_requests_total", method="GET", route=route, status="200") == 2
    )
    assert (
        value(found, "chengxin_http_request_duration_seconds_count", method="GET", route=route) == 2
    )
    assert value(found, "chengxin_commands_total", route="/api/v1/subjects", status="201") == 1
    assert value(found, "chengxin_commands_total", route="/api/v1/subjects", status="409") == 1
    assert value(found, "chengxin_refusals_total", code=again.json()["code"]) == 1
    assert value(found, "chengxin_refusals_total", code="not_authenticated") == 1
    assert value(found, "chengxin_events_written_total") >= 2  # the officer and the subject
    head = system.store.max_position()
    assert value(found, "chengxin_seal_chain_head_position") >= head - 1  # reads record events
    assert value(found, "chengxin_event_log_position") >= head - 1
    assert value(found, "chengxin_projection_lag_events", projection="public") == 0
    assert value(found, "chengxin_db_pool_connections", state="size") >= 1
    read_pool = value(found, "chengxin_db_read_pool_connections", database="primary", state="size")
    assert read_pool == (5 if system.store.is_postgres else 0)  # SQLite reads through the store
    assert not any(
        name == "chengxin_http_requests_total"
        and ("route", f"/api/v1/subjects/{subject}") in labels
        for name, labels in found
    )


def test_metrics_are_refused_without_the_token_from_elsewhere(metered: TestClient) -> None:
    answer = metered.get("/metrics")  # the test client's address is not an allowed one
    assert (answer.status_code, answer.json()["code"]) == (403, "forbidden")
    wrong = metered.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 403


def request_from(host: str, authorization: str = "") -> Request:
    headers = [(b"authorization", authorization.encode())] if authorization else []
    return Request({"type": "http", "client": (host, 1234), "headers": headers})


def test_the_allowed_address_range() -> None:
    default = "127.0.0.1/32,::1/128"
    assert allowed(request_from("127.0.0.1"), default, None)
    assert allowed(request_from("::1"), default, None)
    assert not allowed(request_from("10.0.0.5"), default, None)
    assert allowed(request_from("10.0.0.5"), "10.0.0.0/8", None)
    assert allowed(request_from("10.0.0.5"), default, "t0ken") is False
    assert allowed(request_from("10.0.0.5", "Bearer t0ken"), default, "t0ken")

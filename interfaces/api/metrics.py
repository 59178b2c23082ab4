"""`GET /metrics` in Prometheus' text format, from a registry of the app's own (never the
global one, so several apps in one process do not clash).

Requests are counted and timed by route template (never the raw path, which would make a series
per id) and status; commands (writing methods under /api) by route, refusals (problem responses)
by their stable code. At scrape time: events written by this process, the log's and the seal
chain's head positions, each projection's lag behind the log and the connection pool's use.
Only addresses in CHENGXIN_METRICS_ALLOW may read it, or a bearer of CHENGXIN_METRICS_TOKEN.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import time
from collections.abc import Iterable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure.metrics_queries import PoolUse, SqlMetricsQueries
from interfaces.api.errors import PROBLEM, ApiError

WRITING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UNMATCHED = "unmatched"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "chengxin_http_requests", "HTTP requests answered", ("method", "route", "status"),
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "chengxin_http_request_duration_seconds", "Time to answer a request",
            ("method", "route"), registry=self.registry,
        )  # fmt: skip
        self.commands = Counter(
            "chengxin_commands", "Commands (writing requests under /api) by route and status",
            ("route", "status"), registry=self.registry,
        )  # fmt: skip
        self.refusals = Counter(
            "chengxin_refusals", "Problem responses by stable code", ("code",),
            registry=self.registry,
        )  # fmt: skip

    def observe(self, scope: Scope, status: int, seconds: float, code: str | None) -> None:
        method = str(scope.get("method", ""))
        route = route_template(scope)
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
        if method in WRITING and str(scope.get("path", "")).startswith("/api/"):
            self.commands.labels(route, str(status)).inc()
        if code is not None:
            self.refusals.labels(code).inc()

    def watch(self, app: Any) -> None:
        """Adds the figures read at scrape time from the app's system."""
        self.registry.register(StoreCollector(app))

    def exposition(self) -> bytes:
        return bytes(generate_latest(self.registry))


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else UNMATCHED


class StoreCollector(Collector):
    def __init__(self, app: Any) -> None:
        self.app = app

    def describe(self) -> Iterable[Metric]:
        return []  # read at scrape time only: the system may not be built yet

    def collect(self) -> Iterator[Metric]:
        system = getattr(self.app.state, "system", None)
        if system is None:
            return
        queries = SqlMetricsQueries(system.store, system.replica)
        at = queries.positions()
        written = CounterMetricFamily("chengxin_events_written", "Events written by this process")
        written.add_metric([], system.store.events_written)
        yield written
        yield GaugeMetricFamily(
            "chengxin_event_log_position", "The last event's position", at.events
        )
        yield GaugeMetricFamily(
            "chengxin_seal_chain_head_position", "The last sealed position", at.seal_head
        )
        lag = GaugeMetricFamily(
            "chengxin_projection_lag_events", "Events a projection is behind", labels=["projection"]
        )
        for name, position in sorted(at.projections.items()):
            lag.add_metric([name], max(at.events - position, 0))
        yield lag
        pool = queries.pool()
        use = GaugeMetricFamily("chengxin_db_pool_connections", "Connections", labels=["state"])
        _add_use(use, [], pool)
        yield use
        reads = GaugeMetricFamily(
            "chengxin_db_read_pool_connections",
            "Connections of the public reads' own pools",
            labels=["database", "state"],
        )
        for database, read_pool in queries.read_pools().items():
            _add_use(reads, [database], read_pool)
        yield reads


def _add_use(family: GaugeMetricFamily, labels: list[str], use: PoolUse) -> None:
    for state in ("size", "checked_out", "overflow"):
        family.add_metric([*labels, state], getattr(use, state))


class MetricsMiddleware:
    """Counts and times every HTTP request (pure ASGI: it never holds a response body, except a
    problem response's, read for its code)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        problem_body: list[bytes] | None = None

        async def watching_send(message: Message) -> None:
            nonlocal status, problem_body
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = dict(message.get("headers", ()))
                if headers.get(b"content-type", b"").startswith(PROBLEM.encode()):
                    problem_body = []
            elif message["type"] == "http.response.body" and problem_body is not None:
                problem_body.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            code = problem_code(problem_body)
            self.metrics.observe(scope, status, time.perf_counter() - started, code)


def problem_code(chunks: list[bytes] | None) -> str | None:
    if chunks is None:
        return None
    try:
        code = json.loads(b"".join(chunks)).get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None


def allowed(request: Request, networks: str, token: str | None) -> bool:
    """From an allowed address, or with the metrics token."""
    offered = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    host = request.client.host if request.client is not None else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(n.strip(), strict=False)
        for n in networks.split(",")
        if n.strip()
    )


def metrics_response(request: Request) -> Response:
    settings = request.app.state.system.settings
    if not allowed(request, settings.metrics_allow, settings.metrics_token):
        raise ApiError(403, "forbidden", "the metrics are for the operators' addresses only")
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

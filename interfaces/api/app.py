"""The FastAPI application: the API, the web pages and the health check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from demo.loading import load_demo_if_empty
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from infrastructure.startup import startup_lock
from interfaces import web
from interfaces.api import errors
from interfaces.api.access_log import AccessLog
from interfaces.api.body_limit import BodyLimit
from interfaces.api.checkpointing import checkpointing
from interfaces.api.deps import System
from interfaces.api.guards import RefuseNul
from interfaces.api.idempotency import IdempotencyMiddleware
from interfaces.api.metrics import Metrics, MetricsMiddleware, metrics_response
from interfaces.api.rate_limit import SlidingWindow
from interfaces.api.routers import (
    audit,
    auth,
    calendar,
    cases,
    checks,
    entries,
    governance,
    imports,
    objections,
    operations,
    progress,
    public,
    reference,
    repairs,
    subjects,
)
from interfaces.api.security_headers import SecurityHeaders

ROUTERS = (
    auth.router,
    reference.router,
    subjects.router,
    cases.router,
    entries.router,
    objections.router,
    repairs.router,
    checks.router,
    audit.router,
    public.router,
    operations.router,
    governance.router,
    progress.router,
    imports.router,
    calendar.router,
)


def create_app(system: Chengxin | None = None, settings: Settings | None = None) -> FastAPI:
    """An app over a given system (tests) or one built at start-up from settings."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = system is None
        if system is None:  # the demo too is loaded under the start-up lock
            app.state.system = build(settings, then=load_demo_if_empty)
        else:
            with startup_lock(system.settings.database_url):
                load_demo_if_empty(system)
        try:
            with operations.sweeping(app.state.system), checkpointing(app.state.system):
                yield
        finally:
            if owned:
                app.state.system.close()

    app = FastAPI(
        title="Chengxin 诚信",
        version="1.0",
        summary="Cases, lists, objections and credit repair, as events",
        lifespan=lifespan,
    )
    if system is not None:
        app.state.system = system
    app.state.identifier_lookups = SlidingWindow()
    errors.install(app)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RefuseNul)
    limits = system.settings if system is not None else settings or Settings()
    app.add_middleware(
        BodyLimit, json_limit=limits.max_json_bytes, upload_limit=limits.max_upload_bytes
    )
    app.state.metrics = Metrics()
    app.state.metrics.watch(app)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_api_route(
        "/metrics", metrics_response, methods=["GET"], tags=["operations"], include_in_schema=False
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)  # outermost: it times and logs every answer
    for router in ROUTERS:
        app.include_router(router)
    web.install(app)

    @app.get("/healthz", tags=["operations"])
    def healthz(system: System) -> dict[str, str | float | None]:
        system.store.ping()
        if not system.replica.configured:
            return {"status": "ok"}
        return {"status": "ok", "replica_lag_s": system.replica.lag_seconds()}

    return app


def serve_app() -> FastAPI:
    """The app of one of several server processes (`chengxin serve --workers N`): each worker
    process reads the settings from the environment and logs as the parent does."""
    from interfaces.api.access_log import configure_logging

    configure_logging(Settings().log_format)
    return create_app()

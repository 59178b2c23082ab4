"""The FastAPI application: the API, the web pages and the health check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from demo.loading import load_demo_if_empty
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from interfaces import web
from interfaces.api import errors
from interfaces.api.deps import System
from interfaces.api.guards import RefuseNul
from interfaces.api.idempotency import IdempotencyMiddleware
from interfaces.api.routers import (
    audit,
    auth,
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
)


def create_app(system: Chengxin | None = None, settings: Settings | None = None) -> FastAPI:
    """An app over a given system (tests) or one built at start-up from settings."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = system is None
        app.state.system = system if system is not None else build(settings)
        load_demo_if_empty(app.state.system)
        try:
            with operations.sweeping(app.state.system):
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
    errors.install(app)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RefuseNul)
    for router in ROUTERS:
        app.include_router(router)
    web.install(app)

    @app.get("/healthz", tags=["operations"])
    def healthz(system: System) -> dict[str, str]:
        system.store.ping()
        return {"status": "ok"}

    return app

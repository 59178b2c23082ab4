"""The web pages: server-rendered, Chinese first, over the same services as the API."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from interfaces.web import (
    admin,
    audit,
    auth,
    dashboard,
    entry_actions,
    evidence,
    open_data,
    portal,
    progress,
    public,
    register_actions,
    targets,
    workbench,
    workbench_actions,
)
from interfaces.web.rendering import STATIC

PAGES = (
    auth.router,
    public.router,
    open_data.router,
    workbench.router,
    workbench_actions.router,
    register_actions.router,
    entry_actions.router,
    portal.router,
    evidence.router,
    audit.router,
    progress.router,
    targets.router,
    dashboard.router,
    admin.router,
)


def install(app: FastAPI) -> None:
    """Mount the pages and their static files on the application."""
    for router in PAGES:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

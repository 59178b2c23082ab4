"""Every error becomes an application/problem+json response with a stable code: one place."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import (
    Conflict,
    DamagedRecord,
    DomainError,
    FileTooLarge,
    Forbidden,
    NotFound,
    TooManyAttempts,
    UnsupportedMediaType,
)
from infrastructure.persistence import database_unavailable

log = logging.getLogger("chengxin.api")

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    429: "Too many requests",
    500: "Internal error",
}
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
}


class ApiError(Exception):
    """An error that belongs to the HTTP layer itself (authentication, headers)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def problem(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": f"https://chengxin.example/problems/{code}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def status_of(error: DomainError) -> int:
    if isinstance(error, DamagedRecord):
        return 500
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, TooManyAttempts):
        return 429
    if isinstance(error, FileTooLarge):
        return 413
    if isinstance(error, UnsupportedMediaType):
        return 415
    return 422


def domain_problem(error: DomainError) -> JSONResponse:
    extra = {k: v for k, v in error.context.items() if k not in {"field"}}
    errors = []
    if "field" in error.context:
        errors = [{"loc": ["body", error.context["field"]], "msg": error.message}]
    retry_after = error.context.get("retry_after")
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return problem(status_of(error), error.code, error.message, headers, errors=errors, **extra)


def _location(loc: Any) -> list[Any]:
    return [part for part in loc if part != "__root__"]


RETRY_AFTER_S = 5


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def on_domain_error(_: Request, error: DomainError) -> JSONResponse:
        return domain_problem(error)

    @app.exception_handler(ApiError)
    async def on_api_error(_: Request, error: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        headers.update(error.headers)
        return problem(error.status, error.code, error.detail, headers, **error.extra)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": _location(e.get("loc", ())), "msg": str(e.get("msg", ""))}
            for e in error.errors()
        ]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return problem(422, "validation_error", detail or "invalid request", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        status = error.status_code
        return problem(status, HTTP_CODES.get(status, "error"), str(error.detail))

    @app.exception_handler(Exception)
    async def on_crash(_: Request, error: Exception) -> JSONResponse:
        if database_unavailable(error):
            log.warning("the database does not answer: %s", type(error).__name__)
            return problem(
                503,
                "database_unavailable",
                "the database does not answer right now; try again in a few seconds",
                {"Retry-After": str(RETRY_AFTER_S)},
            )
        log.exception("unhandled error", exc_info=error)
        return problem(500, "internal_error", "something went wrong; it has been logged")

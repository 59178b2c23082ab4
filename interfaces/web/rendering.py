"""Pages out: the templates, what every page knows (language, user, menu, flash), redirects
after a POST, and the route class that turns every refusal into a page of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from starlette.responses import RedirectResponse, Response

from application.accounts import Principal
from application.timeline import CITY
from domain.errors import DomainError
from infrastructure.persistence import database_unavailable
from interfaces.api.errors import status_of
from interfaces.web.i18n import LANGS, Lang, Translator, language
from interfaces.web.menus import menu_of
from interfaces.web.session import (
    CsrfFailed,
    PageForbidden,
    SignInRequired,
    csrf_token,
    keep_csrf,
    system_of,
)
from interfaces.web.texts import FLASHES

log = logging.getLogger("chengxin.web")
HERE = Path(__file__).parent
STATIC = HERE / "static"
LANG_COOKIE = "lang"
FLASH_COOKIE = "cx_flash"
YEAR = 365 * 24 * 3600

environment = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html", "svg"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=environment)


def page_language(request: Request) -> Lang:
    return (
        language(request.query_params.get("lang"))
        or language(request.cookies.get(LANG_COOKIE))
        or "zh"
    )


def translator(request: Request) -> Translator:
    return Translator(page_language(request), system_of(request).reference)


def short_date(value: date | str | None) -> str:
    if value is None or value == "":
        return "—"
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def moment(value: datetime) -> str:
    """A recorded time as the city reads it."""
    return value.astimezone(CITY).strftime("%Y-%m-%d %H:%M:%S")


@pass_context
def pair(context: Context, code: str, group: str) -> tuple[str, str]:
    """A choice of a select: the code and its label in the page's language."""
    return code, context["t"].label(group, code)


@pass_context
def pair_department(context: Context, code: str) -> tuple[str, str]:
    """A department as a choice of a select: its code and its name in the page's language."""
    return code, context["t"].department(code)


environment.filters["day"] = short_date
environment.filters["pair_department"] = pair_department
environment.filters["pair"] = pair
environment.filters["moment"] = moment


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    lang = page_language(request)
    principal: Principal | None = getattr(request.state, "principal", None)
    flash = request.cookies.get(FLASH_COOKIE)
    page = {
        "t": translator(request),
        "lang": lang,
        "user": principal,
        "menu": menu_of(principal, request.url.path),
        "csrf_token": csrf_token(request),
        "flash": FLASHES.get(flash or ""),
        "path": request.url.path,
        "lang_urls": {code: switched(request, code) for code in LANGS},
        "today": system_of(request).clock.today(),
        "is_estimated": system_of(request).calendar.is_estimated,
        "calendar_gap": system_of(request).schedules.missing_next_year(
            system_of(request).clock.today()
        ),
    }
    response = templates.TemplateResponse(
        request, template, {**page, **context}, status_code=status
    )
    keep_csrf(response, request)
    if "lang" in request.query_params and language(request.query_params["lang"]):
        response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, samesite="lax", path="/")
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def switched(request: Request, lang: Lang) -> str:
    return with_params(request, lang=lang)


def with_params(request: Request, **params: str) -> str:
    """This page's address with some query parameters set: a relative link."""
    url = request.url.include_query_params(**params)
    return f"{url.path}?{url.query}"


def redirect(url: str, flash: str | None = None) -> Response:
    """Redirect after a POST; the next page shows the flash message once."""
    response = RedirectResponse(url, status_code=303)
    if flash is not None:
        response.set_cookie(FLASH_COOKIE, flash, max_age=60, samesite="lax", path="/")
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message}, status)


def refusal_page(request: Request, error: Exception) -> Response:
    t = translator(request)
    if isinstance(error, SignInRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/signin?next={quote(target)}", status_code=303)
    if isinstance(error, PageForbidden):
        return error_page(request, 403, t("error.role"))
    if isinstance(error, CsrfFailed):
        return error_page(request, 403, t("error.csrf"))
    if isinstance(error, DomainError):
        return error_page(request, status_of(error), t.error(error))
    if isinstance(error, RequestValidationError):
        in_path = any(e.get("loc", ("",))[0] == "path" for e in error.errors())
        return error_page(request, 404 if in_path else 422, t("error.address"))
    if database_unavailable(error):
        return error_page(request, 503, t("error.unavailable"))
    log.exception("a page failed", exc_info=error)
    return error_page(request, 500, t("error.crash"))


class PageRoute(APIRoute):
    """A page route: refusals, missing sign-ins and bad addresses become pages, never JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handle(request)
            except Exception as error:  # every failure of a page is answered by a page
                return refusal_page(request, error)

        return page

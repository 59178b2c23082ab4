"""Who is signed in to the pages, and the page forms' protection against cross-site requests.

The access token of the API lives in an HttpOnly, SameSite=Lax cookie; every form carries the
double-submit token of the `cx_csrf` cookie in a hidden field, checked before any POST runs.
Once signed in, that token is bound to the session: it is the server's HMAC of the session's
token, so a cookie planted by someone else never matches.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from application.accounts import Principal
from domain.accounts import Role
from domain.base import set_current_actor
from domain.errors import ValidationFailed
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import get_system

SESSION_COOKIE = "cx_session"
CSRF_COOKIE = "cx_csrf"
CSRF_FIELD = "csrf_token"
MAX_VERSION_DIGITS = 9


class SignInRequired(Exception):
    """An anonymous visit to a page that needs an account: off to the sign-in page."""


class PageForbidden(Exception):
    """A signed-in user whose role has no business on the page."""


class CsrfFailed(Exception):
    """A form posted without the token this browser was given."""


def system_of(request: Request) -> Chengxin:
    return get_system(request)


async def page_user(request: Request) -> Principal | None:
    """The signed-in user, or None; every event of the request records them as the actor."""
    principal = None
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        system = system_of(request)
        claims = system.tokens.read(token)
        if claims is not None:
            principal = await run_in_threadpool(
                system.accounts.principal, claims.username, claims.version
            )
    if principal is not None:
        set_current_actor(principal.actor)
    request.state.principal = principal
    return principal


MaybeVisitor = Annotated[Principal | None, Depends(page_user)]


def page_role(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    allowed = frozenset(roles)

    async def check(principal: MaybeVisitor) -> Principal:
        if principal is None:
            raise SignInRequired
        if principal.role not in allowed:
            raise PageForbidden
        return principal

    return check


OfficerPage = Annotated[Principal, Depends(page_role(Role.OFFICER))]
SubjectPage = Annotated[Principal, Depends(page_role(Role.SUBJECT))]
AuditorPage = Annotated[Principal, Depends(page_role(Role.AUDITOR, Role.ADMIN))]
AdminPage = Annotated[Principal, Depends(page_role(Role.ADMIN))]
OfficeOnly = Annotated[Principal, Depends(page_role(Role.ADMIN, Role.OFFICE))]
OfficePage = Annotated[
    Principal, Depends(page_role(Role.ADMIN, Role.AUDITOR, Role.OFFICER, Role.OFFICE))
]


def sign_in_cookie(response: Response, request: Request, token: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    request.state.new_csrf = system_of(request).tokens.bind(token)
    keep_csrf(response, request)


def sign_out_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def session_csrf(request: Request) -> str | None:
    """The CSRF token bound to this browser's session, if it has one."""
    session = request.cookies.get(SESSION_COOKIE)
    return system_of(request).tokens.bind(session) if session else None


def csrf_token(request: Request) -> str:
    """This browser's token; a new one is made (and set by the page) when it has none yet or
    when its session has changed."""
    kept = request.cookies.get(CSRF_COOKIE)
    token = getattr(request.state, "new_csrf", None) or session_csrf(request) or kept
    if token is None:
        token = secrets.token_urlsafe(32)
    if token != kept:
        request.state.new_csrf = token
    return token


def keep_csrf(response: Response, request: Request) -> None:
    token = getattr(request.state, "new_csrf", None)
    if token is not None:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )


class FormInput:
    """The fields of a posted form, as the page's forms send them."""

    def __init__(self, data: FormData) -> None:
        self.data = data

    def text(self, name: str) -> str:
        value = self.data.get(name)
        return value.strip() if isinstance(value, str) else ""

    def items(self, name: str) -> list[str]:
        values = (v.strip() for v in self.data.getlist(name) if isinstance(v, str))
        return [v for v in values if v]

    def flag(self, name: str) -> bool:
        return self.text(name) in {"on", "true", "1", "yes"}

    def version(self) -> int | None:
        """The version the page was showing (as If-Match: at most nine digits)."""
        text = self.text("version")
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= MAX_VERSION_DIGITS):
            raise ValidationFailed("the form's version is not one this page gave", field="version")
        return int(text)

    def body(
        self, *names: str, flags: tuple[str, ...] = (), lists: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """What a request body of the API would hold: blank fields left out."""
        body: dict[str, Any] = {n: self.text(n) for n in names if self.text(n)}
        body.update({n: self.flag(n) for n in flags})
        body.update({n: self.items(n) for n in lists})
        return body

    def values(self) -> dict[str, Any]:
        """What the user typed, to fill the form again after a refusal."""
        values: dict[str, Any] = {}
        for name in self.data:
            if name != CSRF_FIELD:
                found = [v for v in self.data.getlist(name) if isinstance(v, str)]
                values[name] = found if len(found) > 1 else found[0] if found else ""
        return values


async def form_input(request: Request) -> FormInput:
    data = await request.form()
    sent = data.get(CSRF_FIELD)
    kept = request.cookies.get(CSRF_COOKIE)
    expected = session_csrf(request) or kept
    if not isinstance(sent, str) or not kept or not expected:
        raise CsrfFailed
    same = secrets.compare_digest(sent.encode(), expected.encode())
    if not (same and secrets.compare_digest(kept.encode(), expected.encode())):
        raise CsrfFailed
    return FormInput(data)


Form = Annotated[FormInput, Depends(form_input)]


def require_csrf_header(request: Request) -> None:
    """A page's script posts the token the page gave it in `X-CSRF-Token` (an upload is no
    form the browser submits)."""
    sent = request.headers.get("x-csrf-token")
    kept = request.cookies.get(CSRF_COOKIE)
    expected = session_csrf(request) or kept
    if not sent or not kept or not expected:
        raise CsrfFailed
    same = secrets.compare_digest(sent.encode(), expected.encode())
    if not (same and secrets.compare_digest(kept.encode(), expected.encode())):
        raise CsrfFailed

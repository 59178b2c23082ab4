"""Signing in and out of the pages: the API's token, kept in an HttpOnly cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from domain.base import acting_as
from domain.errors import TooManyAttempts
from interfaces.api.deps import System
from interfaces.web.forms import GENERAL, NO_FORM, FormState
from interfaces.web.menus import home_of
from interfaces.web.rendering import PageRoute, redirect, render, translator
from interfaces.web.session import (
    SESSION_COOKIE,
    Form,
    MaybeVisitor,
    sign_in_cookie,
    sign_out_cookie,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Next = Annotated[str, Query(max_length=500)]


def safe_next(target: str) -> str | None:
    """Only a path of this site: never another host."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def sign_in_page(request: Request, target: str, state: FormState = NO_FORM) -> Response:
    status = 401 if state.errors else 200
    return render(request, "signin.html", {"forms": state, "next": target}, status)


@router.get("/signin")
def sign_in_form(request: Request, visitor: MaybeVisitor, next: Next = "") -> Response:
    if visitor is not None and not next:
        return redirect(home_of(visitor))
    return sign_in_page(request, next)


@router.post("/signin")
def sign_in(request: Request, system: System, form: Form) -> Response:
    username, password = form.text("username"), form.data.get("password")
    principal = None
    client = request.client.host if request.client else None
    t = translator(request)
    if username and isinstance(password, str) and password:
        try:
            principal = system.accounts.authenticate(username[:64], password[:128], client)
        except TooManyAttempts as error:
            state = FormState("signin", {"username": username}, {GENERAL: t.error(error)}, True)
            response = sign_in_page(request, form.text("next"), state)
            response.status_code = 429
            response.headers["Retry-After"] = str(error.context["retry_after"])
            return response
    if principal is None:
        errors = {GENERAL: t("signin.failed")}
        if not username:
            errors["username"] = t("form.required")
        state = FormState("signin", {"username": username}, errors, posted=True)
        return sign_in_page(request, form.text("next"), state)
    response = redirect(safe_next(form.text("next")) or home_of(principal), "signed_in")
    token = system.tokens.issue(principal.username, principal.role.value, principal.token_version)
    sign_in_cookie(response, request, token, system.tokens.expires_in)
    return response


@router.post("/signout")
def sign_out(request: Request, system: System, _: Form) -> Response:
    """退出: the session's token is revoked on the server, not only forgotten by the browser."""
    claims = system.tokens.read(request.cookies.get(SESSION_COOKIE, ""))
    principal = claims and system.accounts.principal(claims.username, claims.version)
    if principal:
        with acting_as(principal.actor):
            system.accounts.revoke_tokens(principal.username, "signed_out")
    response = redirect("/", "signed_out")
    sign_out_cookie(response)
    return response

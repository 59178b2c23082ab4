"""Dependencies of the routes: the system, the signed-in user and what they may do."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import OAuth2PasswordBearer
from starlette.concurrency import run_in_threadpool

from application.accounts import Principal
from domain.accounts import Role
from domain.base import set_current_actor
from infrastructure.bootstrap import Chengxin
from interfaces.api.errors import ApiError

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def get_system(request: Request) -> Chengxin:
    system: Chengxin = request.app.state.system
    return system


System = Annotated[Chengxin, Depends(get_system)]


async def optional_user(
    request: Request, token: Annotated[str | None, Depends(oauth2)]
) -> Principal | None:
    if not token:
        return None
    system = get_system(request)
    claims = system.tokens.read(token)
    principal = None
    if claims is not None:
        principal = await run_in_threadpool(
            system.accounts.principal, claims.username, claims.version
        )
    if principal is None:
        raise ApiError(401, "invalid_token", "the access token is invalid or has expired")
    set_current_actor(principal.actor)  # every event of this request records who acted
    return principal


async def current_user(
    principal: Annotated[Principal | None, Depends(optional_user)],
) -> Principal:
    if principal is None:
        raise ApiError(401, "not_authenticated", "sign in first: POST /api/v1/auth/token")
    return principal


CurrentUser = Annotated[Principal, Depends(current_user)]
MaybeUser = Annotated[Principal | None, Depends(optional_user)]


def allow(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets only the given roles through (403 for the others)."""
    allowed = frozenset(roles)

    async def check(principal: CurrentUser) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise ApiError(403, "forbidden", f"only {names} may do this")
        return principal

    return check


Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
Staff = Annotated[Principal, Depends(allow(Role.OFFICER, Role.ADMIN))]
Reader = Annotated[Principal, Depends(allow(Role.OFFICER, Role.ADMIN, Role.AUDITOR))]
Overseer = Annotated[Principal, Depends(allow(Role.ADMIN, Role.AUDITOR))]
Officer = Annotated[Principal, Depends(allow(Role.OFFICER))]


def expected_version(
    if_match: Annotated[str | None, Header(alias="If-Match")] = None,
) -> int | None:
    if if_match is None or if_match.strip() == "*":
        return None
    match = IF_MATCH.match(if_match)
    if match is None:
        raise ApiError(422, "validation_error", 'If-Match must be a version such as "3"')
    return int(match.group(1))


ExpectedVersion = Annotated[int | None, Depends(expected_version)]

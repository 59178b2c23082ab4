"""Sign-in (OAuth2 password flow) and accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from application.accounts import Principal
from domain.accounts import Role
from interfaces.api.deps import Admin, CurrentUser, System
from interfaces.api.errors import ApiError
from interfaces.api.schemas.accounts import NewUser, Token, User
from interfaces.api.schemas.common import Page

router = APIRouter(prefix="/api/v1", tags=["accounts"])


@router.post("/auth/token", response_model=Token)
async def sign_in(
    request: Request,
    system: System,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=128)],
) -> Token:
    """Repeated failures make the account and the client address wait: 429 too_many_attempts."""
    client = request.client.host if request.client else None
    principal = await run_in_threadpool(system.accounts.authenticate, username, password, client)
    if principal is None:
        raise ApiError(401, "invalid_credentials", "wrong username or password")
    token = system.tokens.issue(principal.username, principal.role.value, principal.token_version)
    return Token(access_token=token, expires_in=system.tokens.expires_in, role=principal.role.value)


def user_of(principal: Principal) -> User:
    return User(
        username=principal.username,
        role=principal.role.value,
        department=principal.department,
        subject_id=principal.subject_id,
    )


@router.get("/users/me", response_model=User)
def me(principal: CurrentUser) -> User:
    return user_of(principal)


@router.post("/users", response_model=User, status_code=201)
def create_user(body: NewUser, system: System, _: Admin) -> User:
    account = system.accounts.register(
        body.username, body.password, Role(body.role), body.department, body.subject_id
    )
    return User(
        username=account.username,
        role=account.role.value,
        department=account.department,
        subject_id=account.subject_id,
    )


@router.get("/users", response_model=Page[User])
def list_users(
    system: System,
    _: Admin,
    role: Annotated[Role | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[User]:
    rows = system.account_queries.list_accounts(role, limit + 1, cursor)
    items = [
        User(
            username=r["username"],
            role=r["role"],
            department=r["department"],
            subject_id=r["subject_id"],
        )
        for r in rows[:limit]
    ]
    next_cursor = items[-1].username if len(rows) > limit else None
    return Page[User](items=items, next_cursor=next_cursor)


@router.post("/users/{username}/revocation", response_model=User)
def revoke_tokens(username: Annotated[str, Path(max_length=64)], system: System, _: Admin) -> User:
    """Every access token of the account issued so far stops working (admin only)."""
    account = system.accounts.revoke_tokens(username, "revoked_by_admin")
    return User(
        username=account.username,
        role=account.role.value,
        department=account.department,
        subject_id=account.subject_id,
    )

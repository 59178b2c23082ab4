"""The administrator's accounts page: every account, a new one, and for each its history with
the changes an administrator makes (reset the password, move an officer to another department,
disable it). Each change is an event of the account, shown in its history with who made it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from domain.accounts import Role
from domain.errors import ValidationFailed
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.schemas.accounts import NewUser
from interfaces.web.forms import NO_FORM, FormSpec, FormState, submitted
from interfaces.web.rendering import PageRoute, render
from interfaces.web.session import AdminPage, Form, FormInput

router = APIRouter(prefix="/admin/accounts", route_class=PageRoute, include_in_schema=False)
Username = Annotated[str, Path(max_length=64)]
ROLES = tuple(r.value for r in Role)
LISTED = 500

NEW = FormSpec(
    "account",
    ("username", "password", "role", "department", "subject_identifier"),
    aliases={"subject_id": "subject_identifier"},
)
PASSWORD = FormSpec("password", ("password",))
MOVE = FormSpec("move", ("department",))
DISABLE = FormSpec("disable")


def show(request: Request, template: str, state: FormState, **context: Any) -> Response:
    return render(request, template, {"forms": state, **context}, 422 if state.errors else 200)


@router.get("")
def accounts(request: Request, system: System, _: AdminPage) -> Response:
    return list_page(request, system)


def list_page(request: Request, system: Chengxin, state: FormState = NO_FORM) -> Response:
    rows = system.account_queries.list_accounts(None, LISTED, None)
    return show(
        request,
        "admin/accounts.html",
        state,
        accounts=rows,
        roles=ROLES,
        departments=system.reference.departments,
    )


@router.post("")
def create(request: Request, system: System, _: AdminPage, form: Form) -> Response:
    def act() -> str:
        body = NEW.body(form)
        identifier = body.pop("subject_identifier", None)
        if identifier:
            subject = system.subjects.find(identifier)
            if subject is None:
                raise ValidationFailed("no subject has this identifier", field="subject_id")
            body["subject_id"] = subject.id
        user = NewUser.model_validate(body)
        system.accounts.register(
            user.username, user.password, Role(user.role), user.department, user.subject_id
        )
        return f"/admin/accounts/{user.username}"

    return submitted(
        request, NEW, form, act, lambda state: list_page(request, system, state), "account_created"
    )


@router.get("/{username}")
def account(request: Request, username: Username, system: System, _: AdminPage) -> Response:
    return account_page(request, system, username)


def account_page(
    request: Request, system: Chengxin, username: str, state: FormState = NO_FORM
) -> Response:
    history = system.accounts.history(username)
    found = system.accounts.get(username)
    return show(
        request,
        "admin/account.html",
        state,
        account=found,
        history=[
            {
                "type": f"Account.{type(e).__name__}",
                "at": e.timestamp,
                "actor": e.actor,
                "department": getattr(e, "department", None),
            }
            for e in history
        ],
        departments=system.reference.departments,
    )


def on_account(
    request: Request,
    system: Chengxin,
    username: str,
    form: FormInput,
    spec: FormSpec,
    flash: str,
    change: Any,
) -> Response:
    def act() -> str:
        change()
        return f"/admin/accounts/{username}"

    return submitted(
        request,
        spec,
        form,
        act,
        lambda state: account_page(request, system, username, state),
        flash,
    )


@router.post("/{username}/password")
def reset_password(
    request: Request, username: Username, system: System, _: AdminPage, form: Form
) -> Response:
    def change() -> None:
        password = form.text("password")
        if not password:
            raise ValidationFailed("a new password is required", field="password")
        system.accounts.change_password(username, password)

    return on_account(request, system, username, form, PASSWORD, "password_reset", change)


@router.post("/{username}/department")
def move(
    request: Request, username: Username, system: System, _: AdminPage, form: Form
) -> Response:
    def change() -> None:
        department = form.text("department")
        if not department:
            raise ValidationFailed("choose the new department", field="department")
        system.accounts.change_department(username, department)

    return on_account(request, system, username, form, MOVE, "department_changed", change)


@router.post("/{username}/deactivation")
def disable(
    request: Request, username: Username, system: System, principal: AdminPage, form: Form
) -> Response:
    def change() -> None:
        system.accounts.deactivate(username, by=principal.username)

    return on_account(request, system, username, form, DISABLE, "account_disabled", change)

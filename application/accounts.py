"""Use cases of accounts: register users, sign in, read who is who."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from application.app import ChengxinApp
from application.ports import PasswordHasher
from domain.accounts import (
    Account,
    Role,
    account_id_for,
    check_binding,
    check_password,
    check_username,
)
from domain.errors import Conflict, DamagedRecord, NotFound, ValidationFailed
from domain.subject import Subject


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the rest of the system sees them."""

    username: str
    role: Role
    department: str | None = None
    subject_id: UUID | None = None

    @property
    def actor(self) -> str:
        return f"{self.role.value}:{self.username}"


class AccountQueries(Protocol):
    def list_accounts(
        self, role: Role | None, limit: int, after: str | None
    ) -> list[dict[str, Any]]: ...


class DepartmentCheck(Protocol):
    def has_department(self, code: str) -> bool: ...


class AccountService:
    def __init__(
        self, app: ChengxinApp, hasher: PasswordHasher, departments: DepartmentCheck
    ) -> None:
        self.app = app
        self.hasher = hasher
        self.departments = departments

    def register(
        self,
        username: str,
        password: str,
        role: Role,
        department: str | None = None,
        subject_id: UUID | None = None,
    ) -> Account:
        check_username(username)
        check_password(password)
        check_binding(role, department, subject_id)
        if department and not self.departments.has_department(department):
            raise ValidationFailed(f"unknown department {department!r}", field="department")
        if subject_id is not None:
            self.app.load(Subject, subject_id, "subject")
        if self.app.exists(account_id_for(username)):
            raise Conflict(f"the username {username!r} is taken", field="username")
        account = Account(
            username=username,
            password_hash=self.hasher.hash(password),
            role=role,
            department=department,
            subject_id=subject_id,
        )
        self.app.save(account)
        return account

    def authenticate(self, username: str, password: str) -> Principal | None:
        try:
            account = self.app.load(Account, account_id_for(username), "account")
        except (NotFound, DamagedRecord):  # a damaged account signs nobody in
            self.hasher.hash(password)  # same work either way: no timing hint
            return None
        if not account.active or not self.hasher.verify(account.password_hash, password):
            return None
        return principal_of(account)

    def principal(self, username: str) -> Principal | None:
        try:
            account = self.app.load(Account, account_id_for(username), "account")
        except (NotFound, DamagedRecord):  # fails closed: a damaged account is nobody
            return None
        return principal_of(account) if account.active else None

    def ensure_admin(self, username: str, password: str) -> bool:
        """Create the first admin if it does not exist; True when it was created."""
        if self.app.exists(account_id_for(username)):
            return False
        self.register(username, password, Role.ADMIN)
        return True


def principal_of(account: Account) -> Principal:
    return Principal(account.username, account.role, account.department, account.subject_id)

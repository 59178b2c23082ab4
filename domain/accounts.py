"""Accounts of the people who use Chengxin, and what each role may do."""

from __future__ import annotations

import re
from datetime import datetime
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import InvalidState, ValidationFailed
from domain.sign_in import (
    LOCK_AFTER_FAILURES,
    LOCK_DURATION,
    check_password,
    delay_after,
    seconds_until,
)

__all__ = ["Account", "Role", "account_id_for", "check_binding", "check_password", "check_username"]

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{3,64}$")


class Role(Enum):
    ADMIN = "admin"
    OFFICER = "officer"
    SUBJECT = "subject"
    AUDITOR = "auditor"
    OFFICE = (
        "office"  # the civilisation office (市文明办) or credit office: reads every unit's figures
    )


def account_id_for(username: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:account:{username.lower()}")


def check_username(username: str) -> str:
    if not USERNAME_PATTERN.match(username):
        raise ValidationFailed(
            "a username has 3 to 64 letters, digits or the characters _ . @ -",
            field="username",
        )
    return username


def check_binding(role: Role, department: str | None, subject_id: UUID | None) -> None:
    """An officer belongs to one department; a subject account to one subject."""
    if role is Role.OFFICER and not department:
        raise ValidationFailed("an officer needs a department", field="department")
    if role is Role.SUBJECT and subject_id is None:
        raise ValidationFailed("a subject account needs a subject_id", field="subject_id")
    if role is not Role.OFFICER and department:
        raise ValidationFailed("only officers belong to a department", field="department")
    if role is not Role.SUBJECT and subject_id is not None:
        raise ValidationFailed("only subject accounts have a subject_id", field="subject_id")


class Account(AttributedAggregate):
    class Registered(AttributedAggregate.Created):
        username: str
        password_hash: str
        role: Role
        department: str | None
        subject_id: UUID | None

    class PasswordChanged(AttributedAggregate.Event):
        password_hash: str

    class Deactivated(AttributedAggregate.Event):
        pass

    class DepartmentChanged(AttributedAggregate.Event):
        """An officer moved to another department: the domains they act in follow it."""

        department: str

    class SignInFailed(AttributedAggregate.Event):
        """A wrong password, or an attempt made before the last failure's delay was over."""

        at: datetime

    class Locked(AttributedAggregate.Event):
        until: datetime

    class FailuresCleared(AttributedAggregate.Event):
        """A successful sign-in after failures: the count starts again."""

    class TokensRevoked(AttributedAggregate.Event):
        """Every access token issued before this stops working (sign-out, or an admin)."""

        reason: str

    @staticmethod
    def create_id(username: str) -> UUID:
        return account_id_for(username)

    @event(Registered)
    def __init__(
        self,
        username: str,
        password_hash: str,
        role: Role,
        department: str | None,
        subject_id: UUID | None,
    ) -> None:
        self.username = username
        self.password_hash = password_hash
        self.role = role
        self.department = department
        self.subject_id = subject_id
        self.active = True
        self.failures = 0
        self.last_failure_at: datetime | None = None
        self.locked_until: datetime | None = None
        self.token_version = 0

    def change_password(self, password_hash: str) -> None:
        self._password_changed(password_hash=password_hash)

    @event(PasswordChanged)
    def _password_changed(self, password_hash: str) -> None:
        self.password_hash = password_hash

    def deactivate(self) -> None:
        if not self.active:
            raise InvalidState("the account is already deactivated")
        self._deactivated()

    @event(Deactivated)
    def _deactivated(self) -> None:
        self.active = False

    def move_to(self, department: str) -> None:
        if self.role is not Role.OFFICER:
            raise ValidationFailed("only an officer has a department", field="department")
        if not self.active:
            raise InvalidState("the account is deactivated")
        if department != self.department:
            self._department_changed(department=department)

    @event(DepartmentChanged)
    def _department_changed(self, department: str) -> None:
        self.department = department

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def seconds_to_wait(self, now: datetime) -> int:
        """How long before a sign-in attempt is heard again: the lock, or the growing delay."""
        if self.is_locked(now):
            return seconds_until(self.locked_until, now)
        if self.last_failure_at is None:
            return 0
        return seconds_until(self.last_failure_at + delay_after(self.failures), now)

    def sign_in_failed(self, now: datetime) -> None:
        """Count a failure; the tenth in a row locks the account for a while."""
        if self.failures + 1 >= LOCK_AFTER_FAILURES:
            self._locked(until=now + LOCK_DURATION)
        else:
            self._sign_in_failed(at=now)

    @event(SignInFailed)
    def _sign_in_failed(self, at: datetime) -> None:
        self.failures += 1
        self.last_failure_at = at

    @event(Locked)
    def _locked(self, until: datetime) -> None:
        self.failures = 0
        self.last_failure_at = None
        self.locked_until = until

    def signed_in(self) -> None:
        if self.failures or self.locked_until is not None:
            self._failures_cleared()

    @event(FailuresCleared)
    def _failures_cleared(self) -> None:
        self.failures = 0
        self.last_failure_at = None
        self.locked_until = None

    def revoke_tokens(self, reason: str) -> None:
        self._tokens_revoked(reason=reason)

    @event(TokensRevoked)
    def _tokens_revoked(self, reason: str) -> None:
        self.token_version += 1

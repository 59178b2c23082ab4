"""Accounts of the people who use Chengxin, and what each role may do."""

from __future__ import annotations

import re
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import InvalidState, ValidationFailed

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{3,64}$")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128


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


def check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
            field="password",
        )


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

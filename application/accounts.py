"""Use cases of accounts: register users, sign in, read who is who."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from application.app import ChengxinApp
from application.ports import PasswordHasher
from application.sign_in_throttle import AddressThrottle
from domain.accounts import (
    Account,
    Role,
    account_id_for,
    check_binding,
    check_password,
    check_username,
)
from domain.base import acting_as
from domain.errors import (
    Conflict,
    DamagedRecord,
    NotFound,
    TooManyAttempts,
    ValidationFailed,
    VersionConflict,
)
from domain.subject import Subject


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the rest of the system sees them."""

    username: str
    role: Role
    department: str | None = None
    subject_id: UUID | None = None
    token_version: int = 0  # tokens carry it; revoking the account's tokens moves it on

    @property
    def actor(self) -> str:
        return f"{self.role.value}:{self.username}"


class AccountQueries(Protocol):
    def list_accounts(
        self, role: Role | None, limit: int, after: str | None
    ) -> list[dict[str, Any]]: ...


class DepartmentCheck(Protocol):
    def has_department(self, code: str) -> bool: ...


class Timepiece(Protocol):
    def now(self) -> datetime: ...


SAVE_ATTEMPTS = 3
PRINCIPALS_CACHED = 10_000
SIGN_IN_ACTOR = "anonymous:sign-in"  # who records a failed attempt: nobody proven yet


class AccountService:
    def __init__(
        self,
        app: ChengxinApp,
        hasher: PasswordHasher,
        departments: DepartmentCheck,
        common_passwords: Collection[str],
        time: Timepiece,
        addresses: AddressThrottle | None = None,
    ) -> None:
        self.app = app
        self.hasher = hasher
        self.departments = departments
        self.common_passwords = common_passwords
        self.time = time
        self.addresses = addresses or AddressThrottle()
        # who an account version makes of a caller: every request asks, and a stored version
        # is one indexed read while the account's replay is many; any change (in any process)
        # makes a new version, so a cached answer is never stale
        self._principals: dict[UUID, tuple[int, Principal | None, int]] = {}

    def register(
        self,
        username: str,
        password: str,
        role: Role,
        department: str | None = None,
        subject_id: UUID | None = None,
    ) -> Account:
        check_username(username)
        check_password(password, username, self.common_passwords)
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

    def authenticate(
        self, username: str, password: str, client: str | None = None
    ) -> Principal | None:
        """The account's principal, None for a wrong password or username; TooManyAttempts
        while the account or the client address has to wait (that attempt counts as failed)."""
        now = self.time.now()
        self._refuse_waiting_address(client, now)
        account = self._find(username)
        if account is None:
            self.hasher.hash(password)  # same work either way: no timing hint
            self.addresses.failed(client, now)
            return None
        self._refuse_waiting_account(account, client, now)
        if not account.active or not self.hasher.verify(account.password_hash, password):
            answered = self.time.now()  # the delay runs from the answer, not from the question
            self.addresses.failed(client, answered)
            self._note_failure(account.id, answered)
            return None
        if account.failures or account.locked_until is not None:
            with acting_as(principal_of(account).actor):
                self._change(account.id, lambda a: a.signed_in())
        return principal_of(account)

    def _note_failure(self, account_id: UUID, now: datetime) -> Account:
        """Record a failed attempt; under a storm of parallel ones, at least the others were."""
        with acting_as(SIGN_IN_ACTOR):
            try:
                return self._change(account_id, lambda a: a.sign_in_failed(now))
            except VersionConflict:
                return self.app.load(Account, account_id, "account")

    def _refuse_waiting_address(self, client: str | None, now: datetime) -> None:
        wait = self.addresses.seconds_to_wait(client, now)
        if wait:
            self.addresses.failed(client, now)
            raise TooManyAttempts(
                "too many failed sign-ins from this address: wait and try again",
                retry_after=wait,
            )

    def _refuse_waiting_account(self, account: Account, client: str | None, now: datetime) -> None:
        wait = account.seconds_to_wait(now)
        if not wait:
            return
        self.addresses.failed(client, now)
        if not account.is_locked(now):  # too early counts as a failure; a lock is just told
            account = self._note_failure(account.id, now)
            wait = max(1, account.seconds_to_wait(now))
        raise TooManyAttempts(
            "too many failed sign-ins for this account: wait and try again", retry_after=wait
        )

    def _change(self, account_id: UUID, change: Callable[[Account], None]) -> Account:
        """Apply a change to the newest version, again if another request saved first."""
        for attempt in range(SAVE_ATTEMPTS):
            account = self.app.load(Account, account_id, "account")
            change(account)
            try:
                self.app.save(account)
                return account
            except VersionConflict:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _find(self, username: str) -> Account | None:
        """The account, or None: also for a damaged one, which signs nobody in (fails closed)."""
        try:
            return self.app.load(Account, account_id_for(username), "account")
        except (NotFound, DamagedRecord):
            return None

    def principal(self, username: str, token_version: int | None = None) -> Principal | None:
        """The active account's principal; None when a token's version was revoked since."""
        found = self._principal_now(username)
        if found is None:
            return None
        principal, current_token_version = found
        if token_version is not None and token_version != current_token_version:
            return None
        return principal

    def _principal_now(self, username: str) -> tuple[Principal | None, int] | None:
        """(principal or None when inactive, token version) at the account's stored version."""
        account_id = account_id_for(username)
        version = self.app.latest_version(account_id)
        if version is None:
            return None
        cached = self._principals.get(account_id)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        account = self._find(username)
        if account is None:
            return None
        principal = principal_of(account) if account.active else None
        if len(self._principals) >= PRINCIPALS_CACHED:
            self._principals.clear()
        self._principals[account_id] = (account.version, principal, account.token_version)
        return principal, account.token_version

    def revoke_tokens(self, username: str, reason: str) -> Account:
        """Every token issued to the account so far stops working."""
        return self._change(
            self.app.load(Account, account_id_for(username), "account").id,
            lambda a: a.revoke_tokens(reason),
        )

    def change_password(self, username: str, password: str) -> Account:
        """A new password under the same policy; the tokens issued before stop working."""
        account = self.app.load(Account, account_id_for(username), "account")
        check_password(password, account.username, self.common_passwords)
        password_hash = self.hasher.hash(password)

        def change(a: Account) -> None:
            a.change_password(password_hash)
            a.revoke_tokens("password_changed")

        return self._change(account.id, change)

    def deactivate(self, username: str, by: str | None = None) -> Account:
        """The account signs in no more and its tokens stop working; its history stays. An
        administrator (`by`) does not lock themself out."""
        if username == by:
            raise ValidationFailed("an administrator cannot disable their own account")

        def change(a: Account) -> None:
            a.deactivate()
            a.revoke_tokens("deactivated")

        return self._change(self.get(username).id, change)

    def change_department(self, username: str, department: str) -> Account:
        """An officer moves to another department."""
        if not self.departments.has_department(department):
            raise ValidationFailed(f"unknown department {department!r}", field="department")
        return self._change(self.get(username).id, lambda a: a.move_to(department))

    def history(self, username: str) -> list[Any]:
        """The account's events, oldest first: who changed what, and when."""
        account = self.get(username)
        return list(self.app.repository.event_store.get(account.id))

    def get(self, username: str) -> Account:
        return self.app.load(Account, account_id_for(username), "account")

    def ensure_admin(self, username: str, password: str) -> bool:
        """Create the first admin if it does not exist; True when it was created."""
        if self.app.exists(account_id_for(username)):
            return False
        self.register(username, password, Role.ADMIN)
        return True


def principal_of(account: Account) -> Principal:
    return Principal(
        account.username,
        account.role,
        account.department,
        account.subject_id,
        account.token_version,
    )

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from application.sign_in_throttle import AddressThrottle
from domain.accounts import Account, Role, check_binding, check_password, check_username
from domain.errors import ValidationFailed, WeakPassword
from domain.sign_in import FREE_FAILURES, LOCK_AFTER_FAILURES, LOCK_DURATION, delay_after
from infrastructure.passwords import common_passwords


def test_an_officer_belongs_to_a_department() -> None:
    with pytest.raises(ValidationFailed):
        check_binding(Role.OFFICER, None, None)
    check_binding(Role.OFFICER, "public_security", None)


def test_a_subject_account_is_bound_to_a_subject() -> None:
    with pytest.raises(ValidationFailed):
        check_binding(Role.SUBJECT, None, None)
    check_binding(Role.SUBJECT, None, uuid4())


def test_an_auditor_has_neither_department_nor_subject() -> None:
    with pytest.raises(ValidationFailed):
        check_binding(Role.AUDITOR, "public_security", None)


@pytest.mark.parametrize("username", ["ab", "has space", "x" * 65, "冯"])
def test_usernames_are_plain(username: str) -> None:
    with pytest.raises(ValidationFailed):
        check_username(username)


COMMON = common_passwords()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "length"),
        ("password", "length"),
        ("12345678", "length"),
        ("123456789", "length"),
        ("li.ming-li.ming", "username"),
        ("XX-LI.MING-XX", "username"),
        ("1234567890", "common"),
        ("Password123", "common"),
        ("woaini1314", "common"),
        ("qwertyuiop", "common"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword) as refused:
        check_password(password, "li.ming", COMMON)
    assert refused.value.code == "weak_password"
    assert refused.value.context["reason"] == reason


def test_a_long_unusual_password_passes() -> None:
    check_password("Tian'anmen-Dawn-42", "li.ming", COMMON)
    with pytest.raises(ValidationFailed):
        check_password("x" * 129, "li.ming", COMMON)


def test_the_shipped_list_is_large_and_lower_case() -> None:
    assert len(COMMON) > 5000
    assert all(word == word.lower() for word in COMMON)
    assert {"password", "12345678", "1234567890", "chengxin123"} <= COMMON


NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def account() -> Account:
    return Account(
        username="li.ming",
        password_hash="x",
        role=Role.OFFICER,
        department="taxation",
        subject_id=None,
    )


def test_delays_grow_after_the_free_failures() -> None:
    assert [delay_after(n).total_seconds() for n in range(1, 9)] == [0, 0, 1, 2, 4, 8, 16, 32]
    assert delay_after(40) == timedelta(minutes=2)


def test_failures_make_the_account_wait_then_lock_it() -> None:
    acc = account()
    for _ in range(FREE_FAILURES):
        assert acc.seconds_to_wait(NOW) == 0
        acc.sign_in_failed(NOW)
    assert acc.seconds_to_wait(NOW) == 1
    assert acc.seconds_to_wait(NOW + timedelta(seconds=1)) == 0
    for _ in range(LOCK_AFTER_FAILURES - FREE_FAILURES - 1):
        acc.sign_in_failed(NOW)
    assert not acc.is_locked(NOW)
    acc.sign_in_failed(NOW)
    assert acc.is_locked(NOW)
    assert acc.seconds_to_wait(NOW) == LOCK_DURATION.total_seconds()
    assert isinstance(acc.pending_events[-1], Account.Locked)
    later = NOW + LOCK_DURATION
    assert not acc.is_locked(later) and acc.seconds_to_wait(later) == 0


def test_a_success_clears_the_count_and_revocation_moves_the_token_version() -> None:
    acc = account()
    acc.sign_in_failed(NOW)
    acc.signed_in()
    assert acc.failures == 0 and isinstance(acc.pending_events[-1], Account.FailuresCleared)
    events = len(acc.pending_events)
    acc.signed_in()
    assert len(acc.pending_events) == events  # nothing to clear: nothing recorded
    acc.revoke_tokens("signed_out")
    assert acc.token_version == 1


def test_an_address_waits_after_many_failures_and_is_locked_at_the_limit() -> None:
    throttle = AddressThrottle(free=2, limit=4, window=timedelta(minutes=15))
    throttle.failed("10.0.0.1", NOW)
    assert throttle.seconds_to_wait("10.0.0.1", NOW) == 0
    throttle.failed("10.0.0.1", NOW)
    assert throttle.seconds_to_wait("10.0.0.1", NOW) == 1
    assert throttle.seconds_to_wait("10.0.0.2", NOW) == 0
    assert throttle.seconds_to_wait(None, NOW) == 0
    throttle.failed("10.0.0.1", NOW)
    throttle.failed("10.0.0.1", NOW)
    assert throttle.seconds_to_wait("10.0.0.1", NOW) == 15 * 60
    assert throttle.seconds_to_wait("10.0.0.1", NOW + timedelta(minutes=15)) == 0

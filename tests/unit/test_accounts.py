from uuid import uuid4

import pytest

from domain.accounts import Role, check_binding, check_password, check_username
from domain.errors import ValidationFailed


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


def test_short_passwords_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        check_password("short")

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.base import acting_as
from domain.errors import InvalidIdentifier, ValidationFailed
from domain.subject import Subject, SubjectKind, clean_name, identify, subject_id_for

ZHANG_SAN_ID = "11010519491231002X"
HUAIAN_COMPANY = "91320800MA1MXXXX0X"  # wrong check character, on purpose
SOME_COMPANY = "91110000600037341L"


def test_a_natural_person_gets_the_birth_date_from_the_resident_id() -> None:
    subject = Subject.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID.lower(), "张三")
    assert subject.identifier == ZHANG_SAN_ID
    assert subject.birth_date == date(1949, 12, 31)


def test_a_wrong_check_character_is_refused() -> None:
    with pytest.raises(InvalidIdentifier) as refused:
        Subject.register(SubjectKind.NATURAL_PERSON, "110105194912310021", "张三")
    assert refused.value.code == "invalid_identifier"


def test_a_company_needs_a_valid_uscc() -> None:
    with pytest.raises(InvalidIdentifier):
        Subject.register(SubjectKind.LEGAL_PERSON, HUAIAN_COMPANY, "淮安某公司")
    company = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
    assert company.birth_date is None


def test_a_subject_registered_from_a_checked_identifier_is_the_same_subject() -> None:
    identifier = identify(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID.lower())
    assert identifier.compact == ZHANG_SAN_ID
    subject = Subject.register_identified(identifier, " 张三 ")
    registered = Subject.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID, "张三")
    assert (subject.id, subject.name, subject.birth_date) == (
        registered.id,
        registered.name,
        registered.birth_date,
    )
    with pytest.raises(InvalidIdentifier):
        identify(SubjectKind.NATURAL_PERSON, "110105194912310021")


def test_one_subject_per_identifier() -> None:
    first = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
    assert first.id == subject_id_for(" 91110000600037341l ")


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "   ")


def test_a_name_is_kept_with_its_whitespace_collapsed() -> None:
    subject = Subject.register(
        SubjectKind.LEGAL_PERSON, SOME_COMPANY, "  淮安运河\t物流  有限公司 "
    )
    assert subject.name == "淮安运河 物流 有限公司"


def test_a_name_is_at_most_two_hundred_characters() -> None:
    with pytest.raises(ValidationFailed) as refused:
        Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某" * 201)
    assert refused.value.context == {"field": "name"}
    assert len(Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某" * 200).name) == 200


def test_a_name_rule_names_the_field_it_checks() -> None:
    with pytest.raises(ValidationFailed) as refused:
        clean_name(" ", field="correction.subject_name")
    assert refused.value.context == {"field": "correction.subject_name"}


def test_a_rename_is_recorded_cleaned() -> None:
    subject = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")

    subject.rename(" 某某  有限公司 ")

    assert subject.name == "某某 有限公司"
    assert isinstance(subject.collect_events()[-1], Subject.Renamed)


def test_renaming_to_the_same_name_records_nothing() -> None:
    subject = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
    subject.collect_events()

    subject.rename("  某有限公司 ")

    assert subject.collect_events() == []


@pytest.mark.parametrize("name", ["", "   ", "某" * 201])
def test_a_rename_breaking_the_name_rule_is_refused_and_changes_nothing(name: str) -> None:
    subject = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
    subject.collect_events()

    with pytest.raises(ValidationFailed):
        subject.rename(name)

    assert subject.name == "某有限公司"
    assert subject.collect_events() == []


def test_a_company_has_no_age_and_is_never_a_minor() -> None:
    company = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
    assert company.age_on(date(2026, 1, 1)) is None
    assert not company.is_minor_on(date(2026, 1, 1))
    assert not company.is_natural_person


def test_a_person_is_as_old_as_the_birthdays_passed() -> None:
    subject = Subject.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID, "张三")
    assert subject.is_natural_person
    assert subject.age_on(date(2025, 12, 30)) == 75
    assert subject.age_on(date(2025, 12, 31)) == 76


def test_every_event_records_who_acted() -> None:
    with acting_as("officer:li"):
        subject = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, "某有限公司")
        subject.rename("某某有限公司")
    assert [e.actor for e in subject.collect_events()] == ["officer:li", "officer:li"]


def test_a_minor_is_a_minor_until_the_eighteenth_birthday() -> None:
    subject = Subject.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID, "张三")
    assert subject.is_minor_on(date(1967, 12, 30))
    assert not subject.is_minor_on(date(1967, 12, 31))


names = st.text(alphabet="张王李赵钱孙周吴郑冯陈褚卫有限公司", min_size=1, max_size=12)


@given(first=names, renames=st.lists(names, max_size=6))
def test_replaying_a_subjects_events_gives_the_same_state(first: str, renames: list[str]) -> None:
    subject = Subject.register(SubjectKind.LEGAL_PERSON, SOME_COMPANY, first)
    for name in renames:
        subject.rename(name)
    events = subject.collect_events()
    replayed = None
    for event in events:
        replayed = event.mutate(replayed)
    assert replayed == subject

"""The disclosure rule: what the public site shows of an entry, masked, and for how long."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from application.public import decode_cursor, encode_cursor
from application.public_projection import display_name, name_grams
from domain.disclosure import (
    disclosed_record,
    is_public_on,
    mask_identifier,
    mask_name,
    public_on,
)
from domain.entry import ListEntry
from domain.errors import ValidationFailed
from domain.reference import ListType, Severity
from domain.subject import SubjectKind

ZHANG_SAN_ID = "11010519491231002X"
COMPANY_ID = "91110000600037341L"
DECIDED = date(2026, 3, 2)
PUBLISHED = date(2026, 3, 4)
ENDS = date(2029, 3, 2)


def listed(kind: SubjectKind = SubjectKind.LEGAL_PERSON, publish: bool = True) -> ListEntry:
    natural = kind is SubjectKind.NATURAL_PERSON
    entry = ListEntry(
        subject_id=uuid4(),
        subject_kind=kind,
        subject_name="张三丰" if natural else "淮安市清河建材有限公司",
        identifier=ZHANG_SAN_ID if natural else COMPANY_ID,
        list_type=ListType.BLACKLIST,
        domain="environment",
        severity=Severity.SERIOUS,
        department="environmental_protection",
        legal_basis="《中华人民共和国环境保护法》第六十三条",
        decision_no="淮环罚〔2026〕7号",
        decision_date=DECIDED,
        repairable=True,
        case_id=None,
        regime="ndrc_order_58",
        min_end=date(2027, 3, 2),
        max_end=ENDS,
        publishable=True,
        publish_deadline=date(2026, 3, 11),
        recorded_on=PUBLISHED,
    )
    if publish:
        entry.publish(PUBLISHED)
    return entry


def test_a_name_keeps_only_the_family_name() -> None:
    assert mask_name("张三丰") == "张**"
    assert mask_name("李四") == "李*"
    assert mask_name("王") == "王*"


def test_an_identifier_keeps_only_its_province() -> None:
    assert mask_identifier(ZHANG_SAN_ID) == "*" * 18  # Beijing has too few counties
    assert mask_identifier("320802199001011234") == "32" + "*" * 16


def test_a_companys_record_is_shown_as_it_is() -> None:
    record = disclosed_record(listed())
    assert record is not None
    assert (record.subject_name, record.identifier) == ("淮安市清河建材有限公司", COMPANY_ID)
    assert (record.published_at, record.publication_ends) == (PUBLISHED, ENDS)
    assert record.under_objection is False


def test_a_natural_persons_record_is_masked() -> None:
    record = disclosed_record(listed(SubjectKind.NATURAL_PERSON))
    assert record is not None
    assert (record.subject_name, record.identifier) == ("张**", "*" * 18)


def test_an_unpublished_entry_is_not_disclosed() -> None:
    assert disclosed_record(listed(publish=False)) is None


def test_an_open_objection_is_shown_until_resolved() -> None:
    entry = listed()
    objection_id = uuid4()
    entry.file_objection(objection_id, "送达有误", date(2026, 4, 1), date(2026, 4, 9))
    assert disclosed_record(entry).under_objection is True  # type: ignore[union-attr]
    entry.resolve_objection(objection_id, False, "送达无误", date(2026, 4, 3))
    assert disclosed_record(entry).under_objection is False  # type: ignore[union-attr]


@pytest.mark.parametrize("end", ["revoke", "expire"])
def test_an_ended_entry_is_not_disclosed(end: str) -> None:
    entry = listed()
    if end == "revoke":
        entry.revoke("复议撤销", date(2026, 5, 1))
    else:
        assert entry.expire(ENDS)
    assert disclosed_record(entry) is None


def test_the_window_ends_on_the_maximum_period_even_before_the_sweep() -> None:
    entry = listed()
    record = disclosed_record(entry)
    assert record is not None
    assert is_public_on(record, date(2029, 3, 1))
    assert not is_public_on(record, ENDS)
    assert public_on(entry, ENDS) is None
    assert public_on(entry, PUBLISHED) == record


def test_names_are_indexed_by_their_two_character_pieces() -> None:
    assert name_grams("清河建材建材") == ("清河", "河建", "建材", "材建")
    assert name_grams("ABC Co") == ("ab", "bc", "co")
    assert display_name(SubjectKind.NATURAL_PERSON, "张三丰") == "张**"
    assert display_name(SubjectKind.UNINCORPORATED_ORG, "清河合作社") == "清河合作社"


def test_a_cursor_comes_back_as_given_and_a_forged_one_is_refused() -> None:
    assert decode_cursor(encode_cursor(4711)) == 4711
    for forged in ("4711", "bm9wZQ", "!!"):
        with pytest.raises(ValidationFailed):
            decode_cursor(forged)

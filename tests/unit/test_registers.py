"""Licences and credit commitments on the aggregates themselves: when each is published and
whether late, what the public sees of a natural person, and a commitment's way from in force to
broken or fulfilled. No database.

淮安市清河建材有限公司 signs a tax commitment on Monday 5 January 2026; 张三丰 holds a licence
decided the same day."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain.calendar import WeekdayCalendar, add_working_days
from domain.commitment import Commitment, CommitmentStatus, commitment_id_for
from domain.errors import InvalidState, ValidationFailed
from domain.licence import Licence, licence_dates_are_coherent, licence_id_for
from domain.register_disclosure import disclosed_commitment, disclosed_licence
from domain.subject import SubjectKind
from tests.unit.listings import replayed

SIGNED = date(2026, 1, 5)
DEADLINE = add_working_days(WeekdayCalendar(), SIGNED, 7)  # Wednesday 14 January


def commitment() -> Commitment:
    return Commitment(
        subject_id=uuid4(),
        subject_kind=SubjectKind.LEGAL_PERSON,
        subject_name="淮安市清河建材有限公司",
        identifier="91320800MA1MBH4Q1B",
        matter="纳税信用承诺",
        commitment_text="依法纳税",
        signed_on=SIGNED,
        department="taxation",
        domain="tax_fraud",
        regime="ndrc_2023_58",
        publish_deadline=DEADLINE,
        recorded_on=SIGNED,
    )


def licence(kind: SubjectKind = SubjectKind.NATURAL_PERSON) -> Licence:
    return Licence(
        subject_id=uuid4(),
        subject_kind=kind,
        subject_name="张三丰",
        identifier="11010519491231002X",
        licence_no="淮审批许〔2026〕1号",
        licence_kind="普通",
        content="个体经营许可",
        decision_date=SIGNED,
        valid_from=SIGNED,
        valid_to=None,
        department="administrative_approval",
        regime="ndrc_2023_58",
        publish_deadline=DEADLINE,
        recorded_on=SIGNED,
    )


def test_seven_working_days_from_a_monday_end_on_the_wednesday_of_the_next_week() -> None:
    assert date(2026, 1, 14) == DEADLINE


@pytest.mark.parametrize(("day", "late"), [(DEADLINE, False), (DEADLINE + timedelta(1), True)])
def test_a_record_published_after_its_deadline_is_marked_late(day: date, late: bool) -> None:
    made = commitment()
    made.publish(day)
    assert (made.published_on, made.late) == (day, late)
    with pytest.raises(InvalidState):
        made.publish(day)


def test_nothing_is_shown_before_publication_and_a_person_is_masked_after() -> None:
    held = licence()
    assert disclosed_licence(held) is None
    held.publish(SIGNED)
    shown = disclosed_licence(held)
    assert shown is not None
    assert (shown.subject_name, shown.identifier) == ("张**", "*" * 18)
    company = licence(SubjectKind.LEGAL_PERSON)
    company.publish(SIGNED)
    assert disclosed_licence(company).subject_name == "张三丰"  # type: ignore[union-attr]


def test_a_broken_commitment_names_its_case_and_ends_once() -> None:
    made = commitment()
    made.publish(SIGNED)
    case_id = uuid4()
    made.break_("逾期未申报", date(2026, 3, 2), case_id, today=date(2026, 3, 3))
    again = replayed(made)
    assert isinstance(again, Commitment)
    assert (again.status, again.case_id, again.ended_on) == (
        CommitmentStatus.BROKEN,
        case_id,
        date(2026, 3, 2),
    )
    assert disclosed_commitment(again).status == "broken"  # type: ignore[union-attr]
    with pytest.raises(InvalidState):
        again.fulfil(date(2026, 3, 4))


@pytest.mark.parametrize("found", [SIGNED - timedelta(1), date(2026, 3, 4)])
def test_a_breach_is_found_between_the_signing_and_today(found: date) -> None:
    with pytest.raises(ValidationFailed):
        commitment().break_("违诺", found, uuid4(), today=date(2026, 3, 3))


def test_a_fulfilled_commitment_cannot_be_broken_afterwards() -> None:
    made = commitment()
    made.fulfil(date(2026, 6, 30))
    assert made.status is CommitmentStatus.FULFILLED
    with pytest.raises(InvalidState):
        made.break_("违诺", date(2026, 7, 1), uuid4(), today=date(2026, 7, 1))


@pytest.mark.parametrize(
    ("decided", "valid_from", "valid_to", "field"),
    [
        (date(2026, 1, 6), SIGNED, None, "decision_date"),
        (SIGNED, SIGNED - timedelta(1), None, "valid_from"),
        (SIGNED, SIGNED, SIGNED, "valid_to"),
    ],
)
def test_a_licence_is_decided_by_today_and_valid_after_its_decision(
    decided: date, valid_from: date, valid_to: date | None, field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        licence_dates_are_coherent(decided, valid_from, valid_to, today=SIGNED)
    assert refused.value.context["field"] == field


def test_ids_are_one_per_licence_number_and_per_commitment() -> None:
    assert licence_id_for("taxation", " 淮税许1号 ") == licence_id_for("taxation", "淮税许1号")
    assert licence_id_for("taxation", "淮税许1号") != licence_id_for("court", "淮税许1号")
    subject = uuid4()
    assert commitment_id_for(subject, "taxation", "承诺", SIGNED) != commitment_id_for(
        subject, "taxation", "承诺", SIGNED + timedelta(1)
    )

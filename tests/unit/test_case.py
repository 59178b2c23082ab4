"""The rules of a case, tested on the aggregate itself: evidence, notice (告知) and statement
(陈述申辩), the decision and the closure. Given a case, when a command is given, then the
outcome or the refusal. No database.

The public security bureau investigates 淮安运河物流有限公司 for fake job adverts; the notice
is served on Tuesday 30 September 2025, just before the National Day holiday (1-8 October), so
five working days end on Tuesday 14 October."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

import pytest

from domain.case import Case, CaseStatus, Listing, Outcome
from domain.errors import InvalidState, NoticeRequired, StatementPeriodOpen, ValidationFailed
from domain.reference import ListType, Severity
from tests.unit.listings import CALENDAR, DECISION_NO, canal_logistics, replayed, some_id

OPENED = date(2025, 9, 22)
SERVED = date(2025, 9, 30)
STATEMENT_DEADLINE = date(2025, 10, 14)
TODAY = date(2025, 11, 3)


def opened() -> Case:
    return Case(
        subject_id=canal_logistics().id,
        domain="telecom_fraud",
        summary="发布虚假招聘信息骗取保证金",
        department="public_security",
        opened_on=OPENED,
    )


def noticed(proposed: ListType = ListType.BLACKLIST) -> Case:
    case = opened()
    case.serve_notice(proposed, SERVED, 5, CALENDAR, SERVED)
    return case


def listing(list_type: ListType = ListType.BLACKLIST, decided_on: date = TODAY) -> Listing:
    return Listing(
        list_type, Severity.GENERAL, DECISION_NO, decided_on, "《反电信网络诈骗法》", True
    )


def decided() -> tuple[Case, UUID]:
    case = noticed()
    entry_id = some_id()
    case.decide_listing(listing(), entry_id, TODAY)
    return case, entry_id


# -- evidence --------------------------------------------------------------------------------


def test_evidence_is_added_to_an_undecided_case() -> None:
    case = opened()

    case.add_evidence("招聘广告截图", "证据-001")

    assert [(e.description, e.reference) for e in case.evidence] == [("招聘广告截图", "证据-001")]


def test_no_evidence_is_added_once_the_case_is_decided() -> None:
    case, _ = decided()

    with pytest.raises(InvalidState, match="decided"):
        case.add_evidence("补充材料", None)


# -- notice and statement --------------------------------------------------------------------


def test_a_notice_gives_the_statement_period_in_working_days() -> None:
    case = opened()

    case.serve_notice(ListType.BLACKLIST, SERVED, 5, CALENDAR, SERVED)

    assert case.status is CaseStatus.NOTICE_SERVED
    assert case.notice is not None
    assert (case.notice.proposed, case.notice.statement_deadline) == (
        ListType.BLACKLIST,
        STATEMENT_DEADLINE,
    )


def test_a_notice_cannot_be_served_in_the_future() -> None:
    case = opened()

    with pytest.raises(ValidationFailed) as refused:
        case.serve_notice(ListType.BLACKLIST, SERVED + timedelta(days=1), 5, CALENDAR, SERVED)
    assert refused.value.context == {"field": "served_on"}
    assert case.notice is None


@pytest.mark.parametrize("days", [0, 61])
def test_the_statement_period_is_one_to_sixty_working_days(days: int) -> None:
    case = opened()

    with pytest.raises(ValidationFailed) as refused:
        case.serve_notice(ListType.BLACKLIST, SERVED, days, CALENDAR, SERVED)
    assert refused.value.context == {"field": "statement_days"}
    case.serve_notice(ListType.BLACKLIST, SERVED, 60, CALENDAR, SERVED)
    assert case.notice is not None and case.notice.statement_deadline == date(2025, 12, 30)


def test_no_notice_is_served_once_the_case_is_decided() -> None:
    case, _ = decided()

    with pytest.raises(InvalidState, match="decided"):
        case.serve_notice(ListType.FOCUS, TODAY, 5, CALENDAR, TODAY)


def test_no_statement_is_due_before_a_notice() -> None:
    case = opened()

    with pytest.raises(InvalidState, match="no notice"):
        case.receive_statement("我公司没有发布该广告", SERVED, SERVED)


def test_a_statement_is_received_after_the_notice() -> None:
    case = noticed()

    case.receive_statement("我公司没有发布该广告", date(2025, 10, 9), TODAY)

    assert [(s.text, s.received_on) for s in case.statements] == [
        ("我公司没有发布该广告", date(2025, 10, 9))
    ]


def test_a_statement_cannot_be_received_in_the_future() -> None:
    case = noticed()

    with pytest.raises(ValidationFailed) as refused:
        case.receive_statement("陈述", TODAY + timedelta(days=1), TODAY)
    assert refused.value.context == {"field": "received_on"}


def test_no_statement_is_received_once_the_case_is_decided() -> None:
    case, _ = decided()

    with pytest.raises(InvalidState):
        case.receive_statement("迟到的陈述", TODAY, TODAY)


# -- the decision ----------------------------------------------------------------------------


def test_a_blacklisting_needs_a_served_notice() -> None:
    case = opened()

    with pytest.raises(NoticeRequired):
        case.decide_listing(listing(), some_id(), TODAY)
    assert case.is_undecided


def test_a_blacklisting_waits_for_the_statement_period_to_end() -> None:
    case = noticed()

    with pytest.raises(StatementPeriodOpen) as refused:
        case.decide_listing(listing(decided_on=STATEMENT_DEADLINE), some_id(), TODAY)
    assert refused.value.context == {"statement_deadline": "2025-10-14"}
    case.decide_listing(listing(decided_on=date(2025, 10, 15)), some_id(), TODAY)
    assert case.status is CaseStatus.DECIDED


def test_a_statement_received_ends_the_period_early() -> None:
    case = noticed()
    case.receive_statement("我公司没有发布该广告", date(2025, 10, 9), TODAY)

    case.decide_listing(listing(decided_on=date(2025, 10, 10)), some_id(), TODAY)

    assert case.status is CaseStatus.DECIDED


def test_a_penalty_listing_needs_no_notice() -> None:
    case = opened()

    case.decide_listing(listing(ListType.PENALTY), some_id(), TODAY)

    assert case.decision is not None and case.decision.outcome is Outcome.LISTING


def test_a_decision_date_cannot_be_in_the_future() -> None:
    case = noticed()

    with pytest.raises(ValidationFailed) as refused:
        case.decide_listing(listing(decided_on=TODAY + timedelta(days=1)), some_id(), TODAY)
    assert refused.value.context["field"] == "decision_date"


def test_a_listing_decision_names_its_entry_and_what_it_says() -> None:
    case, entry_id = decided()

    assert case.entry_id == entry_id
    assert case.decision is not None
    assert case.decision.listing == listing()


def test_a_case_is_decided_only_once() -> None:
    case, _ = decided()

    with pytest.raises(InvalidState, match="decided"):
        case.decide_listing(listing(ListType.PENALTY), some_id(), TODAY)
    with pytest.raises(InvalidState, match="decided"):
        case.dismiss(TODAY, TODAY)
    with pytest.raises(InvalidState):
        case.check_listing(listing(), TODAY)


def test_a_dismissed_case_makes_no_entry() -> None:
    case = noticed()

    case.dismiss(TODAY, TODAY)

    assert (case.status, case.entry_id) == (CaseStatus.DISMISSED, None)
    assert case.decision is not None and case.decision.listing is None


def test_a_dismissal_cannot_be_dated_in_the_future() -> None:
    case = opened()

    with pytest.raises(ValidationFailed):
        case.dismiss(TODAY + timedelta(days=1), TODAY)
    assert case.is_undecided


def test_checking_a_listing_records_nothing() -> None:
    case = noticed()
    events = len(case.pending_events)

    case.check_listing(listing(), TODAY)

    assert len(case.pending_events) == events and case.is_undecided


# -- closure ---------------------------------------------------------------------------------


def test_only_a_decided_case_is_closed() -> None:
    case = noticed()

    with pytest.raises(InvalidState, match="notice_served"):
        case.close(TODAY)


def dismissed() -> Case:
    case = opened()
    case.dismiss(TODAY, TODAY)
    return case


@pytest.mark.parametrize("made", [lambda: decided()[0], dismissed], ids=["decided", "dismissed"])
def test_a_decided_or_dismissed_case_is_closed_once(made: Callable[[], Case]) -> None:
    case = made()

    case.close(TODAY)

    assert case.status is CaseStatus.CLOSED
    with pytest.raises(InvalidState, match="closed"):
        case.close(TODAY)


def test_replaying_a_cases_events_gives_the_same_case() -> None:
    case = noticed()
    case.add_evidence("招聘广告截图", None)
    case.receive_statement("陈述", date(2025, 10, 9), TODAY)
    case.decide_listing(listing(), some_id(), TODAY)
    case.close(TODAY)

    assert replayed(case) == case

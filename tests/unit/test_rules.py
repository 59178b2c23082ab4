"""Publication windows, eligibility dates and working-day deadlines against every regime of
regulations.md §2, including each regime's first day and the holidays around them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.calendar import add_working_days
from domain.errors import MinorProtected, NoticeRequired, StatementPeriodOpen
from domain.reference import ListType, NoRegimeInForce, Severity
from domain.rules import (
    NoticeFacts,
    add_months,
    is_published_by_rule,
    minor_is_protected,
    notice_allows_decision,
    publication_window,
    publish_deadline,
)
from domain.subject import SubjectKind
from infrastructure.calendar import ChineseWorkingCalendar
from infrastructure.reference_data.loader import load_reference_data

REFERENCE = load_reference_data()
CALENDAR = ChineseWorkingCalendar()

# (regime, first day, (general min, max), (serious min, max)) in months, from regulations.md §2
REGIMES = [
    ("ndrc_2019_527", date(2019, 7, 1), (3, 12), (6, 36)),
    ("ndrc_order_58", date(2023, 5, 1), (3, 12), (12, 36)),
    ("state_council_2025_22", date(2025, 6, 22), (3, 12), (12, 36)),
    ("ndrc_order_36", date(2026, 4, 1), (3, 12), (12, 36)),
]


@pytest.mark.parametrize(("code", "first_day", "general", "serious"), REGIMES)
def test_the_regime_in_force_on_its_first_day_fixes_the_window(
    code: str, first_day: date, general: tuple[int, int], serious: tuple[int, int]
) -> None:
    regime = REFERENCE.regime_on(first_day)
    assert regime.code == code
    if first_day != REGIMES[0][1]:
        assert REFERENCE.regime_on(first_day - timedelta(days=1)).code != code
    for severity, (low, high) in ((Severity.GENERAL, general), (Severity.SERIOUS, serious)):
        window = publication_window(regime, ListType.BLACKLIST, severity, first_day)
        assert window.min_end == add_months(first_day, low)
        assert window.max_end == add_months(first_day, high)


def test_the_2019_regime_let_serious_cases_out_after_six_months_later_ones_after_a_year() -> None:
    decided = date(2023, 4, 30)
    before = publication_window(
        REFERENCE.regime_on(decided), ListType.PENALTY, Severity.SERIOUS, decided
    )
    after = publication_window(
        REFERENCE.regime_on(decided + timedelta(days=1)),
        ListType.PENALTY,
        Severity.SERIOUS,
        decided + timedelta(days=1),
    )
    assert before.min_end == date(2023, 10, 30)
    assert after.min_end == date(2024, 5, 1)


def test_a_decision_before_the_first_regime_is_refused() -> None:
    with pytest.raises(NoRegimeInForce) as refused:
        REFERENCE.regime_on(date(2014, 6, 13))
    assert refused.value.code == "no_regime_in_force"
    assert refused.value.context["earliest_date"] == "2014-06-14"
    assert REFERENCE.regime_on(date(2019, 6, 30)).code == "huaian_2018"


@pytest.mark.parametrize(("code", "first_day", "general", "serious"), REGIMES)
def test_minor_severity_is_never_published(
    code: str, first_day: date, general: object, serious: object
) -> None:
    regime = REFERENCE.regime_on(first_day)
    assert not is_published_by_rule(
        regime, ListType.PENALTY, Severity.MINOR, SubjectKind.LEGAL_PERSON
    )
    assert is_published_by_rule(
        regime, ListType.PENALTY, Severity.GENERAL, SubjectKind.LEGAL_PERSON
    )


def test_a_natural_persons_penalty_stays_private_but_a_blacklisting_is_published() -> None:
    regime = REFERENCE.regime_on(date(2026, 5, 1))
    person = SubjectKind.NATURAL_PERSON
    assert not is_published_by_rule(regime, ListType.PENALTY, Severity.SERIOUS, person)
    assert is_published_by_rule(regime, ListType.BLACKLIST, Severity.SERIOUS, person)


def test_months_are_added_to_the_last_day_of_a_short_month() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("decided", "deadline"),
    [
        (date(2025, 12, 29), date(2026, 1, 8)),  # across New Year 2026 (1–3 Jan off, 4 Jan on)
        (date(2025, 9, 26), date(2025, 10, 13)),  # Golden Week 2025: 28 Sep and 11 Oct worked
        (date(2024, 9, 27), date(2024, 10, 12)),  # Golden Week 2024: 29 Sep and 12 Oct worked
    ],
)
def test_the_seven_working_day_publication_deadline_skips_holidays(
    decided: date, deadline: date
) -> None:
    assert publish_deadline(CALENDAR, REFERENCE.regime_on(decided), decided) == deadline


def test_the_statement_deadline_runs_in_working_days_across_golden_week() -> None:
    assert add_working_days(CALENDAR, date(2025, 9, 30), 5) == date(2025, 10, 14)


def test_a_black_listing_needs_notice_and_a_closed_statement_period() -> None:
    notice = NoticeFacts(date(2026, 3, 2), date(2026, 3, 9), None)
    with pytest.raises(NoticeRequired):
        notice_allows_decision(ListType.BLACKLIST, None, date(2026, 3, 20))
    with pytest.raises(StatementPeriodOpen):
        notice_allows_decision(ListType.FOCUS, notice, date(2026, 3, 9))
    notice_allows_decision(ListType.BLACKLIST, notice, date(2026, 3, 10))
    heard = NoticeFacts(date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 3))
    notice_allows_decision(ListType.BLACKLIST, heard, date(2026, 3, 4))
    notice_allows_decision(ListType.PENALTY, None, date(2026, 3, 4))


def test_minors_are_protected_from_black_and_focus_lists_only() -> None:
    for list_type in (ListType.BLACKLIST, ListType.FOCUS):
        with pytest.raises(MinorProtected):
            minor_is_protected(True, list_type)
    minor_is_protected(True, ListType.PENALTY)
    minor_is_protected(False, ListType.BLACKLIST)

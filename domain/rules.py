"""The named rules of listing, publication and repair. Pure functions: "today" comes in."""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date

from domain.calendar import WorkingCalendar, add_working_days
from domain.errors import (
    DecisionBeforeNotice,
    DishonestyActive,
    MinorProtected,
    NoticeRequired,
    StatementPeriodOpen,
    ValidationFailed,
)
from domain.reference import ListType, Measure, Regime, Severity
from domain.subject import SubjectKind

DISHONESTY_LISTS = frozenset({ListType.BLACKLIST, ListType.FOCUS})


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Window:
    """The publication period: repair possible from min_end, publication stops at max_end."""

    min_end: date
    max_end: date


def publication_window(
    regime: Regime, list_type: ListType, severity: Severity, decided_on: date
) -> Window:
    """Periods run from the date of the decision document (every regime)."""
    if list_type is ListType.RED:
        months = regime.red_list_valid_months
        return Window(add_months(decided_on, months), add_months(decided_on, months))
    rule = regime.publication[severity]
    return Window(add_months(decided_on, rule.min_months), add_months(decided_on, rule.max_months))


def is_published_by_rule(
    regime: Regime, list_type: ListType, severity: Severity, subject_kind: SubjectKind
) -> bool:
    """Minor severity where the regime says so, and natural persons' penalties, stay private."""
    if list_type is ListType.RED:
        return True
    if not regime.publication[severity].published:
        return False
    return not (
        list_type is ListType.PENALTY
        and subject_kind is SubjectKind.NATURAL_PERSON
        and not regime.natural_person_penalty_published
    )


def publish_deadline(calendar: WorkingCalendar, regime: Regime, decided_on: date) -> date:
    """The seed: public within 7 working days of the decision."""
    return add_working_days(calendar, decided_on, regime.publish_within_working_days)


def minor_is_protected(is_minor_on_decision: bool, list_type: ListType) -> None:
    """A natural person under 18 on the decision date is never blacklisted or focus-listed."""
    if is_minor_on_decision and list_type in DISHONESTY_LISTS:
        raise MinorProtected(
            "a minor (under 18 on the decision date) is never put on the blacklist or focus list"
        )


def decision_date_is_not_future(decided_on: date, today: date) -> None:
    if decided_on > today:
        raise ValidationFailed(
            f"the decision date {decided_on} is in the future", field="decision_date"
        )


def history_end_is_possible(
    decided_on: date, ended_on: date | None, reason: object | None, today: date
) -> None:
    """A record brought from history ends on a day of its own: given with its reason, not
    before its decision and not after today."""
    if (ended_on is None) is not (reason is None):
        missing = "end_reason" if reason is None else "ended_on"
        raise ValidationFailed("ended_on and end_reason go together", field=missing)
    if ended_on is not None and ended_on < decided_on:
        raise ValidationFailed("a record cannot end before its decision", field="ended_on")
    if ended_on is not None and ended_on > today:
        raise ValidationFailed("ended_on cannot be in the future", field="ended_on")


@dataclass(frozen=True)
class NoticeFacts:
    served_on: date
    statement_deadline: date
    statement_received_on: date | None


def notice_allows_decision(
    list_type: ListType, notice: NoticeFacts | None, decided_on: date
) -> None:
    """The procedure in order. A black or focus listing needs a served notice. Where a notice
    was served, whatever the list: the decision is dated on or after its service, and a
    decision inside the statement period needs the statement, received by the decision date
    (a statement that came later was not heard)."""
    if notice is None:
        if list_type in DISHONESTY_LISTS:
            raise NoticeRequired("serve notice (告知) before deciding a black or focus listing")
        return
    decision_is_after_notice(notice, decided_on)
    heard = notice.statement_received_on is not None and notice.statement_received_on <= decided_on
    if not heard and decided_on <= notice.statement_deadline:
        raise StatementPeriodOpen(
            f"the statement period runs until {notice.statement_deadline}",
            statement_deadline=notice.statement_deadline.isoformat(),
        )


def decision_is_after_notice(notice: NoticeFacts | None, decided_on: date) -> None:
    """A decision, listing or dismissal, is dated on or after the notice's service date."""
    if notice is not None and decided_on < notice.served_on:
        raise DecisionBeforeNotice(
            f"decided on {decided_on}, before the notice was served on {notice.served_on}",
            served_on=notice.served_on.isoformat(),
        )


def is_dishonesty(list_type: ListType, severity: Severity | None, published: bool) -> bool:
    """Black and focus listings, and a published serious penalty (regulations §2: "serious"
    includes licence revocation, business restriction, suspension and closure orders)."""
    if list_type in DISHONESTY_LISTS:
        return True
    return list_type is ListType.PENALTY and severity is Severity.SERIOUS and published


def red_list_excludes_dishonesty(list_type: ListType, dishonesty_entry_ids: list[str]) -> None:
    """No honour while a dishonesty entry of the subject is active (守信激励 and 失信惩戒 exclude
    each other); a later dishonesty listing ends the honour instead."""
    if list_type is ListType.RED and dishonesty_entry_ids:
        raise DishonestyActive(
            "the subject has an active dishonesty entry: it cannot be put on the red list",
            entry_ids=dishonesty_entry_ids,
        )


def measure_outlives_entry(measure: Measure, decided_on: date, today: date) -> bool:
    """A lifetime measure (终身) outlives repair and expiry; one with its own term runs it out."""
    if measure.lifetime:
        return True
    return measure.term_months is not None and today < add_months(decided_on, measure.term_months)

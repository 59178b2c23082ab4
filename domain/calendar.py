"""Working-day arithmetic for deadlines (regulations §5).

Which days are working days is a fact supplied from outside (the official calendar lives in
infrastructure); this module only counts them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

# No real calendar goes a year without a working day; reaching this means the calendar is broken,
# and failing beats looping forever.
MAX_DAYS_WITHOUT_WORK = 366

_ONE_DAY = timedelta(days=1)


class WorkingCalendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...


class WeekdayCalendar:
    """Monday to Friday, no holidays: the plainest calendar, and a fake for tests."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


def next_working_day_on_or_after(calendar: WorkingCalendar, day: date) -> date:
    candidate = day
    for _ in range(MAX_DAYS_WITHOUT_WORK):
        if calendar.is_working_day(candidate):
            return candidate
        candidate += _ONE_DAY
    raise ValueError(f"no working day within {MAX_DAYS_WITHOUT_WORK} days from {day}")


def add_working_days(calendar: WorkingCalendar, start: date, days: int) -> date:
    """The `days`-th working day strictly after `start`; `start` itself never counts."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    day = start
    for _ in range(days):
        day = next_working_day_on_or_after(calendar, day + _ONE_DAY)
    return day


def working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    """How many working days fall in (start, end]; none when end is not after start."""
    span = (end - start).days
    return sum(
        1 for offset in range(1, span + 1) if calendar.is_working_day(start + timedelta(offset))
    )

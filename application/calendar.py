"""Use cases of the working calendar: an admin loads next year's holiday schedule; anyone reads
which days a year's deadlines count, and where that year's days come from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from application.app import ChengxinApp
from domain.errors import ValidationFailed
from domain.holiday_schedule import HolidaySchedule, schedule_id_for

WARN_FROM_MONTH = 11  # from 1 November, next year's schedule is due (regulations §5)
Days = tuple[frozenset[date], frozenset[date]]


class HolidayCalendar(Protocol):
    def source_of(self, year: int) -> str: ...
    def days_of(self, year: int) -> Days: ...
    def covers_officially(self, year: int) -> bool: ...
    def forget(self, year: int) -> None: ...


@dataclass(frozen=True)
class CalendarYear:
    year: int
    source: str  # official, loaded, fallback
    holidays: list[date]
    workdays: list[date]


class CalendarService:
    def __init__(self, app: ChengxinApp, calendar: HolidayCalendar) -> None:
        self.app = app
        self.calendar = calendar

    def load(self, year: int, holidays: list[date], workdays: list[date]) -> HolidaySchedule:
        if self.calendar.covers_officially(year):
            raise ValidationFailed(
                f"the official calendar data covers {year}: its schedule cannot be replaced",
                field="year",
            )
        schedule_id = schedule_id_for(year)
        if self.app.exists(schedule_id):
            schedule = self.app.load(HolidaySchedule, schedule_id, "holiday schedule")
            schedule.replace(holidays, workdays)
        else:
            schedule = HolidaySchedule.load(year, holidays, workdays)
        self.app.save(schedule)
        self.calendar.forget(year)
        return schedule

    def loaded_days(self, year: int) -> Days | None:
        """What an admin loaded for `year`: the calendar asks this for non-official years."""
        schedule_id = schedule_id_for(year)
        if not self.app.exists(schedule_id):
            return None
        schedule = self.app.load(HolidaySchedule, schedule_id, "holiday schedule")
        return frozenset(schedule.holidays), frozenset(schedule.workdays)

    def year(self, year: int) -> CalendarYear:
        holidays, workdays = self.calendar.days_of(year)
        return CalendarYear(year, self.calendar.source_of(year), sorted(holidays), sorted(workdays))

    def missing_next_year(self, today: date) -> int | None:
        """Next year, when its schedule is due (from 1 November) and nothing covers it yet."""
        following = today.year + 1
        if today.month >= WARN_FROM_MONTH and self.calendar.source_of(following) == "fallback":
            return following
        return None

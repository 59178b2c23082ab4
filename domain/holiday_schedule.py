"""A year's holiday schedule as the State Council announces it (国务院办公厅关于<year>年部分节假日
安排的通知), loaded by an admin for a year the official calendar data does not cover yet
(regulations §5). Loading it again replaces it; both are events, so every deadline can be
traced to the schedule in force when it was computed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import ValidationFailed

SATURDAY = 5
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def schedule_id_for(year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:holiday-schedule:{year}")


def check_schedule(year: int, holidays: list[date], workdays: list[date]) -> None:
    """Every date once, only in that year; a workday (调休) is a weekend day that is worked."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationFailed(f"{year} is not a year a schedule can be loaded for", field="year")
    for field, days in (("holidays", holidays), ("workdays", workdays)):
        twice = sorted(day for day, count in Counter(days).items() if count > 1)
        if twice:
            raise ValidationFailed(f"{twice[0]} is listed twice in {field}", field=field)
        elsewhere = sorted(day for day in days if day.year != year)
        if elsewhere:
            raise ValidationFailed(f"{elsewhere[0]} is not in {year}", field=field)
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise ValidationFailed(f"{both[0]} is both a holiday and a workday", field="workdays")
    weekdays = sorted(day for day in workdays if day.weekday() < SATURDAY)
    if weekdays:
        raise ValidationFailed(
            f"{weekdays[0]} is a weekday: workdays lists only weekend days that are worked",
            field="workdays",
        )


class HolidaySchedule(AttributedAggregate):
    class Loaded(AttributedAggregate.Created):
        year: int
        holidays: list[date]
        workdays: list[date]

    class Replaced(AttributedAggregate.Event):
        holidays: list[date]
        workdays: list[date]

    @staticmethod
    def create_id(year: int) -> UUID:
        return schedule_id_for(year)

    @classmethod
    def load(cls, year: int, holidays: list[date], workdays: list[date]) -> HolidaySchedule:
        check_schedule(year, holidays, workdays)
        return cls(year=year, holidays=sorted(holidays), workdays=sorted(workdays))

    @event(Loaded)
    def __init__(self, year: int, holidays: list[date], workdays: list[date]) -> None:
        self.year = year
        self.holidays = holidays
        self.workdays = workdays

    def replace(self, holidays: list[date], workdays: list[date]) -> None:
        check_schedule(self.year, holidays, workdays)
        if (sorted(holidays), sorted(workdays)) != (self.holidays, self.workdays):
            self._replaced(holidays=sorted(holidays), workdays=sorted(workdays))

    @event(Replaced)
    def _replaced(self, holidays: list[date], workdays: list[date]) -> None:
        self.holidays = holidays
        self.workdays = workdays

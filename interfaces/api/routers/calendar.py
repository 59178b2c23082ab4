"""The working calendar: which days a year's deadlines count, and an admin's loading of a year's
State Council holiday schedule."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from application.calendar import CalendarYear
from domain.holiday_schedule import EARLIEST_YEAR, LATEST_YEAR
from interfaces.api.deps import Admin, System
from interfaces.api.schemas import Body

router = APIRouter(prefix="/api/v1/calendar", tags=["calendar"])

Year = Annotated[int, Path(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
DAYS_A_YEAR = 366


class Schedule(Body):
    holidays: list[date] = Field(max_length=DAYS_A_YEAR, description="every day off")
    workdays: list[date] = Field(
        default_factory=list,
        max_length=DAYS_A_YEAR,
        description="weekend days that are working days (调休)",
    )


class CalendarYearOut(BaseModel):
    year: int
    source: Literal["official", "loaded", "fallback"]
    holidays: list[date]
    workdays: list[date]


def year_out(year: CalendarYear) -> CalendarYearOut:
    return CalendarYearOut.model_validate(asdict(year))


@router.get("/{year}", response_model=CalendarYearOut)
def calendar_year(year: Year, system: System) -> CalendarYearOut:
    """Where the year's days come from: the official data, a loaded schedule, or Monday-Friday."""
    return year_out(system.schedules.year(year))


@router.put("/{year}", response_model=CalendarYearOut)
def load_calendar_year(year: Year, body: Schedule, system: System, _: Admin) -> CalendarYearOut:
    """Load (or replace) the State Council's holiday schedule for a year the official data lacks."""
    system.schedules.load(year, body.holidays, body.workdays)
    return year_out(system.schedules.year(year))

"""The official Chinese working calendar (regulations §5), with a declared fallback.

Years the `chinesecalendar` package covers use its holidays and adjusted workdays (调休). Any
other year uses the schedule an admin loaded for it (`chengxin calendar load`, `PUT
/api/v1/calendar/{year}`), else the override file of announced dates if it lists that year,
otherwise Monday to Friday; the fallback is logged once per year, never guessed silently, and
shown beside the deadlines it computes. A process re-reads what was loaded for a non-official
year every few minutes, so a schedule loaded through one server reaches all of them.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import chinese_calendar

log = logging.getLogger("chengxin.calendar")

DEFAULT_OVERRIDES = Path(__file__).parent / "reference_data" / "workdays.json"
OVERRIDES_VERSION = 1

_YEAR = re.compile(r"\d{4}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELDS = frozenset({"holidays", "workdays"})


class CalendarDataError(Exception):
    """The override file of announced dates cannot be trusted."""


@dataclass(frozen=True)
class AnnouncedYear:
    """One year's State Council announcement: days off and weekend days worked."""

    holidays: frozenset[date]
    workdays: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() < 5


class _Source(Enum):
    OFFICIAL = "official"
    LOADED = "loaded"
    OVERRIDE = "override"
    WEEKDAYS = "weekdays"


# What the API and the pages call each source: an override file is loaded data too.
SOURCE_NAMES = {
    _Source.OFFICIAL: "official",
    _Source.LOADED: "loaded",
    _Source.OVERRIDE: "loaded",
    _Source.WEEKDAYS: "fallback",
}
RECHECK_S = 300.0
Days = tuple[frozenset[date], frozenset[date]]  # (holidays, weekend days worked)
Schedules = Callable[[int], Days | None]


def no_schedules(year: int) -> Days | None:
    return None


class ChineseWorkingCalendar:
    def __init__(
        self,
        overrides: Path | None = None,
        schedules: Schedules = no_schedules,
        recheck_s: float = RECHECK_S,
    ) -> None:
        self._overrides_path = Path(overrides) if overrides is not None else DEFAULT_OVERRIDES
        self._announced = load_overrides(self._overrides_path)
        self.schedules = schedules
        self._recheck_s = recheck_s
        self._sources: dict[int, tuple[_Source, AnnouncedYear | None, float]] = {}
        self._days: dict[date, bool] = {}
        self._lock = threading.Lock()

    def is_working_day(self, day: date) -> bool:
        known = self._days.get(day)
        if known is not None:
            return known
        source, announced = self._source_for(day.year)
        if source is _Source.OFFICIAL:
            known = self._days[day] = bool(chinese_calendar.is_workday(day))
            return known
        if announced is not None:
            return announced.is_working_day(day)
        return day.weekday() < 5

    def source_of(self, year: int) -> str:
        """`official`, `loaded` (by an admin or the override file) or `fallback` (Mon-Fri)."""
        return SOURCE_NAMES[self._source_for(year)[0]]

    def is_estimated(self, day: date) -> bool:
        """True when `day` lies in a year counted Monday to Friday, without its holidays."""
        return self._source_for(day.year)[0] is _Source.WEEKDAYS

    def days_of(self, year: int) -> Days:
        """The year's days off and weekend days worked, as the calendar counts them."""
        source, announced = self._source_for(year)
        if source is _Source.OFFICIAL:
            return (
                frozenset(d for d in chinese_calendar.holidays if d.year == year),
                frozenset(d for d in chinese_calendar.workdays if d.year == year),
            )
        if announced is None:
            return frozenset(), frozenset()
        return announced.holidays, announced.workdays

    def covers_officially(self, year: int) -> bool:
        return _official_gap(year) is None

    def forget(self, year: int) -> None:
        """A schedule for `year` was loaded: decide its source again."""
        with self._lock:
            self._sources.pop(year, None)

    def _source_for(self, year: int) -> tuple[_Source, AnnouncedYear | None]:
        with self._lock:
            known = self._sources.get(year)
            if known is None or (known[0] is not _Source.OFFICIAL and time.monotonic() > known[2]):
                source, announced = self._decide_source(year, warn=known is None)
                known = (source, announced, time.monotonic() + self._recheck_s)
                self._sources[year] = known
            return known[0], known[1]

    def _decide_source(self, year: int, warn: bool) -> tuple[_Source, AnnouncedYear | None]:
        gap = _official_gap(year)
        if gap is None:
            if year in self._announced and warn:
                log.warning(
                    "%s lists %d, which the official calendar covers: official data used, "
                    "override for %d ignored",
                    self._overrides_path,
                    year,
                    year,
                )
            return _Source.OFFICIAL, None
        loaded = self.schedules(year)
        if loaded is not None:
            return _Source.LOADED, AnnouncedYear(holidays=loaded[0], workdays=loaded[1])
        if year in self._announced:
            return _Source.OVERRIDE, self._announced[year]
        if warn:
            self._warn_fallback(year, gap)
        return _Source.WEEKDAYS, None

    def _warn_fallback(self, year: int, gap: str) -> None:
        log.warning(
            "year %d is outside the official holiday data (chinesecalendar %s: %s) and not in "
            "%s: falling back to Monday-Friday working days, without that year's holidays or "
            "adjusted workdays; load the State Council announcement (chengxin calendar load)",
            year,
            chinese_calendar.__version__,
            gap,
            self._overrides_path,
        )


def _official_gap(year: int) -> str | None:
    """Why the official data cannot answer for `year`, or None when it can."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError as error:
        return str(error)
    return None


def load_overrides(path: Path) -> dict[int, AnnouncedYear]:
    document = _read_json(path)
    if not isinstance(document, dict) or document.get("version") != OVERRIDES_VERSION:
        raise CalendarDataError(
            f'{path}: expected a JSON object with "version": {OVERRIDES_VERSION}'
        )
    years = document.get("years")
    if not isinstance(years, dict):
        raise CalendarDataError(f'{path}: "years" must be an object keyed by year')
    announced = {}
    for key, entry in years.items():
        year = _parse_year(path, key)
        announced[year] = _parse_announced_year(path, year, entry)
    return announced


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CalendarDataError(f"cannot read working-day overrides {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise CalendarDataError(f"{path} is not valid JSON: {error}") from error


def _parse_year(path: Path, key: str) -> int:
    if not _YEAR.fullmatch(key):
        raise CalendarDataError(f"{path}: year key {key!r} is not a four-digit year")
    return int(key)


def _parse_announced_year(path: Path, year: int, entry: Any) -> AnnouncedYear:
    if not isinstance(entry, dict) or not set(entry) <= _FIELDS:
        raise CalendarDataError(
            f'{path}: years["{year}"] must be an object with only "holidays" and "workdays"'
        )
    holidays = _parse_dates(path, year, "holidays", entry.get("holidays", []))
    workdays = _parse_dates(path, year, "workdays", entry.get("workdays", []))
    both = holidays & workdays
    if both:
        raise CalendarDataError(
            f'{path}: years["{year}"] lists {min(both)} as both a holiday and a workday'
        )
    return AnnouncedYear(holidays=holidays, workdays=workdays)


def _parse_dates(path: Path, year: int, field: str, values: Any) -> frozenset[date]:
    if not isinstance(values, list):
        raise CalendarDataError(f'{path}: years["{year}"].{field} must be a list of dates')
    return frozenset(_parse_date(path, year, field, value) for value in values)


def _parse_date(path: Path, year: int, field: str, value: Any) -> date:
    where = f'{path}: years["{year}"].{field}'
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CalendarDataError(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise CalendarDataError(f"{where}: {value!r} is not a real date") from error
    if day.year != year:
        raise CalendarDataError(f"{where}: {value} is in {day.year}, not {year}")
    return day

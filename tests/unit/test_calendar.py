import json
import logging
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import (
    WeekdayCalendar,
    WorkingCalendar,
    add_working_days,
    next_working_day_on_or_after,
    working_days_between,
)
from infrastructure.calendar import CalendarDataError, ChineseWorkingCalendar

OFFICIAL = ChineseWorkingCalendar()
WEEKDAYS = WeekdayCalendar()


def _write_overrides(tmp_path: Path, years: object) -> Path:
    path = tmp_path / "workdays.json"
    path.write_text(json.dumps({"version": 1, "source": "test", "years": years}))
    return path


def _calendar_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "chengxin.calendar" and record.levelno == logging.WARNING
    ]


class NeverWorking:
    def is_working_day(self, day: date) -> bool:
        return False


class TestCounting:
    def test_the_start_day_never_counts(self) -> None:
        assert add_working_days(WEEKDAYS, date(2025, 3, 3), 1) == date(2025, 3, 4)

    def test_a_weekend_start_counts_from_monday(self) -> None:
        assert add_working_days(WEEKDAYS, date(2025, 3, 8), 1) == date(2025, 3, 10)

    @pytest.mark.parametrize("days", [0, -3])
    def test_fewer_than_one_day_is_refused(self, days: int) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            add_working_days(WEEKDAYS, date(2025, 3, 3), days)

    def test_days_between_excludes_the_start_and_includes_the_end(self) -> None:
        assert working_days_between(WEEKDAYS, date(2025, 3, 3), date(2025, 3, 10)) == 5

    def test_no_days_lie_between_a_day_and_an_earlier_one(self) -> None:
        assert working_days_between(WEEKDAYS, date(2025, 3, 10), date(2025, 3, 3)) == 0
        assert working_days_between(WEEKDAYS, date(2025, 3, 10), date(2025, 3, 10)) == 0

    def test_a_working_day_is_its_own_next_working_day(self) -> None:
        assert next_working_day_on_or_after(WEEKDAYS, date(2025, 3, 7)) == date(2025, 3, 7)
        assert next_working_day_on_or_after(WEEKDAYS, date(2025, 3, 8)) == date(2025, 3, 10)

    def test_a_calendar_without_working_days_fails_instead_of_looping(self) -> None:
        with pytest.raises(ValueError, match="no working day"):
            add_working_days(NeverWorking(), date(2025, 3, 3), 1)


class TestOfficialCalendar:
    def test_new_year_2025_is_one_day_off(self) -> None:
        assert not OFFICIAL.is_working_day(date(2025, 1, 1))
        assert add_working_days(OFFICIAL, date(2024, 12, 31), 1) == date(2025, 1, 2)

    def test_new_year_2026_skips_three_days_and_works_the_sunday_after(self) -> None:
        assert OFFICIAL.is_working_day(date(2026, 1, 4))
        assert add_working_days(OFFICIAL, date(2025, 12, 30), 5) == date(2026, 1, 7)

    def test_golden_week_2024_with_its_adjusted_sunday_and_saturday(self) -> None:
        assert OFFICIAL.is_working_day(date(2024, 9, 29))
        assert not any(OFFICIAL.is_working_day(date(2024, 10, d)) for d in range(1, 8))
        assert OFFICIAL.is_working_day(date(2024, 10, 12))
        assert add_working_days(OFFICIAL, date(2024, 9, 27), 3) == date(2024, 10, 8)
        assert working_days_between(OFFICIAL, date(2024, 9, 30), date(2024, 10, 12)) == 5

    def test_golden_week_2025_with_its_adjusted_sunday_and_saturday(self) -> None:
        assert OFFICIAL.is_working_day(date(2025, 9, 28))
        assert not any(OFFICIAL.is_working_day(date(2025, 10, d)) for d in range(1, 9))
        assert OFFICIAL.is_working_day(date(2025, 10, 11))
        assert add_working_days(OFFICIAL, date(2025, 9, 26), 1) == date(2025, 9, 28)
        assert add_working_days(OFFICIAL, date(2025, 9, 30), 1) == date(2025, 10, 9)
        assert working_days_between(OFFICIAL, date(2025, 9, 30), date(2025, 10, 12)) == 3

    def test_spring_festival_2026_is_nine_days_between_two_working_saturdays(self) -> None:
        assert OFFICIAL.is_working_day(date(2026, 2, 14))
        assert not any(OFFICIAL.is_working_day(date(2026, 2, d)) for d in range(15, 24))
        assert OFFICIAL.is_working_day(date(2026, 2, 28))
        assert add_working_days(OFFICIAL, date(2026, 2, 13), 2) == date(2026, 2, 24)
        assert working_days_between(OFFICIAL, date(2026, 2, 13), date(2026, 2, 28)) == 6

    def test_a_start_on_a_holiday_counts_from_the_first_working_day_after(self) -> None:
        assert add_working_days(OFFICIAL, date(2025, 10, 1), 1) == date(2025, 10, 9)
        assert next_working_day_on_or_after(OFFICIAL, date(2025, 10, 1)) == date(2025, 10, 9)

    def test_a_start_on_an_adjusted_workday_still_does_not_count(self) -> None:
        assert add_working_days(OFFICIAL, date(2025, 9, 28), 1) == date(2025, 9, 29)


class TestYearsOutsideTheOfficialData:
    def test_2027_falls_back_to_weekdays_and_warns_once(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="chengxin.calendar")
        calendar = ChineseWorkingCalendar(_write_overrides(tmp_path, {}))

        assert calendar.is_working_day(date(2027, 1, 1))
        assert add_working_days(calendar, date(2027, 1, 1), 1) == date(2027, 1, 4)
        assert working_days_between(calendar, date(2026, 12, 31), date(2027, 3, 31)) == 64

        (warning,) = _calendar_warnings(caplog)
        assert "2027" in warning
        assert "Monday-Friday" in warning

    def test_each_uncovered_year_warns_for_itself(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="chengxin.calendar")
        calendar = ChineseWorkingCalendar(_write_overrides(tmp_path, {}))

        assert calendar.is_working_day(date(2003, 6, 2))
        assert not calendar.is_working_day(date(2028, 1, 1))
        assert calendar.is_working_day(date(2028, 1, 3))

        warnings = _calendar_warnings(caplog)
        assert [("2003" in w, "2028" in w) for w in warnings] == [(True, False), (False, True)]

    def test_announced_dates_in_the_override_file_are_honoured_without_warning(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="chengxin.calendar")
        # Invented dates, not the real 2027 notice.
        overrides = {"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-02-06"]}}
        calendar = ChineseWorkingCalendar(_write_overrides(tmp_path, overrides))

        assert not calendar.is_working_day(date(2027, 1, 1))
        assert calendar.is_working_day(date(2027, 2, 6))
        assert calendar.is_working_day(date(2027, 2, 8))
        assert add_working_days(calendar, date(2026, 12, 31), 1) == date(2027, 1, 4)
        assert _calendar_warnings(caplog) == []

    def test_official_data_wins_over_an_override_for_a_covered_year(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="chengxin.calendar")
        path = _write_overrides(tmp_path, {"2025": {"holidays": ["2025-10-09"]}})
        calendar = ChineseWorkingCalendar(path)

        assert calendar.is_working_day(date(2025, 10, 9))
        (warning,) = _calendar_warnings(caplog)
        assert "ignored" in warning


class TestOverrideFileValidation:
    @pytest.mark.parametrize(
        ("years", "offender"),
        [
            ({"2027": {"holidays": ["2027-02-30"]}}, "2027-02-30"),
            ({"2027": {"holidays": ["1 May 2027"]}}, "1 May 2027"),
            ({"2027": {"workdays": ["20270206"]}}, "20270206"),
            ({"2027": {"workdays": ["2026-10-10"]}}, "2026-10-10"),
            ({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}}, "2027-01-01"),
            ({"27": {"holidays": []}}, "'27'"),
            ({"2027": {"holiday": ["2027-01-01"]}}, '"2027"'),
            ({"2027": {"holidays": "2027-01-01"}}, "holidays"),
        ],
    )
    def test_a_bad_entry_is_refused_naming_the_file_and_the_value(
        self, tmp_path: Path, years: object, offender: str
    ) -> None:
        path = _write_overrides(tmp_path, years)
        with pytest.raises(CalendarDataError) as refused:
            ChineseWorkingCalendar(path)
        assert str(path) in str(refused.value)
        assert offender in str(refused.value)

    @pytest.mark.parametrize("content", ["{not json", '{"version": 2, "years": {}}', "[]"])
    def test_a_malformed_file_is_refused_naming_the_file(
        self, tmp_path: Path, content: str
    ) -> None:
        path = tmp_path / "workdays.json"
        path.write_text(content)
        with pytest.raises(CalendarDataError, match=re.escape(str(path))):
            ChineseWorkingCalendar(path)

    def test_a_missing_file_is_refused_naming_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "absent.json"
        with pytest.raises(CalendarDataError, match=re.escape(str(path))):
            ChineseWorkingCalendar(path)


CALENDARS = pytest.mark.parametrize("calendar", [WEEKDAYS, OFFICIAL], ids=["weekdays", "official"])
STARTS = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 10, 31))
COUNTS = st.integers(min_value=1, max_value=40)


@CALENDARS
@given(start=STARTS, days=COUNTS)
def test_each_further_working_day_comes_strictly_later(
    calendar: WorkingCalendar, start: date, days: int
) -> None:
    assert start < add_working_days(calendar, start, days)
    assert add_working_days(calendar, start, days) < add_working_days(calendar, start, days + 1)


@CALENDARS
@given(start=STARTS, days=COUNTS)
def test_counting_the_days_added_gives_back_the_count(
    calendar: WorkingCalendar, start: date, days: int
) -> None:
    deadline = add_working_days(calendar, start, days)
    assert calendar.is_working_day(deadline)
    assert working_days_between(calendar, start, deadline) == days

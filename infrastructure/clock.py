"""Today in the city's time zone: the one place that reads the clock."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


class ChinaClock:
    def today(self) -> date:
        return datetime.now(CHINA).date()


class FixedClock:
    """A clock that says what it is told: for tests, replays, and the demo, which moves `day`
    along each story."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day

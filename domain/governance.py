"""The programme's measure of success: the governance rate of black and focus lists.

The seed (§二) sets the target: all 19 domains' black lists and key-focus lists under governance,
with a governance rate (治理率) of at least 80 %. A listed subject is governed once its conduct
is rectified or its listing has ended (repaired, expired or revoked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import ValidationFailed

TARGET_RATE = 0.8
QUARTERS = (1, 2, 3, 4)
FIRST_YEAR = 2018
LAST_YEAR = 2100


@dataclass(frozen=True)
class Period:
    """A quarter of a year, or the whole year when `quarter` is None."""

    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValidationFailed(
                f"the year is {FIRST_YEAR} to {LAST_YEAR}, not {self.year}", field="year"
            )
        if self.quarter is not None and self.quarter not in QUARTERS:
            raise ValidationFailed("the quarter is 1, 2, 3 or 4", field="quarter")

    @property
    def start(self) -> date:
        month = 1 if self.quarter is None else 3 * self.quarter - 2
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def cutoff(self, today: date) -> date:
        """Counts stand as of the period's last day, or today while the period runs."""
        return min(self.end, today)

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)


def governance_rate(listed: int, governed: int) -> float:
    """governed / listed; with nothing listed there is nothing left to govern: 1.0."""
    if listed <= 0:
        return 1.0
    return governed / listed


def meets_target(rate: float, target: float = TARGET_RATE) -> bool:
    return rate >= target


def check_target(rate: float) -> float:
    """A unit may aim higher than the programme, never lower."""
    if not TARGET_RATE <= rate <= 1:
        raise ValidationFailed(
            f"a unit's target rate is {TARGET_RATE} to 1, not {rate}", field="rate"
        )
    return rate


def target_id_for(unit: str, domain: str, year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:target:{unit}:{domain}:{year}")


class AnnualTarget(AttributedAggregate):
    """A lead unit's own annual goal for one domain (年度治理目标), above the programme's 80 %."""

    class Set(AttributedAggregate.Created):
        unit: str
        domain: str
        year: int
        rate: float
        goal: str

    class Changed(AttributedAggregate.Event):
        rate: float
        goal: str

    @staticmethod
    def create_id(unit: str, domain: str, year: int) -> UUID:
        return target_id_for(unit, domain, year)

    @classmethod
    def set_for(cls, unit: str, domain: str, year: int, rate: float, goal: str) -> AnnualTarget:
        return cls(unit=unit, domain=domain, year=year, rate=check_target(rate), goal=goal.strip())

    @event(Set)
    def __init__(self, unit: str, domain: str, year: int, rate: float, goal: str) -> None:
        self.unit = unit
        self.domain = domain
        self.year = year
        self.rate = rate
        self.goal = goal

    def change(self, rate: float, goal: str) -> None:
        if (rate, goal) != (self.rate, self.goal):
            self._changed(rate=check_target(rate), goal=goal.strip())

    @event(Changed)
    def _changed(self, rate: float, goal: str) -> None:
        self.rate = rate
        self.goal = goal

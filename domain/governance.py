"""The programme's measure of success: the governance rate (治理率) of black and focus lists.

The plan (淮文明委〔2018〕14号, §二 工作目标) asks that by the end of 2018 "19 个领域黑名单、
重点关注名单……治理全覆盖，治理率不低于 80%", and (§三(一) 3) that listed subjects be "督促整改", the
unwilling punished; (§三(二) 4) that listed subjects repair their credit "通过主动纠正失信行为". So,
per domain, unit and period, and nowhere else:

- `listed`: black- and focus-list entries in force during the period: decided by its cutoff and
  not ended (repaired or expired) before it began. A revoked entry was a wrong listing: it leaves
  both numbers, whenever it was revoked.
- `governed`: of those, the entries whose conduct was corrected and the correction verified by
  the deciding department (`ListEntry.RectificationVerified`), or that were repaired, by the
  cutoff. A self-declared rectification without verification does not count, and neither does
  an expiry: time passing is not governance.
- `rate = governed / listed`; with nothing listed there is no rate (None, shown as 无数据): it
  neither meets nor misses the target.

The target is per year and domain (`DomainTarget`, set by the civilisation office), 80 % unless
set: the one figure the dashboard, the statistics and the progress sheet compare against.
The SQL in infrastructure/governance_queries.py counts exactly `is_listed` and `is_governed`.
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


@dataclass(frozen=True)
class EntryFacts:
    """What the governance rule asks of one black- or focus-list entry."""

    decision_date: date
    ends_on: date  # the day it ended (repaired, expired, revoked) or its maximum end
    revoked: bool = False
    repaired_on: date | None = None
    verified_on: date | None = None


def is_listed(facts: EntryFacts, period: Period, cutoff: date) -> bool:
    """In force during the period as of the cutoff, and not a revoked (wrong) listing."""
    return not facts.revoked and facts.decision_date <= cutoff and facts.ends_on > period.start


def is_governed(facts: EntryFacts, cutoff: date) -> bool:
    """Corrected and verified by the deciding department, or repaired, by the cutoff."""
    return any(day is not None and day <= cutoff for day in (facts.verified_on, facts.repaired_on))


def governance_rate(listed: int, governed: int) -> float | None:
    """governed / listed; with nothing listed there is no rate at all."""
    if listed <= 0:
        return None
    return governed / listed


def meets_target(rate: float | None, target: float = TARGET_RATE) -> bool | None:
    """None when there is no rate: a domain with nothing listed is neither met nor missed."""
    return None if rate is None else rate >= target


def check_target(rate: float) -> float:
    """A year's target may be higher than the plan's 80 %, never lower."""
    if not TARGET_RATE <= rate <= 1:
        raise ValidationFailed(f"a target rate is {TARGET_RATE} to 1, not {rate}", field="rate")
    return rate


def target_id_for(unit: str, domain: str, year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:target:{unit}:{domain}:{year}")


def domain_target_id(domain: str, year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:domain-target:{domain}:{year}")


class DomainTarget(AttributedAggregate):
    """A year's target for one domain (年度治理目标), set by the civilisation office."""

    class Set(AttributedAggregate.Created):
        domain: str
        year: int
        rate: float
        goal: str

    class Changed(AttributedAggregate.Event):
        rate: float
        goal: str

    @staticmethod
    def create_id(domain: str, year: int) -> UUID:
        return domain_target_id(domain, year)

    @classmethod
    def set_for(cls, domain: str, year: int, rate: float, goal: str) -> DomainTarget:
        Period(year)
        return cls(domain=domain, year=year, rate=check_target(rate), goal=goal.strip())

    @event(Set)
    def __init__(self, domain: str, year: int, rate: float, goal: str) -> None:
        self.domain = domain
        self.year = year
        self.rate = rate
        self.goal = goal

    def change(self, rate: float, goal: str) -> None:
        if (rate, goal.strip()) != (self.rate, self.goal):
            self._changed(rate=check_target(rate), goal=goal.strip())

    @event(Changed)
    def _changed(self, rate: float, goal: str) -> None:
        self.rate = rate
        self.goal = goal


class AnnualTarget(AttributedAggregate):
    """Superseded by DomainTarget (one target per year and domain, not per unit); kept so
    that stored events still load. Nothing counts against it any more."""

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

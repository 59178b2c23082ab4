"""What the governance statistics say about one domain, and about all of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from domain.governance import TARGET_RATE, Period, governance_rate, meets_target
from domain.reference import GovernanceDomain


@dataclass(frozen=True)
class Target:
    rate: float
    goal: str


@dataclass(frozen=True)
class DomainCounts:
    """Standing as of the cutoff (listed … overdue_repairs) and activity within the period."""

    listed: int = 0
    governed: int = 0
    open_cases: int = 0
    overdue_cases: int = 0
    open_objections: int = 0
    overdue_objections: int = 0
    open_repairs: int = 0
    overdue_repairs: int = 0
    published: int = 0
    published_timely: int = 0
    cases_opened: int = 0
    decided_penalty: int = 0
    decided_blacklist: int = 0
    decided_focus: int = 0
    decided_red: int = 0
    measures_applied: int = 0
    repairs_filed: int = 0
    repairs_approved: int = 0

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> DomainCounts:
        return cls(**{f.name: int(counts.get(f.name, 0) or 0) for f in fields(cls)})

    @property
    def rate(self) -> float | None:
        return governance_rate(self.listed, self.governed)

    @property
    def overdue(self) -> int:
        return self.overdue_cases + self.overdue_objections + self.overdue_repairs

    @property
    def published_timely_share(self) -> float | None:
        """Published within the 7-working-day deadline; None when nothing was published."""
        return self.published_timely / self.published if self.published else None

    @property
    def listings(self) -> int:
        return self.decided_penalty + self.decided_blacklist + self.decided_focus + self.decided_red


@dataclass(frozen=True)
class DomainFigures:
    domain: GovernanceDomain
    counts: DomainCounts
    target: float = TARGET_RATE

    @property
    def meets_target(self) -> bool | None:
        return meets_target(self.counts.rate, self.target)


@dataclass(frozen=True)
class GovernanceReport:
    period: Period
    cutoff: date
    target: float
    domains: list[DomainFigures]
    county: str | None = None  # the county whose records are counted; None: the whole city

    @property
    def met(self) -> int:
        """Domains meeting their target: the dashboard's headline and its green bars."""
        return sum(1 for figures in self.domains if figures.meets_target)

    @property
    def with_data(self) -> int:
        """Domains with anything listed, i.e. with a rate at all."""
        return sum(1 for figures in self.domains if figures.counts.rate is not None)

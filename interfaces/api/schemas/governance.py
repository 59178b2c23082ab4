"""Governance statistics and the lead units' annual targets."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from application.governance_figures import DomainFigures, GovernanceReport
from domain.governance import DomainTarget
from interfaces.api.schemas.common import Body


class TargetBody(Body):
    rate: Annotated[float, Field(ge=0, le=1)]
    goal: Annotated[str, Field(max_length=2000)] = ""


class TargetOut(BaseModel):
    """A domain's target for a year: the office's where set, else 0.8 and the plan's goal."""

    domain: str
    year: int
    rate: float
    goal: str
    set: bool = True


class TargetsOut(BaseModel):
    items: list[TargetOut]


class SetTargetOut(TargetOut):
    id: UUID
    version: int

    @classmethod
    def of(cls, target: DomainTarget) -> SetTargetOut:
        return cls(
            id=target.id,
            domain=target.domain,
            year=target.year,
            rate=target.rate,
            goal=target.goal,
            version=target.version,
        )


class DomainFiguresOut(BaseModel):
    code: str
    number: int
    name_zh: str
    lead_units: list[str]
    listed: int
    governed: int
    rate: float | None
    target: float
    meets_target: bool | None
    open_cases: int
    open_objections: int
    open_repairs: int
    overdue: int
    overdue_cases: int
    overdue_objections: int
    overdue_repairs: int
    published: int
    published_timely_share: float | None
    cases_opened: int
    listings: int
    measures_applied: int
    repairs_approved: int

    @classmethod
    def of(cls, figures: DomainFigures) -> DomainFiguresOut:
        c = figures.counts
        return cls(
            code=figures.domain.code,
            number=figures.domain.number,
            name_zh=figures.domain.name_zh,
            lead_units=list(figures.domain.lead_units),
            listed=c.listed,
            governed=c.governed,
            rate=c.rate,
            target=figures.target,
            meets_target=figures.meets_target,
            open_cases=c.open_cases,
            open_objections=c.open_objections,
            open_repairs=c.open_repairs,
            overdue=c.overdue,
            overdue_cases=c.overdue_cases,
            overdue_objections=c.overdue_objections,
            overdue_repairs=c.overdue_repairs,
            published=c.published,
            published_timely_share=c.published_timely_share,
            cases_opened=c.cases_opened,
            listings=c.listings,
            measures_applied=c.measures_applied,
            repairs_approved=c.repairs_approved,
        )


class PeriodOut(BaseModel):
    start: date
    end: date


class GovernanceOut(BaseModel):
    target: float
    year: int
    quarter: int | None
    period: PeriodOut
    as_of: date
    met: int  # domains meeting their target
    with_data: int  # domains with a rate (something listed)
    county: str | None = None  # the county counted; null: the whole city, counties included
    domains: list[DomainFiguresOut]

    @classmethod
    def of(cls, report: GovernanceReport) -> GovernanceOut:
        return cls(
            target=report.target,
            year=report.period.year,
            quarter=report.period.quarter,
            period=PeriodOut(start=report.period.start, end=report.period.end),
            as_of=report.cutoff,
            met=report.met,
            with_data=report.with_data,
            county=report.county,
            domains=[DomainFiguresOut.of(figures) for figures in report.domains],
        )

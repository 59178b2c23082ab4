"""Reference data as the API shows it: domains, departments, measures, rule regimes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Literal

from pydantic import BaseModel

from domain.reference import (
    County,
    Department,
    GovernanceDomain,
    Level,
    Measure,
    ReferenceData,
    Regime,
)


class DomainOut(BaseModel):
    code: str
    number: int
    name_zh: str
    name_en: str
    lead_units: list[str]
    participating_units: list[str]

    @classmethod
    def of(cls, d: GovernanceDomain) -> DomainOut:
        return cls(**asdict(d))


class DepartmentOut(BaseModel):
    """A unit: city or county level, its county's GB/T 2260 code, the days it existed and the
    unit that took over from it (null while it exists)."""

    code: str
    name_zh: str
    name_en: str
    level: Literal["city", "county"]
    county: str | None
    county_name_zh: str | None
    kind: str  # the city unit whose work it does (itself for a city unit)
    valid_from: date | None
    valid_to: date | None
    successor: str | None

    @classmethod
    def of(cls, d: Department, reference: ReferenceData) -> DepartmentOut:
        county = reference.county(d.county) if d.county else None
        return cls(
            code=d.code,
            name_zh=d.name_zh,
            name_en=d.name_en,
            level="county" if d.level is Level.COUNTY else "city",
            county=d.county,
            county_name_zh=county.name_zh if county else None,
            kind=d.kind_code,
            valid_from=d.valid_from,
            valid_to=d.valid_to,
            successor=d.successor,
        )


class CountyOut(BaseModel):
    code: str
    name_zh: str
    name_en: str
    valid_from: date | None
    valid_to: date | None
    successor: str | None

    @classmethod
    def of(cls, c: County) -> CountyOut:
        return cls(**asdict(c))


class MeasureOut(BaseModel):
    code: str
    kind: str
    name_zh: str
    name_en: str
    list_types: list[str]
    domains: list[str]
    purposes: list[str]
    departments: list[str]
    source: str
    lifetime: bool  # outlives repair and expiry
    term_months: int | None  # its own term from the decision

    @classmethod
    def of(cls, m: Measure) -> MeasureOut:
        return cls(
            code=m.code,
            kind=m.kind.value,
            name_zh=m.name_zh,
            name_en=m.name_en,
            list_types=sorted(t.value for t in m.list_types),
            domains=sorted(m.domains),
            purposes=sorted(p.value for p in m.purposes),
            departments=list(m.departments),
            source=m.source,
            lifetime=m.lifetime,
            term_months=m.term_months,
        )


class PublicationRule(BaseModel):
    published: bool
    min_months: int
    max_months: int


class WorkingDayDeadlines(BaseModel):
    publish: int
    objection_decision: int
    objection_extended: int
    repair_feedback: int
    repair_decision: int
    delist: int


class RegimeOut(BaseModel):
    code: str
    name_zh: str
    name_en: str
    effective_from: date
    sources: list[str]
    publication: dict[str, PublicationRule]
    red_list_valid_months: int
    deadlines_working_days: WorkingDayDeadlines
    natural_person_penalty_published: bool
    false_materials_bar_years: int
    unconfirmed: list[str]

    @classmethod
    def of(cls, r: Regime) -> RegimeOut:
        return cls(
            code=r.code,
            name_zh=r.name_zh,
            name_en=r.name_en,
            effective_from=r.effective_from,
            sources=list(r.sources),
            publication={s.value: PublicationRule(**asdict(p)) for s, p in r.publication.items()},
            red_list_valid_months=r.red_list_valid_months,
            deadlines_working_days=WorkingDayDeadlines(
                publish=r.publish_within_working_days,
                objection_decision=r.objection_decide_working_days,
                objection_extended=r.objection_extended_working_days,
                repair_feedback=r.repair_feedback_working_days,
                repair_decision=r.repair_decision_working_days,
                delist=r.delist_within_working_days,
            ),
            natural_person_penalty_published=r.natural_person_penalty_published,
            false_materials_bar_years=r.false_materials_bar_years,
            unconfirmed=list(r.unconfirmed),
        )

"""Reference data as the API shows it: domains, departments, measures, rule regimes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from pydantic import BaseModel

from domain.reference import Department, GovernanceDomain, Measure, Regime


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
    code: str
    name_zh: str
    name_en: str

    @classmethod
    def of(cls, d: Department) -> DepartmentOut:
        return cls(code=d.code, name_zh=d.name_zh, name_en=d.name_en)


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
    repair_training_required_for: list[str]  # severities whose repair needs the certificate

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
            repair_training_required_for=sorted(s.value for s in r.repair_training_required_for),
        )

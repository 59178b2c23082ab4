"""Use cases of governance: the statistics, the progress sheet's figures and the year's targets.

Counts come from the read models (one aggregate query per kind of record), never from replaying
events per request. Officers see the domains their department is lead or participating unit of;
admins, auditors and the office (市文明办, 市信用办) see every domain. The rules of the figures
are domain.governance's; the one target per year and domain is `DomainTarget`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from application.accounts import Principal
from application.app import ChengxinApp
from application.governance_figures import (
    DomainCounts,
    DomainFigures,
    GovernanceReport,
    Target,
)
from application.ports import Clock
from application.progress_sheet import ProgressSheet, progress_sheet
from domain.accounts import Role
from domain.errors import Forbidden, ForbiddenDomain, NotFound, ValidationFailed
from domain.governance import TARGET_RATE, DomainTarget, Period, domain_target_id
from domain.progress import ProgressReport, RowText, report_id_for
from domain.reference import County, GovernanceDomain, Level, ReferenceData

EVERY_DOMAIN = frozenset({Role.ADMIN, Role.AUDITOR, Role.OFFICE})
EVERY_UNIT = frozenset({Role.ADMIN, Role.OFFICE})


class GovernanceQueries(Protocol):
    def domain_counts(
        self,
        domains: Sequence[str],
        period: Period,
        cutoff: date,
        departments: Sequence[str] | None = None,
    ) -> Mapping[str, Mapping[str, int]]:
        """Per domain code, the named counters of DomainCounts; with `departments`, only the
        records of those departments (a county's units), else every record of the city."""

    def targets_of(self, year: int) -> Mapping[str, Target]: ...


class GovernanceService:
    def __init__(
        self, app: ChengxinApp, reference: ReferenceData, clock: Clock, queries: GovernanceQueries
    ) -> None:
        self.app = app
        self.reference = reference
        self.clock = clock
        self.queries = queries

    def current_period(self, year: int | None, quarter: int | None) -> Period:
        """The given period; a missing year is this year (a missing quarter: the whole year)."""
        return Period(self.clock.today().year if year is None else year, quarter)

    def visible_domains(self, principal: Principal) -> tuple[GovernanceDomain, ...]:
        if principal.role in EVERY_DOMAIN:
            return self.reference.domains
        if principal.role is Role.OFFICER and principal.department:
            return self.reference.domains_of(principal.department)
        raise Forbidden("governance statistics are for the offices and their departments")

    def statistics(
        self,
        principal: Principal,
        period: Period,
        domain: str | None,
        unit: str | None,
        county: str | None = None,
    ) -> GovernanceReport:
        """Every domain the reader may see, narrowed to one domain or one lead unit's; the
        counts are the whole city's (counties included), or one county's records."""
        domains = self.visible_domains(principal)
        if domain is not None:
            wanted = self.reference.domain(domain)
            if wanted not in domains:
                raise ForbiddenDomain(
                    f"your department is neither lead nor participating unit of {wanted.name_zh}",
                    domain=domain,
                )
            domains = (wanted,)
        if unit is not None:
            self.reference.department(unit)
            domains = tuple(d for d in domains if self.reference.leads(d, unit))
        if county is not None:
            self.reference.county(county)
        return self.report(period, domains, county)

    def report(
        self, period: Period, domains: Sequence[GovernanceDomain], county: str | None = None
    ) -> GovernanceReport:
        """The figures of the domains: the city's, or one county's (with the counties it
        succeeded) when `county` is given."""
        cutoff = period.cutoff(self.clock.today())
        units = None if county is None else self.reference.departments_in(county)
        counts = self.queries.domain_counts([d.code for d in domains], period, cutoff, units)
        targets = self.queries.targets_of(period.year)
        figures = [
            DomainFigures(
                domain=d,
                counts=DomainCounts.of(counts.get(d.code, {})),
                target=targets[d.code].rate if d.code in targets else TARGET_RATE,
            )
            for d in domains
        ]
        return GovernanceReport(period, cutoff, TARGET_RATE, figures, county)

    def county_reports(
        self, principal: Principal, period: Period
    ) -> list[tuple[County, GovernanceReport]]:
        """The figures of each county that existed at the period's cutoff, over the domains
        the reader sees: the rows the city's totals roll up from (with the city's own units)."""
        domains = self.visible_domains(principal)
        cutoff = period.cutoff(self.clock.today())
        return [
            (county, self.report(period, domains, county.code))
            for county in self.reference.counties
            if county.valid_from is None or county.valid_from <= cutoff
            if county.valid_to is None or county.valid_to >= period.start
        ]

    def led_domains(self, principal: Principal, unit: str) -> tuple[GovernanceDomain, ...]:
        """The domains a unit reports on; an admin, the office or the unit's officers ask."""
        if not self.reference.has_department(unit):
            raise NotFound(f"unit {unit} does not exist", id=unit)
        if principal.role not in EVERY_UNIT and (
            principal.role is not Role.OFFICER or principal.department != unit
        ):
            raise Forbidden(
                "only an admin, the office or an officer of the unit may do this", unit=unit
            )
        led = tuple(d for d in self.reference.domains if self.reference.leads(d, unit))
        if not led:
            raise ValidationFailed(f"unit {unit} leads no governance domain", field="unit")
        return led

    def lead_units(self, on: date | None = None) -> list[str]:
        """Every city unit in force on the day (today by default) that leads a domain (itself
        or through the units it succeeded), in the order of the departments' list: the units
        that file a sheet (市场监管局 from 2019, 工商局、食药监局 before)."""
        day = on or self.clock.today()
        return [
            d.code
            for d in self.reference.departments
            if d.level is Level.CITY
            and d.is_valid_on(day)
            and any(self.reference.leads(domain, d.code) for domain in self.reference.domains)
        ]

    def progress_sheet(self, principal: Principal, unit: str, period: Period) -> ProgressSheet:
        led = self.led_domains(principal, unit)
        report = self.report(period, led, self.reference.department(unit).county)
        written: Mapping[str, RowText] = {}
        if period.quarter is not None:
            report_id = report_id_for(unit, period.year, period.quarter)
            if self.app.exists(report_id):
                written = self.app.load(ProgressReport, report_id, "progress sheet").rows
        targets = self.queries.targets_of(period.year)
        name = self.reference.department(unit).name_zh
        return progress_sheet(unit, name, report, targets, written)

    def targets(self, year: int) -> Mapping[str, Target]:
        return self.queries.targets_of(Period(year).year)

    def set_target(
        self, principal: Principal, domain: str, year: int, rate: float, goal: str
    ) -> DomainTarget:
        """The year's target of a domain; the office (or an admin) sets it, at least 80 %."""
        if principal.role not in EVERY_UNIT:
            raise Forbidden("the office sets the year's targets")
        self.reference.domain(domain)
        target_id = domain_target_id(domain, year)
        if self.app.exists(target_id):
            target = self.app.load(DomainTarget, target_id, "target")
            target.change(rate, goal)
        else:
            target = DomainTarget.set_for(domain, year, rate, goal)
        self.app.save(target)
        return target

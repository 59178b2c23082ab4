"""Use cases of the credit office: governance statistics, the lead units' annual targets.

Counts come from the read models (one aggregate query per kind of record), never from replaying
events per request. Officers see the domains their department is lead or participating unit of.
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
from domain.governance import TARGET_RATE, AnnualTarget, Period, target_id_for
from domain.reference import GovernanceDomain, ReferenceData


class GovernanceQueries(Protocol):
    def domain_counts(
        self, domains: Sequence[str], period: Period, cutoff: date
    ) -> Mapping[str, Mapping[str, int]]:
        """Per domain code, the named counters of DomainCounts."""

    def targets_of(self, unit: str, year: int) -> Mapping[str, Target]: ...


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
        if principal.role in {Role.ADMIN, Role.AUDITOR}:
            return self.reference.domains
        if principal.role is Role.OFFICER and principal.department:
            return self.reference.domains_of(principal.department)
        raise Forbidden("governance statistics are for the credit office and its departments")

    def statistics(
        self, principal: Principal, period: Period, domain: str | None, unit: str | None
    ) -> GovernanceReport:
        """Every domain the reader may see, narrowed to one domain or one lead unit's."""
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
            domains = tuple(d for d in domains if d.is_led_by(unit))
        return self.report(period, domains)

    def report(
        self,
        period: Period,
        domains: Sequence[GovernanceDomain],
        targets: Mapping[str, Target] | None = None,
    ) -> GovernanceReport:
        cutoff = period.cutoff(self.clock.today())
        counts = self.queries.domain_counts([d.code for d in domains], period, cutoff)
        targets = targets or {}
        figures = [
            DomainFigures(
                domain=d,
                counts=DomainCounts.of(counts.get(d.code, {})),
                target=targets[d.code].rate if d.code in targets else TARGET_RATE,
            )
            for d in domains
        ]
        return GovernanceReport(period, cutoff, TARGET_RATE, figures)

    def led_domains(self, principal: Principal, unit: str) -> tuple[GovernanceDomain, ...]:
        """The domains a unit reports on; only an admin or the unit's own officers ask."""
        if not self.reference.has_department(unit):
            raise NotFound(f"unit {unit} does not exist", id=unit)
        if principal.role is not Role.ADMIN and (
            principal.role is not Role.OFFICER or principal.department != unit
        ):
            raise Forbidden("only an admin or an officer of the unit may do this", unit=unit)
        led = tuple(d for d in self.reference.domains if d.is_led_by(unit))
        if not led:
            raise ValidationFailed(f"unit {unit} leads no governance domain", field="unit")
        return led

    def progress_sheet(self, principal: Principal, unit: str, period: Period) -> ProgressSheet:
        led = self.led_domains(principal, unit)
        targets = self.queries.targets_of(unit, period.year)
        report = self.report(period, led, targets)
        return progress_sheet(unit, self.reference.department(unit).name_zh, report, targets)

    def set_target(
        self, principal: Principal, unit: str, domain: str, year: int, rate: float, goal: str
    ) -> AnnualTarget:
        """A lead unit's own annual goal for a domain it leads (at least the programme's)."""
        led = self.led_domains(principal, unit)
        if domain not in {d.code for d in led}:
            self.reference.domain(domain)
            raise ValidationFailed(f"unit {unit} does not lead {domain}", field="domain")
        Period(year)  # refuses a year outside the programme's
        target_id = target_id_for(unit, domain, year)
        if self.app.exists(target_id):
            target = self.app.load(AnnualTarget, target_id, "target")
            target.change(rate, goal)
        else:
            target = AnnualTarget.set_for(unit, domain, year, rate, goal)
        self.app.save(target)
        return target

"""Reference data of the programme: governance domains, departments, measures and rule regimes.

The values come from versioned data files (see `infrastructure/reference_data`); the domain only
defines their shape and the questions the rules ask of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from domain.errors import RuleRefused
from domain.units import County, Department, DepartmentNotInForce, Level, Units, find

__all__ = [
    "County",
    "Department",
    "DepartmentNotInForce",
    "GovernanceDomain",
    "Level",
    "ListType",
    "Measure",
    "MeasureKind",
    "NoRegimeInForce",
    "PublicationRule",
    "Purpose",
    "ReferenceData",
    "Regime",
    "Severity",
]


class ListType(Enum):
    PENALTY = "penalty"
    BLACKLIST = "blacklist"
    FOCUS = "focus"
    RED = "red"


class Severity(Enum):
    MINOR = "minor"
    GENERAL = "general"
    SERIOUS = "serious"


class MeasureKind(Enum):
    SANCTION = "sanction"
    REWARD = "reward"


class Purpose(Enum):
    """Why a department checks a subject's credit (API §7)."""

    BIDDING = "bidding"
    GOVERNMENT_FUNDS = "government_funds"
    LICENSING = "licensing"
    HONOURS = "honours"
    FINANCING = "financing"
    EMPLOYMENT = "employment"


class NoRegimeInForce(RuleRefused):
    code = "no_regime_in_force"


@dataclass(frozen=True)
class GovernanceDomain:
    code: str
    number: int
    name_zh: str
    name_en: str
    lead_units: tuple[str, ...]
    participating_units: tuple[str, ...]
    item_zh: str = ""  # the plan's item title word for word, e.g. 开展电信网络诈骗专项治理

    def involves(self, department_code: str) -> bool:
        return self.is_led_by(department_code) or department_code in self.participating_units

    def is_led_by(self, department_code: str) -> bool:
        return department_code in self.lead_units


@dataclass(frozen=True)
class Measure:
    """A joint sanction or reward.

    `domains` empty: the measure applies in every domain. `purposes` empty: the measure is tied
    to no credit-check purpose (e.g. a differentiated electricity price), so only a check made
    for no particular purpose lists it.
    """

    code: str
    kind: MeasureKind
    name_zh: str
    name_en: str
    list_types: frozenset[ListType]
    domains: frozenset[str]
    purposes: frozenset[Purpose]
    departments: tuple[str, ...]
    source: str
    lifetime: bool = False  # 终身: neither repair nor expiry lifts it (the seed's charity ban)
    term_months: int | None = None  # its own term from the decision, whatever becomes of the entry

    def applies_to(self, list_type: ListType, domain: str) -> bool:
        return list_type in self.list_types and (not self.domains or domain in self.domains)

    def serves(self, purpose: Purpose | None) -> bool:
        return purpose is None or purpose in self.purposes


@dataclass(frozen=True)
class PublicationRule:
    """How long a record of one severity is published (or, unpublished, kept and eligible)."""

    published: bool
    min_months: int
    max_months: int


@dataclass(frozen=True)
class Regime:
    """The national rules for periods and deadlines in force from `effective_from`.

    `unconfirmed` names the fields whose figures no published source confirmed
    (e.g. "objection_decide_working_days", "publication.minor"): they are configurable defaults.
    """

    code: str
    name_zh: str
    name_en: str
    effective_from: date
    sources: tuple[str, ...]
    publication: Mapping[Severity, PublicationRule] = field(hash=False)
    red_list_valid_months: int
    publish_within_working_days: int
    natural_person_penalty_published: bool
    objection_decide_working_days: int
    objection_extended_working_days: int
    repair_feedback_working_days: int
    repair_decision_working_days: int
    delist_within_working_days: int
    false_materials_bar_years: int
    unconfirmed: tuple[str, ...]
    # severities whose repair needs a credit-training certificate (the 2019 notice: serious)
    repair_training_required_for: frozenset[Severity] = frozenset()

    def publication_for(self, severity: Severity) -> PublicationRule:
        return self.publication[severity]

    def is_confirmed(self, field_name: str) -> bool:
        return field_name not in self.unconfirmed


@dataclass(frozen=True)
class ListSeverities:
    """The severities a list type takes (失信程度): a blacklist is serious, a red list has
    none. `ours` says the choice is this system's, not a published rule's."""

    list_type: ListType
    severities: frozenset[Severity]
    ours: bool = False

    @property
    def code(self) -> str:
        return self.list_type.value


@dataclass(frozen=True)
class PenaltyKind:
    """A kind of administrative penalty (行政处罚法 Art. 9). `early_stop` false: its
    publication never stops early (SAMR Order 45), so an entry of it is not repairable."""

    code: str
    name_zh: str
    name_en: str
    early_stop: bool


@dataclass(frozen=True)
class SpecialList:
    """A list with periods of its own (regulations §3), recognised by list type and domain or
    deciding department, for decisions from `effective_from` on. `publication` replaces the
    regime's periods per severity; `repairable` false: never through credit repair;
    `ends_on_performance`: the listing ends when the deciding unit verifies performance;
    `extension_max_months`: how far the deciding unit may lengthen the period (obstruction)."""

    code: str
    name_zh: str
    name_en: str
    list_type: ListType
    domains: frozenset[str]
    departments: frozenset[str]
    effective_from: date
    publication: Mapping[Severity, PublicationRule] = field(hash=False)
    repairable: bool
    extension_max_months: int
    sources: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    ends_on_performance: bool = False  # removed once the obligations are verified performed

    def covers(self, list_type: ListType, domain: str, department: str, decided_on: date) -> bool:
        return (
            list_type is self.list_type
            and decided_on >= self.effective_from
            and (not self.domains or domain in self.domains)
            and (not self.departments or department in self.departments)
        )


@dataclass(frozen=True)
class ReferenceData:
    domains: tuple[GovernanceDomain, ...]
    departments: tuple[Department, ...]
    measures: tuple[Measure, ...]
    regimes: tuple[Regime, ...]
    list_severities: tuple[ListSeverities, ...] = ()
    special_lists: tuple[SpecialList, ...] = ()
    penalty_kinds: tuple[PenaltyKind, ...] = ()
    counties: tuple[County, ...] = ()
    _units: Units = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", tuple(sorted(self.domains, key=lambda d: d.number)))
        by_date = tuple(sorted(self.regimes, key=lambda r: r.effective_from))
        object.__setattr__(self, "regimes", by_date)
        object.__setattr__(self, "_units", Units(self.departments, self.counties))

    def domain(self, code: str) -> GovernanceDomain:
        return find(self.domains, code, "domain")

    def has_domain(self, code: str) -> bool:
        return any(d.code == code for d in self.domains)

    def department(self, code: str) -> Department:
        return find(self.departments, code, "department")

    def has_department(self, code: str) -> bool:
        return any(d.code == code for d in self.departments)

    def measure(self, code: str) -> Measure:
        return find(self.measures, code, "measure")

    def county(self, code: str) -> County:
        return find(self.counties, code, "county")

    def has_county(self, code: str) -> bool:
        return any(c.code == code for c in self.counties)

    def departments_in(self, county: str) -> tuple[str, ...]:
        return self._units.departments_in(county)

    def acts_for(self, department_code: str) -> frozenset[str]:
        return self._units.acts_for(department_code)

    def kinds_of(self, department_code: str) -> frozenset[str]:
        return self._units.kinds_of(department_code)

    def involves(self, domain: GovernanceDomain, department_code: str) -> bool:
        return any(domain.involves(kind) for kind in self.kinds_of(department_code))

    def leads(self, domain: GovernanceDomain, department_code: str) -> bool:
        return any(domain.is_led_by(kind) for kind in self.kinds_of(department_code))

    def domains_of(self, department_code: str) -> tuple[GovernanceDomain, ...]:
        return tuple(d for d in self.domains if self.involves(d, department_code))

    def department_in_force(self, department_code: str, day: date) -> None:
        self._units.department_in_force(department_code, day)

    def current_successor(self, department_code: str, day: date) -> str | None:
        return self._units.current_successor(department_code, day)

    def regime_on(self, day: date) -> Regime:
        in_force = [r for r in self.regimes if r.effective_from <= day]
        if not in_force:
            earliest = self.regimes[0].effective_from.isoformat() if self.regimes else None
            raise NoRegimeInForce(
                f"no rule regime in force on {day.isoformat()}",
                day=day.isoformat(),
                earliest_date=earliest,
                earliest=earliest,  # the name before API §8.1
            )
        return in_force[-1]

    def severities_of(self, list_type: ListType) -> frozenset[Severity]:
        """Every severity where the data says nothing of a list type."""
        for allowed in self.list_severities:
            if allowed.list_type is list_type:
                return allowed.severities
        return frozenset(Severity)

    def special_list(
        self, list_type: ListType, domain: str, department: str, decided_on: date
    ) -> SpecialList | None:
        return next(
            (s for s in self.special_lists if s.covers(list_type, domain, department, decided_on)),
            None,
        )

    def penalty_kind(self, code: str) -> PenaltyKind:
        return find(self.penalty_kinds, code, "penalty_kind")

    def measures_for(
        self, list_type: ListType, domain: str, purpose: Purpose | None = None
    ) -> tuple[Measure, ...]:
        self.domain(domain)
        return tuple(
            m for m in self.measures if m.applies_to(list_type, domain) and m.serves(purpose)
        )

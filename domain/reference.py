"""Reference data of the programme: governance domains, departments, measures and rule regimes.

The values come from versioned data files (see `infrastructure/reference_data`); the domain only
defines their shape and the questions the rules ask of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Protocol, TypeVar

from domain.errors import RuleRefused, ValidationFailed


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


class DepartmentNotInForce(RuleRefused):
    """A decision dated when its department did not exist (yet, or any more)."""

    code = "department_not_in_force"


class Level(Enum):
    CITY = "city"
    COUNTY = "county"


@dataclass(frozen=True)
class County:
    """A county or district of Huai'an (GB/T 2260 code), with its validity and successor."""

    code: str
    name_zh: str
    name_en: str
    valid_from: date | None = None
    valid_to: date | None = None  # its last day
    successor: str | None = None


@dataclass(frozen=True)
class Department:
    """A unit of the programme. A county unit does in its county what the city unit of its
    `kind` does in the city (e.g. `market_regulation@320812` is 清江浦区's market regulation);
    a unit superseded by a reorganisation names its `successor` and its last day `valid_to`."""

    code: str
    name_zh: str
    name_en: str
    level: Level = Level.CITY
    county: str | None = None
    kind: str | None = None  # a county unit's city counterpart; None: the unit is its own kind
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None

    @property
    def kind_code(self) -> str:
        return self.kind or self.code

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


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

    def publication_for(self, severity: Severity) -> PublicationRule:
        return self.publication[severity]

    def is_confirmed(self, field_name: str) -> bool:
        return field_name not in self.unconfirmed


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_C = TypeVar("_C", bound=_Coded)


def _find(items: Iterable[_C], code: str, kind: str) -> _C:
    for item in items:
        if item.code == code:
            return item
    raise ValidationFailed(f"unknown {kind} {code!r}", field=kind)


@dataclass(frozen=True)
class ReferenceData:
    domains: tuple[GovernanceDomain, ...]
    departments: tuple[Department, ...]
    measures: tuple[Measure, ...]
    regimes: tuple[Regime, ...]
    counties: tuple[County, ...] = ()
    _acting: Mapping[str, frozenset[str]] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _kinds: Mapping[str, frozenset[str]] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", tuple(sorted(self.domains, key=lambda d: d.number)))
        by_date = tuple(sorted(self.regimes, key=lambda r: r.effective_from))
        object.__setattr__(self, "regimes", by_date)
        acting = {
            d.code: self._with_predecessors(d.code, self.departments) for d in self.departments
        }
        object.__setattr__(self, "_acting", acting)
        kind = {d.code: d.kind_code for d in self.departments}
        kinds = {
            code: frozenset(k for c in codes for k in acting.get(kind[c], {kind[c]}))
            for code, codes in acting.items()
        }
        object.__setattr__(self, "_kinds", kinds)

    def domain(self, code: str) -> GovernanceDomain:
        return _find(self.domains, code, "domain")

    def has_domain(self, code: str) -> bool:
        return any(d.code == code for d in self.domains)

    def department(self, code: str) -> Department:
        return _find(self.departments, code, "department")

    def has_department(self, code: str) -> bool:
        return any(d.code == code for d in self.departments)

    def measure(self, code: str) -> Measure:
        return _find(self.measures, code, "measure")

    def county(self, code: str) -> County:
        return _find(self.counties, code, "county")

    def has_county(self, code: str) -> bool:
        return any(c.code == code for c in self.counties)

    def departments_in(self, county: str) -> tuple[str, ...]:
        """The units of a county, with those of the counties it succeeded."""
        counties = self._with_predecessors(county, self.counties)
        return tuple(d.code for d in self.departments if d.county in counties)

    def acts_for(self, department_code: str) -> frozenset[str]:
        """The department and every unit it succeeded, directly or through a chain of
        reorganisations: its officers work on the records of all of them."""
        return self._acting.get(department_code, frozenset({department_code}))

    def kinds_of(self, department_code: str) -> frozenset[str]:
        """The city units whose domains the department takes part in: its own kind and its
        predecessors' (a county unit participates like the city unit of its kind)."""
        return self._kinds.get(department_code, frozenset({department_code}))

    def involves(self, domain: GovernanceDomain, department_code: str) -> bool:
        return any(domain.involves(kind) for kind in self.kinds_of(department_code))

    def leads(self, domain: GovernanceDomain, department_code: str) -> bool:
        return any(domain.is_led_by(kind) for kind in self.kinds_of(department_code))

    def domains_of(self, department_code: str) -> tuple[GovernanceDomain, ...]:
        return tuple(d for d in self.domains if self.involves(d, department_code))

    def department_in_force(self, department_code: str, day: date) -> None:
        """A decision is taken by a unit that exists on its date; a superseded unit's
        successor is named in the refusal."""
        department = self.department(department_code)
        if department.is_valid_on(day):
            return
        successor = self.current_successor(department_code, day)
        after = department.valid_to is not None and day > department.valid_to
        reason = (
            f"{department.name_zh} ceased on {department.valid_to}: decide as "
            f"{self.department(successor).name_zh} ({successor})"
            if after and successor
            else f"{department.name_zh} did not exist on {day.isoformat()}"
        )
        raise DepartmentNotInForce(
            reason,
            reason="superseded" if after and successor else "not_established",
            department=department_code,
            successor=successor if after else None,
            valid_from=department.valid_from.isoformat() if department.valid_from else None,
            valid_to=department.valid_to.isoformat() if department.valid_to else None,
        )

    def current_successor(self, department_code: str, day: date) -> str | None:
        """Following the successors from a unit to the one in force on `day`, if any."""
        seen: set[str] = set()
        code: str | None = self.department(department_code).successor
        while code is not None and code not in seen:
            seen.add(code)
            department = self.department(code)
            if department.is_valid_on(day):
                return code
            code = department.successor
        return None

    @staticmethod
    def _with_predecessors(code: str, items: Iterable[County | Department]) -> frozenset[str]:
        found = {code}
        pending = [code]
        listed = tuple(items)
        while pending:
            current = pending.pop()
            for item in listed:
                if item.successor == current and item.code not in found:
                    found.add(item.code)
                    pending.append(item.code)
        return frozenset(found)

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

    def measures_for(
        self, list_type: ListType, domain: str, purpose: Purpose | None = None
    ) -> tuple[Measure, ...]:
        self.domain(domain)
        return tuple(
            m for m in self.measures if m.applies_to(list_type, domain) and m.serves(purpose)
        )

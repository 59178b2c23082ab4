"""The shape of one item of each reference-data file: typed, strict field access and parsers.

Parsers raise `FieldError` naming the field; the loader adds the file and the item.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any, TypeVar

from domain.reference import (
    County,
    Department,
    GovernanceDomain,
    Level,
    ListSeverities,
    ListType,
    Measure,
    MeasureKind,
    PenaltyKind,
    PublicationRule,
    Purpose,
    Regime,
    Severity,
    SpecialList,
)

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


class FieldError(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field {field!r}: {problem}")
        self.field = field
        self.problem = problem


class Fields:
    """One JSON object read key by key; `finish()` refuses the keys nobody read."""

    def __init__(self, raw: object, prefix: str = "") -> None:
        if not isinstance(raw, dict):
            kind = type(raw).__name__
            raise FieldError(prefix.rstrip("."), f"must be an object, not {kind}")
        self._raw: dict[str, Any] = raw
        self._prefix = prefix
        self._read: set[str] = set()

    def name(self, key: str) -> str:
        return f"{self._prefix}{key}"

    def problem(self, key: str, problem: str) -> FieldError:
        return FieldError(self.name(key), problem)

    def has(self, key: str) -> bool:
        return key in self._raw

    def value(self, key: str, kind: type[T], label: str) -> T:
        self._read.add(key)
        if key not in self._raw:
            raise self.problem(key, "is missing")
        value = self._raw[key]
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            raise self.problem(key, f"must be {label}, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.value(key, str, "a string").strip()
        if not value:
            raise self.problem(key, "must not be empty")
        return value

    def integer(self, key: str, minimum: int = 0) -> int:
        value = self.value(key, int, "an integer")
        if value < minimum:
            raise self.problem(key, f"must be at least {minimum}, not {value}")
        return value

    def boolean(self, key: str) -> bool:
        return self.value(key, bool, "true or false")

    def day(self, key: str) -> date:
        text = self.text(key)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.problem(key, f"must be a date YYYY-MM-DD, not {text!r}") from None

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.value(key, list, "a list of strings")
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.problem(key, f"must be a list of non-empty strings, not {values!r}")
        if len(set(values)) != len(values):
            raise self.problem(key, f"lists a value twice: {values!r}")
        return tuple(values)

    def enums(self, key: str, kind: type[E]) -> frozenset[E]:
        return frozenset(self.enum_of(key, kind, v) for v in self.texts(key))

    def enum_of(self, key: str, kind: type[E], text: str) -> E:
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise self.problem(key, f"unknown value {text!r} (allowed: {allowed})") from None

    def nested(self, key: str) -> Fields:
        self._read.add(key)
        if key not in self._raw:
            raise self.problem(key, "is missing")
        return Fields(self._raw[key], prefix=f"{self.name(key)}.")

    def finish(self) -> None:
        unknown = sorted(set(self._raw) - self._read)
        if unknown:
            raise self.problem(unknown[0], "is not a known field")

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def optional_day(self, key: str) -> date | None:
        return self.day(key) if self.has(key) else None


def _validity(f: Fields) -> tuple[date | None, date | None]:
    valid_from, valid_to = f.optional_day("valid_from"), f.optional_day("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise f.problem("valid_to", f"{valid_to} is before valid_from {valid_from}")
    return valid_from, valid_to


def parse_department(f: Fields) -> Department:
    level = f.enum_of("level", Level, f.text("level")) if f.has("level") else Level.CITY
    valid_from, valid_to = _validity(f)
    department = Department(
        code=f.text("code"),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        level=level,
        county=f.optional_text("county"),
        kind=f.optional_text("kind"),
        valid_from=valid_from,
        valid_to=valid_to,
        successor=f.optional_text("successor"),
    )
    if (level is Level.COUNTY) is not (department.county is not None):
        raise f.problem("county", "a county unit names its county, a city unit none")
    if department.kind is not None and department.code != f"{department.kind}@{department.county}":
        raise f.problem("code", "a county unit's code is kind@county")
    if (department.successor is None) is not (valid_to is None):
        raise f.problem("successor", "a unit with a last day names its successor, and only then")
    return department


def parse_county(f: Fields) -> County:
    valid_from, valid_to = _validity(f)
    county = County(
        code=f.text("code"),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        valid_from=valid_from,
        valid_to=valid_to,
        successor=f.optional_text("successor"),
    )
    if not (len(county.code) == 6 and county.code.isdigit()):
        raise f.problem("code", f"a GB/T 2260 code has 6 digits, not {county.code!r}")
    if (county.successor is None) is not (valid_to is None):
        raise f.problem("successor", "an abolished county names its successor, and only then")
    return county


def parse_domain(f: Fields) -> GovernanceDomain:
    domain = GovernanceDomain(
        code=f.text("code"),
        number=f.integer("number", minimum=1),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        item_zh=f.text("item_zh"),
        lead_units=f.texts("lead_units"),
        participating_units=f.texts("participating_units"),
    )
    if not domain.lead_units:
        raise f.problem("lead_units", "must name at least one lead unit")
    both = sorted(set(domain.lead_units) & set(domain.participating_units))
    if both:
        raise f.problem("participating_units", f"{both[0]!r} is already a lead unit")
    return domain


def parse_measure(f: Fields) -> Measure:
    measure = Measure(
        code=f.text("code"),
        kind=f.enum_of("kind", MeasureKind, f.text("kind")),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        list_types=f.enums("list_types", ListType),
        domains=frozenset(f.texts("domains")),
        purposes=f.enums("purposes", Purpose),
        departments=f.texts("departments"),
        source=f.text("source"),
        lifetime=f.boolean("lifetime") if f.has("lifetime") else False,
        term_months=f.integer("term_months", minimum=1) if f.has("term_months") else None,
    )
    if measure.lifetime and measure.term_months is not None:
        raise f.problem("term_months", "a lifetime measure has no term")
    if not measure.list_types:
        raise f.problem("list_types", "must name at least one list type")
    rewarding = measure.list_types == {ListType.RED}
    if rewarding is not (measure.kind is MeasureKind.REWARD):
        raise f.problem("list_types", "rewards apply to the red list only, sanctions never to it")
    if not measure.departments:
        raise f.problem("departments", "must name at least one department")
    return measure


def parse_publication_rule(f: Fields) -> PublicationRule:
    rule = PublicationRule(
        published=f.boolean("published"),
        min_months=f.integer("min_months"),
        max_months=f.integer("max_months", minimum=1),
    )
    if rule.min_months > rule.max_months:
        raise f.problem("min_months", f"{rule.min_months} exceeds max_months {rule.max_months}")
    f.finish()
    return rule


def parse_publication(f: Fields) -> MappingProxyType[Severity, PublicationRule]:
    rules = {s: parse_publication_rule(f.nested(s.value)) for s in Severity}
    f.finish()
    return MappingProxyType(rules)


REGIME_FIGURES = (
    "red_list_valid_months",
    "publish_within_working_days",
    "objection_decide_working_days",
    "objection_extended_working_days",
    "repair_feedback_working_days",
    "repair_decision_working_days",
    "delist_within_working_days",
    "false_materials_bar_years",
)
UNCONFIRMABLE = frozenset(
    ("effective_from", "natural_person_penalty_published", *REGIME_FIGURES)
) | {f"publication.{s.value}" for s in Severity}


def parse_regime(f: Fields) -> Regime:
    regime = Regime(
        code=f.text("code"),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        effective_from=f.day("effective_from"),
        sources=f.texts("sources"),
        publication=parse_publication(f.nested("publication")),
        natural_person_penalty_published=f.boolean("natural_person_penalty_published"),
        red_list_valid_months=f.integer("red_list_valid_months", minimum=1),
        publish_within_working_days=f.integer("publish_within_working_days", minimum=1),
        objection_decide_working_days=f.integer("objection_decide_working_days", minimum=1),
        objection_extended_working_days=f.integer("objection_extended_working_days", minimum=1),
        repair_feedback_working_days=f.integer("repair_feedback_working_days", minimum=1),
        repair_decision_working_days=f.integer("repair_decision_working_days", minimum=1),
        delist_within_working_days=f.integer("delist_within_working_days", minimum=1),
        false_materials_bar_years=f.integer("false_materials_bar_years", minimum=1),
        unconfirmed=f.texts("unconfirmed"),
        repair_training_required_for=f.enums("repair_training_required_for", Severity),
    )
    unknown = sorted(set(regime.unconfirmed) - UNCONFIRMABLE)
    if unknown:
        raise f.problem("unconfirmed", f"names no regime figure: {unknown[0]!r}")
    if regime.objection_extended_working_days < regime.objection_decide_working_days:
        raise f.problem("objection_extended_working_days", "is shorter than the normal deadline")
    return regime


def parse_list_severities(f: Fields) -> ListSeverities:
    list_type = f.enum_of("list_type", ListType, f.text("list_type"))
    return ListSeverities(
        list_type=list_type,
        severities=f.enums("severities", Severity),
        ours=f.boolean("ours"),
    )


def parse_penalty_kind(f: Fields) -> PenaltyKind:
    return PenaltyKind(
        code=f.text("code"),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        early_stop=f.boolean("early_stop"),
    )


def parse_own_periods(f: Fields) -> MappingProxyType[Severity, PublicationRule]:
    """Only the severities whose periods differ from the regime's."""
    rules = {s: parse_publication_rule(f.nested(s.value)) for s in Severity if f.has(s.value)}
    f.finish()
    return MappingProxyType(rules)


def parse_special_list(f: Fields) -> SpecialList:
    special = SpecialList(
        code=f.text("code"),
        name_zh=f.text("name_zh"),
        name_en=f.text("name_en"),
        list_type=f.enum_of("list_type", ListType, f.text("list_type")),
        domains=frozenset(f.texts("domains")),
        departments=frozenset(f.texts("departments")),
        effective_from=f.day("effective_from"),
        publication=parse_own_periods(f.nested("publication")),
        repairable=f.boolean("repairable"),
        extension_max_months=f.integer("extension_max_months"),
        sources=f.texts("sources"),
        unconfirmed=f.texts("unconfirmed"),
        ends_on_performance=f.boolean("ends_on_performance")
        if f.has("ends_on_performance")
        else False,
    )
    if special.list_type is ListType.RED:
        raise f.problem("list_type", "the red list has no periods of its own")
    if not special.domains and not special.departments:
        raise f.problem("domains", "name the domains or the departments the list belongs to")
    return special

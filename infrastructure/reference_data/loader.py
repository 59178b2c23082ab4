"""Load the reference data shipped beside this module, refusing anything inconsistent.

Each file is `{"version": int, "source": str, "notes"?: [str], "<items>": [...]}`. Any problem
stops the start-up with a `ReferenceDataError` naming the file, the item and the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from domain.reference import (
    County,
    Department,
    GovernanceDomain,
    ListSeverities,
    Measure,
    PenaltyKind,
    ReferenceData,
    Regime,
    SpecialList,
)
from infrastructure.reference_data.schema import (
    FieldError,
    Fields,
    parse_county,
    parse_department,
    parse_domain,
    parse_list_severities,
    parse_measure,
    parse_penalty_kind,
    parse_regime,
    parse_special_list,
)

DEFAULT_DIRECTORY = Path(__file__).parent
COUNTIES = "counties.json"
DEPARTMENTS = "departments.json"
DOMAINS = "domains.json"
MEASURES = "measures.json"
REGIMES = "regimes.json"
DOMAIN_COUNT = 19

Item = TypeVar(
    "Item",
    County,
    Department,
    GovernanceDomain,
    Measure,
    Regime,
    ListSeverities,
    SpecialList,
    PenaltyKind,
)
# Files that hold more than one list: every list each holds
BESIDE = {
    REGIMES: ("regimes", "list_severities", "special_lists"),
    MEASURES: ("measures", "penalty_kinds"),
}


class ReferenceDataError(Exception):
    """The shipped reference data is unusable; the message says where and why."""

    def __init__(
        self, file: str, problem: str, item: str | None = None, field: str | None = None
    ) -> None:
        where = [file, item, f"field {field!r}" if field else None]
        super().__init__(f"reference data {': '.join(p for p in where if p)}: {problem}")
        self.file = file
        self.item = item
        self.field = field
        self.problem = problem


def load_reference_data(directory: Path | None = None) -> ReferenceData:
    folder = directory or DEFAULT_DIRECTORY
    data = ReferenceData(
        departments=_load(folder, DEPARTMENTS, "departments", parse_department),
        domains=_load(folder, DOMAINS, "domains", parse_domain),
        measures=_load(folder, MEASURES, "measures", parse_measure),
        regimes=_load(folder, REGIMES, "regimes", parse_regime),
        list_severities=_load(folder, REGIMES, "list_severities", parse_list_severities),
        special_lists=_load(folder, REGIMES, "special_lists", parse_special_list),
        penalty_kinds=_load(folder, MEASURES, "penalty_kinds", parse_penalty_kind),
        counties=_load(folder, COUNTIES, "counties", parse_county),
    )
    _check_domain_numbers(data.domains)
    _check_departments(data)
    _check_regime_dates(data.regimes)
    _check_references(data)
    return data


def _load(folder: Path, file: str, key: str, parse: Callable[[Fields], Item]) -> tuple[Item, ...]:
    raw_items = _read_items(folder / file, key)
    items = tuple(_parse_item(file, index, raw, parse) for index, raw in enumerate(raw_items, 1))
    seen: set[str] = set()
    for item in items:
        if item.code in seen:
            raise ReferenceDataError(file, "the code is used twice", _named(item.code), "code")
        seen.add(item.code)
    if not items:
        raise ReferenceDataError(file, f"{key!r} lists nothing", field=key)
    return items


def _read_items(path: Path, key: str) -> list[Any]:
    file = path.name
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError(file, f"file not found in {path.parent}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReferenceDataError(file, f"cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ReferenceDataError(file, f"invalid JSON at {where}: {error.msg}") from None
    try:
        envelope = Fields(document)
        envelope.integer("version", minimum=1)
        envelope.text("source")
        if envelope.has("notes"):
            envelope.texts("notes")
        items: list[Any] = envelope.value(key, list, "a list of objects")
        for beside in BESIDE.get(file, ()):
            if beside != key and envelope.has(beside):
                envelope.value(beside, list, "a list of objects")
        envelope.finish()
    except FieldError as problem:
        raise ReferenceDataError(file, problem.problem, field=problem.field) from None
    return items


def _parse_item(file: str, index: int, raw: object, parse: Callable[[Fields], Item]) -> Item:
    try:
        fields = Fields(raw)
        item = parse(fields)
        fields.finish()
    except FieldError as problem:
        raise ReferenceDataError(file, problem.problem, _label(raw, index), problem.field) from None
    return item


def _label(raw: object, index: int) -> str:
    code = raw.get("code") if isinstance(raw, dict) else None
    return _named(code) if isinstance(code, str) else f"item {index}"


def _named(code: object) -> str:
    return f"item {code!r}"


def _check_domain_numbers(domains: tuple[GovernanceDomain, ...]) -> None:
    if len(domains) != DOMAIN_COUNT:
        raise ReferenceDataError(
            DOMAINS, f"expected exactly {DOMAIN_COUNT} domains, found {len(domains)}"
        )
    seen: set[int] = set()
    for domain in domains:
        if domain.number > DOMAIN_COUNT or domain.number in seen:
            problem = f"number {domain.number} is repeated or outside 1..{DOMAIN_COUNT}"
            raise ReferenceDataError(DOMAINS, problem, _named(domain.code), "number")
        seen.add(domain.number)


def _check_regime_dates(regimes: tuple[Regime, ...]) -> None:
    for earlier, later in pairwise(regimes):
        if earlier.effective_from == later.effective_from:
            problem = f"takes effect on the same day as {earlier.code!r}"
            raise ReferenceDataError(REGIMES, problem, _named(later.code), "effective_from")


def _check_references(data: ReferenceData) -> None:
    departments = {d.code for d in data.departments}
    domains = {d.code for d in data.domains}
    for domain in data.domains:
        _refuse_unknown(DOMAINS, domain.code, "lead_units", domain.lead_units, departments)
        units = domain.participating_units
        _refuse_unknown(DOMAINS, domain.code, "participating_units", units, departments)
    for measure in data.measures:
        _refuse_unknown(MEASURES, measure.code, "departments", measure.departments, departments)
        _refuse_unknown(MEASURES, measure.code, "domains", sorted(measure.domains), domains)
    for special in data.special_lists:
        deciding = sorted(special.departments)
        _refuse_unknown(REGIMES, special.code, "departments", deciding, departments)
        _refuse_unknown(REGIMES, special.code, "domains", sorted(special.domains), domains)


def _check_departments(data: ReferenceData) -> None:
    """Counties, kinds and successors named by a unit exist; a kind is a city unit; a
    successor begins the day after its predecessor's last day or earlier."""
    counties = {c.code: c for c in data.counties}
    departments = {d.code: d for d in data.departments}
    for county in data.counties:
        if county.successor is not None and county.successor not in counties:
            problem = f"unknown county {county.successor!r}"
            raise ReferenceDataError(COUNTIES, problem, _named(county.code), "successor")
    for unit in data.departments:
        if unit.county is not None and unit.county not in counties:
            raise ReferenceDataError(
                DEPARTMENTS, f"unknown county {unit.county!r}", _named(unit.code), "county"
            )
        kind = departments.get(unit.kind) if unit.kind else None
        if unit.kind is not None and (kind is None or kind.county is not None):
            problem = f"{unit.kind!r} is not a city unit"
            raise ReferenceDataError(DEPARTMENTS, problem, _named(unit.code), "kind")
        _check_successor(unit, departments)


def _check_successor(unit: Department, departments: dict[str, Department]) -> None:
    if unit.successor is None:
        return
    successor = departments.get(unit.successor)
    if successor is None or successor.code == unit.code:
        problem = f"unknown successor {unit.successor!r}"
        raise ReferenceDataError(DEPARTMENTS, problem, _named(unit.code), "successor")
    begins, ends = successor.valid_from, unit.valid_to
    if begins is not None and ends is not None and begins > ends + timedelta(days=1):
        problem = f"{successor.code!r} begins on {begins}, leaving a gap after {ends}"
        raise ReferenceDataError(DEPARTMENTS, problem, _named(unit.code), "successor")


def _refuse_unknown(
    file: str, code: str, field: str, values: Iterable[str], known: set[str]
) -> None:
    kind = "domain" if field == "domains" else "department"
    for value in values:
        if value not in known:
            raise ReferenceDataError(file, f"unknown {kind} {value!r}", _named(code), field)

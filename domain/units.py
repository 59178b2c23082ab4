"""The units of the programme in their counties, and how reorganisations chain them.

A county unit does in its county what the city unit of its `kind` does in the city. A unit a
reorganisation replaced has its last day (`valid_to`) and its `successor`: the 2019 机构改革
(工商、食药监、物价 → 市场监管局; 环保 → 生态环境局) and the 2016 merger of 清河区 and 清浦区 into
清江浦区 (洪泽县 → 洪泽区). Old decisions keep their unit; a successor works on its predecessors'
records; a new decision is taken by a unit that exists on its date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Protocol, TypeVar

from domain.errors import RuleRefused, ValidationFailed


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_C = TypeVar("_C", bound=_Coded)


def find(items: Iterable[_C], code: str, kind: str) -> _C:
    for item in items:
        if item.code == code:
            return item
    raise ValidationFailed(f"unknown {kind} {code!r}", field=kind)


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


@dataclass(frozen=True)
class Units:
    """The departments and counties with their successions, worked out once."""

    departments: tuple[Department, ...]
    counties: tuple[County, ...]
    _acting: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _kinds: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        acting = {d.code: _with_predecessors(d.code, self.departments) for d in self.departments}
        kind = {d.code: d.kind_code for d in self.departments}
        kinds = {
            code: frozenset(k for c in codes for k in acting.get(kind[c], {kind[c]}))
            for code, codes in acting.items()
        }
        object.__setattr__(self, "_acting", acting)
        object.__setattr__(self, "_kinds", kinds)

    def department(self, code: str) -> Department:
        return find(self.departments, code, "department")

    def departments_in(self, county: str) -> tuple[str, ...]:
        """The units of a county, with those of the counties it succeeded."""
        counties = _with_predecessors(county, self.counties)
        return tuple(d.code for d in self.departments if d.county in counties)

    def acts_for(self, department_code: str) -> frozenset[str]:
        """The department and every unit it succeeded, directly or through a chain of
        reorganisations: its officers work on the records of all of them."""
        return self._acting.get(department_code, frozenset({department_code}))

    def kinds_of(self, department_code: str) -> frozenset[str]:
        """The city units whose domains the department takes part in: its own kind and its
        predecessors' (a county unit participates like the city unit of its kind)."""
        return self._kinds.get(department_code, frozenset({department_code}))

    def department_in_force(self, department_code: str, day: date) -> None:
        """A decision is taken by a unit that exists on its date; a superseded unit's
        successor is named in the refusal."""
        department = self.department(department_code)
        if department.is_valid_on(day):
            return
        successor = self.current_successor(department_code, day)
        after = department.valid_to is not None and day > department.valid_to
        superseded = after and successor is not None
        reason = (
            f"{department.name_zh} existed until {department.valid_to}: decide as "
            f"{self.department(successor).name_zh} ({successor})"
            if superseded and successor
            else f"{department.name_zh} did not exist on {day.isoformat()}"
        )
        raise DepartmentNotInForce(
            reason,
            reason="superseded" if superseded else "not_established",
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

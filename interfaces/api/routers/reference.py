"""Reference data from the seed plan and the rule regimes: readable by anyone."""

from __future__ import annotations

from fastapi import APIRouter

from interfaces.api.deps import System
from interfaces.api.schemas.reference import (
    CountyOut,
    DepartmentOut,
    DomainOut,
    MeasureOut,
    RegimeOut,
)

router = APIRouter(prefix="/api/v1", tags=["reference data"])


@router.get("/domains", response_model=list[DomainOut])
def domains(system: System) -> list[DomainOut]:
    return [DomainOut.of(d) for d in system.reference.domains]


@router.get("/departments", response_model=list[DepartmentOut])
def departments(system: System) -> list[DepartmentOut]:
    """Every unit, the city's and the counties', today's and those a reorganisation replaced
    (their `valid_to` and `successor` set): old decisions keep their unit."""
    return [DepartmentOut.of(d, system.reference) for d in system.reference.departments]


@router.get("/counties", response_model=list[CountyOut])
def counties(system: System) -> list[CountyOut]:
    """Huai'an's counties and districts by GB/T 2260 code, with those merged in 2016."""
    return [CountyOut.of(c) for c in system.reference.counties]


@router.get("/measures", response_model=list[MeasureOut])
def measures(system: System) -> list[MeasureOut]:
    return [MeasureOut.of(m) for m in system.reference.measures]


@router.get("/regimes", response_model=list[RegimeOut])
def regimes(system: System) -> list[RegimeOut]:
    return [RegimeOut.of(r) for r in system.reference.regimes]

"""Governance statistics, the quarterly progress sheet and the year's target of each domain."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Response

from application.accounts import Principal
from domain.accounts import Role
from domain.governance import FIRST_YEAR, LAST_YEAR, TARGET_RATE
from infrastructure.progress_xlsx import progress_workbook
from interfaces.api.deps import CurrentUser, System, allow
from interfaces.api.responses import resource
from interfaces.api.schemas import Code
from interfaces.api.schemas.governance import (
    GovernanceOut,
    SetTargetOut,
    TargetBody,
    TargetOut,
    TargetsOut,
)

router = APIRouter(prefix="/api/v1", tags=["governance"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Year = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)]
Quarter = Annotated[int | None, Query(ge=1, le=4, description="1-4; none: the whole year")]
CodeQuery = Annotated[str | None, Query(min_length=1, max_length=64)]
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
Reader = Annotated[Principal, Depends(allow(Role.OFFICER, Role.ADMIN, Role.AUDITOR, Role.OFFICE))]
OfficeOrAdmin = Annotated[Principal, Depends(allow(Role.OFFICE, Role.ADMIN))]


@router.get("/stats/governance", response_model=GovernanceOut)
def governance_statistics(
    system: System,
    reader: Reader,
    year: Year = None,
    quarter: Quarter = None,
    domain: CodeQuery = None,
    unit: CodeQuery = None,
    county: Annotated[
        str | None, Query(pattern=r"^\d{6}$", description="GB/T 2260 code of a county")
    ] = None,
) -> GovernanceOut:
    """Per domain: `listed` (black- and focus-list entries in force in the period, revoked ones
    left out), `governed` (of those, rectified and verified by the deciding department, or
    repaired), `rate` (null when nothing is listed) against the domain's `target` for the year
    (0.8 unless the office set one), `meets_target` (null without a rate); what is open and
    overdue as of the period's end (or today), and how much was published within 7 working days.
    `met` counts the domains meeting their target, `with_data` those with a rate. The period
    is the quarter, or the whole year without one; `domain` picks one domain, `unit` the
    domains that unit leads (a county unit or a successor: those of its kind). The counts are
    the whole city's, counties included; `county` (a GB/T 2260 code) counts only the records of
    that county's units (and of the counties it replaced). Officers see the domains their
    department takes part in; admins, auditors and the office (`office`) every domain."""
    period = system.governance.current_period(year, quarter)
    report = system.governance.statistics(reader, period, domain, unit, county)
    return GovernanceOut.of(report)


@router.get(
    "/reports/progress.xlsx",
    response_class=Response,
    responses={
        200: {
            "description": "the sheet as an XLSX workbook",
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def progress_sheet(
    system: System,
    user: CurrentUser,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    year: Year = None,
    quarter: Quarter = None,
) -> Response:
    """The plan's 工作进度表 of a lead unit as it stands: one row per domain it leads, with the
    rows the unit wrote. For the unit's officers, admins and the office."""
    period = system.governance.current_period(year, quarter)
    sheet = system.governance.progress_sheet(user, unit, period)
    name = f"工作进度表-{sheet.unit_name}-{period.year}-{sheet.quarter_label}.xlsx"
    fallback = f"progress-{unit}-{period.year}-{period.quarter or 'year'}.xlsx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        progress_workbook([sheet]), media_type=XLSX, headers={"Content-Disposition": disposition}
    )


@router.get("/reports/targets/{year}", response_model=TargetsOut)
def targets(year: YearPath, system: System, reader: Reader) -> TargetsOut:
    """The year's target of every domain: the office's where set, else 0.8 and the plan's goal."""
    set_ = system.governance.targets(year)
    items = []
    for domain in system.reference.domains:
        target = set_.get(domain.code)
        rate, goal = (target.rate, target.goal) if target else (TARGET_RATE, "")
        items.append(
            TargetOut(domain=domain.code, year=year, rate=rate, goal=goal, set=bool(target))
        )
    return TargetsOut(items=items)


@router.put("/reports/targets/{year}/{domain}", response_model=SetTargetOut)
def set_target(
    year: YearPath, domain: Code, body: TargetBody, system: System, office: OfficeOrAdmin
) -> Response:
    """The office sets a domain's target for a year (at least the plan's 80 %) and its
    年度治理目标 text; the statistics, the dashboard and every unit's sheet use it."""
    target = system.governance.set_target(office, domain, year, body.rate, body.goal)
    return resource(SetTargetOut.of(target))

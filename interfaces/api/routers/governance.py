"""Governance statistics, the quarterly progress sheet and the lead units' annual targets."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Response

from domain.governance import FIRST_YEAR, LAST_YEAR
from infrastructure.progress_xlsx import progress_workbook
from interfaces.api.deps import CurrentUser, Reader, Staff, System
from interfaces.api.responses import resource
from interfaces.api.schemas.common import Code
from interfaces.api.schemas.governance import GovernanceOut, TargetBody, TargetOut

router = APIRouter(prefix="/api/v1", tags=["governance"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Year = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)]
Quarter = Annotated[int | None, Query(ge=1, le=4, description="1-4; none: the whole year")]
CodeQuery = Annotated[str | None, Query(min_length=1, max_length=64)]


@router.get("/stats/governance", response_model=GovernanceOut)
def governance_statistics(
    system: System,
    reader: Reader,
    year: Year = None,
    quarter: Quarter = None,
    domain: CodeQuery = None,
    unit: CodeQuery = None,
) -> GovernanceOut:
    """Per domain: subjects on black and focus lists in the period, how many are governed, the
    rate against the 80 % target (1.0 when nothing is listed), what is open and overdue as of
    the period's end (or today), and how much was published within 7 working days. The period
    is the quarter, or the whole year without one; `domain` picks one domain, `unit` the
    domains that unit leads. Officers see the domains their department takes part in."""
    period = system.governance.current_period(year, quarter)
    return GovernanceOut.of(system.governance.statistics(reader, period, domain, unit))


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
    """The seed's 工作进度表 for a lead unit: one row per domain it leads."""
    period = system.governance.current_period(year, quarter)
    sheet = system.governance.progress_sheet(user, unit, period)
    name = f"工作进度表-{sheet.unit_name}-{period.year}-{sheet.quarter_label}.xlsx"
    fallback = f"progress-{unit}-{period.year}-{period.quarter or 'year'}.xlsx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        progress_workbook(sheet), media_type=XLSX, headers={"Content-Disposition": disposition}
    )


@router.put("/reports/targets/{unit}/{year}/{domain}", response_model=TargetOut)
def set_target(
    unit: Code, year: int, domain: Code, body: TargetBody, system: System, staff: Staff
) -> Response:
    """A lead unit's own annual target for a domain it leads (at least the programme's 80 %)."""
    target = system.governance.set_target(staff, unit, domain, year, body.rate, body.goal)
    return resource(TargetOut.of(target))

"""The credit office's dashboard: the governance rate of every domain against the 80 % line,
the open and overdue work, and each lead unit's quarterly progress sheet to download."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.accounts import Principal
from domain.accounts import Role
from domain.governance import FIRST_YEAR, LAST_YEAR
from infrastructure.bootstrap import Chengxin
from infrastructure.progress_xlsx import progress_workbook
from interfaces.api.deps import System
from interfaces.web.charts import Figure, rate_chart
from interfaces.web.rendering import PageRoute, render, translator
from interfaces.web.session import OfficePage

router = APIRouter(prefix="/dashboard", route_class=PageRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Year = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)]
Quarter = Annotated[int | None, Query(ge=1, le=4)]
TOTALS = ("listed", "governed", "open_cases", "open_objections", "open_repairs", "overdue")


def lead_units(system: Chengxin, principal: Principal) -> list[str]:
    """Whose progress sheets this reader may download: an admin all, an officer their own."""
    leading = {unit for domain in system.reference.domains for unit in domain.lead_units}
    if principal.role is Role.ADMIN:
        return [d.code for d in system.reference.departments if d.code in leading]
    if principal.role is Role.OFFICER and principal.department in leading:
        return [principal.department]
    return []


@router.get("")
def dashboard(
    request: Request,
    system: System,
    principal: OfficePage,
    year: Year = None,
    quarter: Quarter = None,
) -> Response:
    period = system.governance.current_period(year, quarter)
    report = system.governance.statistics(principal, period, None, None)
    t = translator(request)
    figures = [
        Figure(t.domain(f.domain.code), f.counts.rate, f.meets_target, f.counts.listed)
        for f in report.domains
    ]
    totals = {name: sum(getattr(f.counts, name) for f in report.domains) for name in TOTALS}
    context: dict[str, Any] = {
        "report": report,
        "totals": totals,
        "meeting": report.met,
        "charts": {
            layout: rate_chart(figures, report.target, layout) for layout in ("wide", "narrow")
        },
        "units": lead_units(system, principal),
        "years": range(
            system.clock.today().year, max(FIRST_YEAR - 1, system.clock.today().year - 5), -1
        ),
    }
    return render(request, "dashboard/index.html", context)


@router.get("/progress/{unit}.xlsx")
def progress_sheet(
    unit: str, system: System, principal: OfficePage, year: Year = None, quarter: Quarter = None
) -> Response:
    """The same workbook as the API's progress sheet, for a signed-in browser."""
    period = system.governance.current_period(year, quarter)
    sheet = system.governance.progress_sheet(principal, unit, period)
    name = f"工作进度表-{sheet.unit_name}-{period.year}-{sheet.quarter_label}.xlsx"
    fallback = f"progress-{unit}-{period.year}-{period.quarter or 'year'}.xlsx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    headers = {"Content-Disposition": disposition}
    return Response(progress_workbook([sheet]), media_type=XLSX, headers=headers)

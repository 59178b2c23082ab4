"""The offices' dashboard: the governance rate of every domain against its year's target, the
open and overdue work, each lead unit's quarterly progress sheet, and for the office (and
admins) which units filed the quarter's sheet and which are late."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.accounts import Principal
from application.governance import EVERY_UNIT
from domain.accounts import Role
from domain.governance import FIRST_YEAR, LAST_YEAR, Period, governance_rate
from domain.progress import filing_quarter, progress_due
from infrastructure.bootstrap import Chengxin
from infrastructure.progress_xlsx import progress_workbook
from interfaces.api.deps import System
from interfaces.web.charts import Figure, rate_chart
from interfaces.web.forms import NO_FORM, FormState
from interfaces.web.rendering import PageRoute, render, translator
from interfaces.web.session import OfficePage

router = APIRouter(prefix="/dashboard", route_class=PageRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Year = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)]
Quarter = Annotated[int | None, Query(ge=1, le=4)]
CountyQuery = Annotated[str | None, Query(pattern=r"^\d{6}$")]
TOTALS = (
    "listed",
    "governed",
    "open_cases",
    "open_objections",
    "open_repairs",
    "overdue",
    "listings",
)


def lead_units(system: Chengxin, principal: Principal) -> list[str]:
    """Whose progress sheets this reader may open: the office and admins all, an officer their
    own unit's."""
    leading = system.governance.lead_units()
    if principal.role in EVERY_UNIT:
        return leading
    own = principal.department if principal.role is Role.OFFICER else None
    if own and any(system.reference.leads(d, own) for d in system.reference.domains):
        return [own]  # a lead unit, a county unit of a lead unit's kind, or a successor
    return []


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    listed: int
    governed: int
    rate: float | None
    listings: int
    open_cases: int


def county_rows(system: Chengxin, principal: Principal, period: Period) -> list[CountyRow]:
    """Each county's figures over the domains the reader sees: what the city's totals hold."""
    rows = []
    for county, report in system.governance.county_reports(principal, period):
        counts = [f.counts for f in report.domains]
        listed, governed = sum(c.listed for c in counts), sum(c.governed for c in counts)
        rows.append(
            CountyRow(
                code=county.code,
                name=county.name_zh,
                listed=listed,
                governed=governed,
                rate=governance_rate(listed, governed),
                listings=sum(c.listings for c in counts),
                open_cases=sum(c.open_cases for c in counts),
            )
        )
    return rows


def filing_period(system: Chengxin, period: Period) -> Period:
    """The chosen quarter, or else the one whose sheet is being filed now (the last one ended)."""
    if period.quarter is not None:
        return period
    return filing_quarter(system.clock.today()) or Period.containing(system.clock.today())


@router.get("")
def dashboard(
    request: Request,
    system: System,
    principal: OfficePage,
    year: Year = None,
    quarter: Quarter = None,
    county: CountyQuery = None,
) -> Response:
    period = system.governance.current_period(year, quarter)
    return dashboard_page(request, system, principal, period, county=county)


def dashboard_page(
    request: Request,
    system: Chengxin,
    principal: Principal,
    period: Period,
    state: FormState = NO_FORM,
    county: str | None = None,
) -> Response:
    """The dashboard of a period, the whole city's (counties included) or one county's; after
    a refused target form, with its errors (422)."""
    report = system.governance.statistics(principal, period, None, None, county)
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
        "filing": (filed := filing_period(system, period)),
        "due": progress_due(filed),
        "filings": (
            system.progress.filings(principal, filed) if principal.role in EVERY_UNIT else []
        ),
        "sets_targets": principal.role in EVERY_UNIT,
        "counties": county_rows(system, principal, period),
        "forms": state,
        "years": range(
            system.clock.today().year, max(FIRST_YEAR - 1, system.clock.today().year - 5), -1
        ),
    }
    return render(request, "dashboard/index.html", context, 422 if state.errors else 200)


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

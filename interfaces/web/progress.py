"""The progress sheet's pages: a lead unit writes its rows and submits; the office (and admins)
read any unit's sheet, download what was submitted and the city's workbook, and send a sheet
back with a comment. The forms take exactly what the API takes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from application.accounts import Principal
from application.governance import EVERY_UNIT
from domain.accounts import Role
from domain.governance import FIRST_YEAR, LAST_YEAR, Period
from domain.progress import ReportStatus, progress_due
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.schemas.progress import ReturnBody, RowBody
from interfaces.web.forms import NO_FORM, FormSpec, FormState, submitted
from interfaces.web.rendering import PageRoute, render
from interfaces.web.session import Form, OfficeOnly, OfficePage, OfficerPage

router = APIRouter(prefix="/dashboard", route_class=PageRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
QuarterPath = Annotated[int, Path(ge=1, le=4)]
SHEET = "/progress/{unit}/{year}/{quarter}"
SUBMIT = FormSpec("submit")
RETURN = FormSpec("return", ("comment",))


def row_spec(domain: str) -> FormSpec:
    return FormSpec(f"row_{domain}", ("problems", "measures_and_results"))


def sheet_url(unit: str, year: int, quarter: int) -> str:
    return f"/dashboard/progress/{unit}/{year}/{quarter}"


def download(content: bytes, name: str) -> Response:
    disposition = f"attachment; filename=\"progress.xlsx\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})


def sheet_page(
    request: Request,
    system: Chengxin,
    principal: Principal,
    where: tuple[str, int, int],
    state: FormState = NO_FORM,
) -> Response:
    unit, year, quarter = where
    report = system.progress.report(principal, unit, year, quarter)
    sheet = system.governance.progress_sheet(principal, unit, Period(year, quarter))
    context = {
        "forms": state,
        "report": report,
        "sheet": sheet,
        "due": progress_due(Period(year, quarter)),
        "own": principal.role is Role.OFFICER and principal.department == unit,
        "office": principal.role in EVERY_UNIT,
        "editable": report.status is not ReportStatus.SUBMITTED,
        "submitted": report.status is ReportStatus.SUBMITTED,
        "url": sheet_url(unit, year, quarter),
    }
    return render(request, "dashboard/progress.html", context, 422 if state.errors else 200)


def on_sheet(
    request: Request,
    system: Chengxin,
    principal: Principal,
    where: tuple[str, int, int],
    form: Form,
    spec: FormSpec,
    flash: str,
    act: Callable[[], None],
) -> Response:
    def action() -> str:
        act()
        return sheet_url(*where)

    def again(state: FormState) -> Response:
        return sheet_page(request, system, principal, where, state)

    return submitted(request, spec, form, action, again, flash)


@router.get(SHEET)
def progress_sheet_page(
    request: Request,
    unit: str,
    year: YearPath,
    quarter: QuarterPath,
    system: System,
    principal: OfficePage,
) -> Response:
    return sheet_page(request, system, principal, (unit, year, quarter))


@router.post(SHEET + "/rows/{domain}")
def write_row(
    request: Request,
    unit: str,
    year: YearPath,
    quarter: QuarterPath,
    domain: str,
    system: System,
    principal: OfficerPage,
    form: Form,
) -> Response:
    spec = row_spec(domain)

    def act() -> None:
        body = RowBody.model_validate({name: form.text(name) for name in spec.fields})
        text = (body.problems, body.measures_and_results)
        system.progress.write_row(principal, unit, Period(year, quarter), domain, text)

    where = (unit, year, quarter)
    return on_sheet(request, system, principal, where, form, spec, "progress_row_written", act)


@router.post(SHEET + "/submission")
def submit(
    request: Request,
    unit: str,
    year: YearPath,
    quarter: QuarterPath,
    system: System,
    principal: OfficerPage,
    form: Form,
) -> Response:
    def act() -> None:
        system.progress.submit(principal, unit, Period(year, quarter))

    where = (unit, year, quarter)
    return on_sheet(request, system, principal, where, form, SUBMIT, "progress_submitted", act)


@router.post(SHEET + "/return")
def send_back(
    request: Request,
    unit: str,
    year: YearPath,
    quarter: QuarterPath,
    system: System,
    principal: OfficeOnly,
    form: Form,
) -> Response:
    def act() -> None:
        body = ReturnBody.model_validate(RETURN.body(form))
        system.progress.send_back(principal, unit, Period(year, quarter), body.comment)

    where = (unit, year, quarter)
    return on_sheet(request, system, principal, where, form, RETURN, "progress_returned", act)


@router.get(SHEET + "/submission.xlsx")
def submitted_file(
    unit: str,
    year: YearPath,
    quarter: QuarterPath,
    system: System,
    principal: OfficePage,
    sha256: Annotated[str | None, Query(pattern="^[0-9a-fA-F]{64}$")] = None,
) -> Response:
    content = system.progress.submitted_file(principal, unit, Period(year, quarter), sha256)
    return download(content, f"工作进度表-{unit}-{year}-{quarter}-报送.xlsx")


@router.get("/progress-city.xlsx")
def city_workbook(
    system: System,
    principal: OfficeOnly,
    year: Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR)],
    quarter: Annotated[int, Query(ge=1, le=4)],
) -> Response:
    content = system.progress.city_workbook(principal, Period(year, quarter))
    return download(content, f"工作进度表-全市-{year}-{quarter}.xlsx")

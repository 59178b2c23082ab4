"""The progress sheets filed with the civilisation office: write, submit, follow, send back."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import JSONResponse

from application.accounts import Principal
from application.progress_sheet import ProgressSheet
from domain.accounts import Role
from domain.governance import FIRST_YEAR, LAST_YEAR, Period
from domain.progress import ProgressReport, progress_due
from interfaces.api.deps import CurrentUser, ExpectedVersion, Officer, System, allow
from interfaces.api.responses import resource
from interfaces.api.schemas import Code
from interfaces.api.schemas.progress import (
    FilingStatusOut,
    ReturnBody,
    RowBody,
    SheetOut,
    SubmittedOut,
)

router = APIRouter(prefix="/api/v1/reports", tags=["progress sheets"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the workbook",
        "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    }
}
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
QuarterPath = Annotated[int, Path(ge=1, le=4)]
YearQuery = Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR)]
QuarterQuery = Annotated[int, Query(ge=1, le=4)]
Sha = Annotated[str | None, Query(pattern="^[0-9a-fA-F]{64}$")]
OfficeOrAdmin = Annotated[Principal, Depends(allow(Role.OFFICE, Role.ADMIN))]
SHEET = "/progress/{unit}/{year}/{quarter}"


def xlsx(content: bytes, name: str, fallback: str) -> Response:
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})


def sheet_out(report: ProgressReport, sheet: ProgressSheet) -> SheetOut:
    return SheetOut.model_validate(
        {
            "unit": report.unit,
            "unit_name": sheet.unit_name,
            "year": report.year,
            "quarter": report.quarter,
            "title": sheet.title,
            "status": report.status.value,
            "due": progress_due(report.period).isoformat(),
            "comment": report.comment,
            "returned_on": report.returned_on.isoformat() if report.returned_on else None,
            "rows": [
                {
                    "number": row.number,
                    "domain": row.domain,
                    "project": row.project,
                    "goal": row.goal,
                    "problems": row.problems,
                    "measures_and_results": row.measures,
                    "suggested_problems": row.suggested_problems,
                    "suggested_measures_and_results": row.suggested_measures,
                }
                for row in sheet.rows
            ],
            "submissions": [
                {"sha256": s.sha256, "size": s.size, "submitted_on": s.submitted_on.isoformat()}
                for s in report.submissions
            ],
            "version": report.version,
        }
    )


@router.get("/progress/status", response_model=FilingStatusOut)
def filing_status(
    system: System, office: OfficeOrAdmin, year: YearQuery, quarter: QuarterQuery
) -> FilingStatusOut:
    """Every lead unit's sheet of the quarter: `submitted_at` (the latest submission, or null)
    and `late` (first submitted after, or still missing past, the 10th of the month after the
    quarter: the plan's 每季度首月 10 日前), with `due`, `status`, `sha256` and the office's
    `comment` when it sent the sheet back."""
    items = system.progress.filings(office, Period(year, quarter))
    return FilingStatusOut.model_validate(
        {
            "year": year,
            "quarter": quarter,
            "due": progress_due(Period(year, quarter)).isoformat(),
            "items": [
                {
                    "unit": f.unit,
                    "submitted_at": f.submitted_at.isoformat() if f.submitted_at else None,
                    "late": f.late,
                    "status": f.status,
                    "sha256": f.sha256,
                    "comment": f.comment,
                }
                for f in items
            ],
        }
    )


@router.get("/progress-city.xlsx", response_class=Response, responses=XLSX_RESPONSE)
def city_workbook(
    system: System, office: OfficeOrAdmin, year: YearQuery, quarter: QuarterQuery
) -> Response:
    """The whole city's progress sheets of a quarter: one worksheet per lead unit."""
    content = system.progress.city_workbook(office, Period(year, quarter))
    name = f"工作进度表-全市-{year}-{quarter}.xlsx"
    return xlsx(content, name, f"progress-city-{year}-{quarter}.xlsx")


@router.get(SHEET, response_model=SheetOut)
def read_sheet(
    unit: Code, year: YearPath, quarter: QuarterPath, system: System, user: CurrentUser
) -> JSONResponse:
    """The unit's sheet of the quarter: its rows as written (with the computed figures as a
    suggested starting text), its submissions and the office's comment."""
    report = system.progress.report(user, unit, year, quarter)
    sheet = system.governance.progress_sheet(user, unit, Period(year, quarter))
    return resource(sheet_out(report, sheet))


@router.put(SHEET + "/rows/{domain}", response_model=SheetOut)
def write_row(
    unit: Code,
    year: YearPath,
    quarter: QuarterPath,
    domain: Code,
    body: RowBody,
    system: System,
    officer: Officer,
    expected: ExpectedVersion,
) -> JSONResponse:
    """An officer of the unit writes a row's 问题清单 and 具体举措和实际成效."""
    text = (body.problems, body.measures_and_results)
    period = Period(year, quarter)
    report = system.progress.write_row(officer, unit, period, domain, text, expected)
    return resource(sheet_out(report, system.governance.progress_sheet(officer, unit, period)))


@router.post(SHEET + "/submission", status_code=201, response_model=SubmittedOut)
def submit(
    unit: Code, year: YearPath, quarter: QuarterPath, system: System, officer: Officer
) -> JSONResponse:
    """An officer of the unit submits the sheet: 201 `{submitted_at, sha256}`; the file is kept
    exactly as submitted. Every row must be written first (422 `sheet_incomplete`)."""
    report = system.progress.submit(officer, unit, Period(year, quarter))
    latest = report.submissions[-1]
    body = SubmittedOut(
        submitted_at=report.modified_on.isoformat(),
        submitted_on=latest.submitted_on.isoformat(),
        sha256=latest.sha256,
        size=latest.size,
        version=report.version,
    )
    return resource(body, status=201, location=f"/api/v1/reports/progress/{unit}/{year}/{quarter}")


@router.get(SHEET + "/submission.xlsx", response_class=Response, responses=XLSX_RESPONSE)
def submitted_file(
    unit: Code,
    year: YearPath,
    quarter: QuarterPath,
    system: System,
    user: CurrentUser,
    sha256: Sha = None,
) -> Response:
    """A submitted sheet, byte for byte (the latest, or the one `sha256` names)."""
    content = system.progress.submitted_file(user, unit, Period(year, quarter), sha256)
    return xlsx(content, f"工作进度表-{unit}-{year}-{quarter}.xlsx", f"progress-{unit}.xlsx")


@router.post(SHEET + "/return", response_model=SheetOut)
def send_back(
    unit: Code,
    year: YearPath,
    quarter: QuarterPath,
    body: ReturnBody,
    system: System,
    office: OfficeOrAdmin,
) -> JSONResponse:
    """The office sends a submitted sheet back with a comment; the unit sees it and may write
    and submit again."""
    period = Period(year, quarter)
    report = system.progress.send_back(office, unit, period, body.comment)
    return resource(sheet_out(report, system.governance.progress_sheet(office, unit, period)))

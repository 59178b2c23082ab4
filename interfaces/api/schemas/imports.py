"""The bulk import's report."""

from __future__ import annotations

from pydantic import BaseModel

from application.imports import ImportReport


class RejectedRow(BaseModel):
    row: int
    code: str
    message: str


class ImportReportOut(BaseModel):
    accepted: int
    unchanged: int
    rejected: list[RejectedRow]
    rejected_total: int

    @classmethod
    def of(cls, report: ImportReport) -> ImportReportOut:
        return cls(
            accepted=report.accepted,
            unchanged=report.unchanged,
            rejected=[
                RejectedRow(row=r.row, code=r.code, message=r.message) for r in report.rejected
            ],
            rejected_total=report.rejected_total,
        )

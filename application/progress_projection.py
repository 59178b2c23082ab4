"""The progress sheets' filing status: per unit and quarter, drafted, submitted or returned."""

from __future__ import annotations

from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.progress import ProgressReport, ReportStatus


class ProgressProjection(Projection):
    name = "progress"
    version = 1
    views = ("rm_progress",)

    def __init__(self) -> None:
        super().__init__()
        self.on(ProgressReport.Opened, self._opened)
        self.on(ProgressReport.Submitted, self._submitted)
        self.on(ProgressReport.Returned, self._returned)

    def _opened(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "rm_progress",
            {"report_id": str(e.originator_id)},
            {
                "unit": e.unit,
                "year": e.year,
                "quarter": e.quarter,
                "status": ReportStatus.DRAFT.value,
            },
        )

    def _submitted(self, e: Any, position: int, writer: ViewWriter) -> None:
        key = {"report_id": str(e.originator_id)}
        row = writer.get("rm_progress", key) or {}
        writer.update(
            "rm_progress",
            key,
            {
                "status": ReportStatus.SUBMITTED.value,
                "first_submitted_on": row.get("first_submitted_on") or e.submitted_on,
                "submitted_at": e.timestamp,
                "sha256": e.sha256,
            },
        )

    def _returned(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "rm_progress",
            {"report_id": str(e.originator_id)},
            {
                "status": ReportStatus.RETURNED.value,
                "comment": e.comment,
                "returned_on": e.returned_on,
            },
        )

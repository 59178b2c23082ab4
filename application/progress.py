"""Use cases of the progress sheets: a lead unit writes and submits its quarter's sheet, the
civilisation office (role `office`) follows who filed, downloads any sheet or the whole city's,
and sends a sheet back with a comment.

The sheet of quarter Q is due on the 10th of the month after Q ends (domain.progress); a sheet
is late when its first submission came after that day, or it was not submitted by then.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from application.accounts import Principal
from application.app import ChengxinApp
from application.governance import EVERY_UNIT, GovernanceService
from application.ports import Clock
from application.progress_sheet import ProgressSheet
from domain.accounts import Role
from domain.errors import (
    Forbidden,
    NotFound,
    SheetIncomplete,
    ValidationFailed,
    VersionConflict,
)
from domain.governance import Period
from domain.progress import ProgressReport, is_late, progress_due, report_id_for


class ProgressFiles(Protocol):
    def keep(self, sha256: str, content: bytes) -> None: ...

    def read(self, sha256: str) -> bytes | None: ...


class ProgressQueries(Protocol):
    def filings(self, year: int, quarter: int) -> Mapping[str, Mapping[str, Any]]: ...


class SheetRenderer(Protocol):
    def __call__(self, sheets: Sequence[ProgressSheet]) -> bytes: ...


@dataclass(frozen=True)
class Filing:
    unit: str
    due: date
    status: str
    submitted_at: Any
    late: bool
    sha256: str | None
    comment: str | None


class ProgressService:
    def __init__(
        self,
        app: ChengxinApp,
        clock: Clock,
        governance: GovernanceService,
        files: ProgressFiles,
        queries: ProgressQueries,
        render: SheetRenderer,
    ) -> None:
        self.app = app
        self.clock = clock
        self.governance = governance
        self.files = files
        self.queries = queries
        self.render = render

    def _own_unit(self, principal: Principal, unit: str) -> None:
        if principal.role is not Role.OFFICER or principal.department != unit:
            raise Forbidden("only an officer of the unit writes and submits its sheet", unit=unit)

    def _office(self, principal: Principal) -> None:
        if principal.role not in EVERY_UNIT:
            raise Forbidden("only the office and admins follow the filings")

    def _load_or_open(self, unit: str, period: Period) -> ProgressReport:
        assert period.quarter is not None
        report_id = report_id_for(unit, period.year, period.quarter)
        if self.app.exists(report_id):
            return self.app.load(ProgressReport, report_id, "progress sheet")
        return ProgressReport(unit=unit, year=period.year, quarter=period.quarter)

    def report(self, principal: Principal, unit: str, year: int, quarter: int) -> ProgressReport:
        """The unit's sheet of the quarter as filed so far (unsaved and empty if never written)."""
        self.governance.led_domains(principal, unit)
        return self._load_or_open(unit, Period(year, quarter))

    def write_row(
        self,
        principal: Principal,
        unit: str,
        period: Period,
        domain: str,
        text: tuple[str, str],
        expected_version: int | None = None,
    ) -> ProgressReport:
        """The unit's 问题清单 and 具体举措和实际成效 for one domain it leads."""
        self._own_unit(principal, unit)
        led = self.governance.led_domains(principal, unit)
        if domain not in {d.code for d in led}:
            self.governance.reference.domain(domain)
            raise ValidationFailed(f"unit {unit} does not lead {domain}", field="domain")
        report = self._load_or_open(unit, period)
        if expected_version is not None and report.version != expected_version:
            raise VersionConflict(
                f"the sheet is at version {report.version}, not {expected_version}",
                current_version=report.version,
            )
        report.write_row(domain, *text)
        self.app.save(report)
        return report

    def submit(self, principal: Principal, unit: str, period: Period) -> ProgressReport:
        """Render the sheet, keep its bytes under their SHA-256, record the submission."""
        self._own_unit(principal, unit)
        sheet = self.governance.progress_sheet(principal, unit, period)
        unwritten = [row.domain for row in sheet.rows if not (row.problems and row.measures)]
        if unwritten:
            raise SheetIncomplete(
                "write the problems and the measures of every row first", domains=unwritten
            )
        report = self._load_or_open(unit, period)
        content = self.render([sheet])
        digest = hashlib.sha256(content).hexdigest()
        report.submit(digest, len(content), self.clock.today())
        self.files.keep(digest, content)  # kept first: a digest the events name always resolves
        self.app.save(report)
        return report

    def send_back(
        self, principal: Principal, unit: str, period: Period, comment: str
    ) -> ProgressReport:
        self._office(principal)
        self.governance.led_domains(principal, unit)
        report = self._load_or_open(unit, period)
        report.send_back(comment, self.clock.today())
        self.app.save(report)
        return report

    def submitted_file(
        self, principal: Principal, unit: str, period: Period, sha256: str | None
    ) -> bytes:
        """A submitted workbook, byte for byte as it was submitted (the latest without a digest)."""
        self.governance.led_domains(principal, unit)
        report = self._load_or_open(unit, period)
        digests = [s.sha256 for s in report.submissions]
        wanted = sha256.lower() if sha256 else (digests[-1] if digests else None)
        content = self.files.read(wanted) if wanted in digests and wanted else None
        if content is None:
            raise NotFound(f"no such submitted sheet of {unit}", unit=unit)
        return content

    def filings(self, principal: Principal, period: Period) -> list[Filing]:
        """Every lead unit's filing of the quarter, late or not as of today."""
        self._office(principal)
        assert period.quarter is not None
        rows = self.queries.filings(period.year, period.quarter)
        today = self.clock.today()
        items = []
        for unit in self.governance.lead_units(period.cutoff(today)):
            row = rows.get(unit, {})
            submitted = row.get("first_submitted_on")
            items.append(
                Filing(
                    unit=unit,
                    due=progress_due(period),
                    status=str(row.get("status", "none")),
                    submitted_at=row.get("submitted_at"),
                    late=is_late(period, submitted, today),
                    sha256=row.get("sha256"),
                    comment=row.get("comment"),
                )
            )
        return items

    def city_workbook(self, principal: Principal, period: Period) -> bytes:
        """One sheet per lead unit, as it stands now (the written rows, today's figures)."""
        self._office(principal)
        units = self.governance.lead_units(period.cutoff(self.clock.today()))
        return self.render([self.governance.progress_sheet(principal, u, period) for u in units])

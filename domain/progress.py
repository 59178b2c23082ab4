"""A lead unit's quarterly progress sheet (工作进度表) as it files it with the civilisation office.

The plan (淮文明委〔2018〕14号, §四.4): "由各牵头单位每季度首月 10 日前填写《淮安市集中治理诚信
缺失突出问题工作进度表》报至市文明办". In the first month of a quarter, by its 10th, a lead unit
reports on the quarter just ended: the sheet of quarter Q is due on the 10th of the month after Q
ends (Q1 on 10 April, Q4 on 10 January of the next year); filed on that day is on time.

The unit writes the sheet's 问题清单 and 具体举措和实际成效 per domain, then submits it: the
submission names the SHA-256 of the file as submitted (the bytes are kept beside the events).
The office may send a submitted sheet back with a comment; the unit then writes and submits again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import InvalidState, ValidationFailed
from domain.governance import FIRST_YEAR, Period

MAX_TEXT = 4000
DUE_DAY = 10


def progress_due(period: Period) -> date:
    """The 10th of the first month of the next quarter (the plan's 每季度首月 10 日前)."""
    if period.quarter is None:
        raise ValidationFailed("a progress sheet is filed per quarter", field="quarter")
    if period.quarter == 4:
        return date(period.year + 1, 1, DUE_DAY)
    return date(period.year, 3 * period.quarter + 1, DUE_DAY)


def filing_quarter(today: date) -> Period | None:
    """The quarter whose sheet is being filed on `today`: the last one ended (None before 2018)."""
    now = Period.containing(today)
    if now.quarter == 1:
        return Period(now.year - 1, 4) if now.year > FIRST_YEAR else None
    return Period(now.year, (now.quarter or 2) - 1)


def is_late(period: Period, submitted_on: date | None, today: date) -> bool:
    """Filed after the due day, or not filed and the due day has passed."""
    due = progress_due(period)
    return (submitted_on or today) > due


def report_id_for(unit: str, year: int, quarter: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"chengxin:progress:{unit}:{year}:{quarter}")


class ReportStatus(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"


@dataclass(frozen=True)
class RowText:
    problems: str
    measures_and_results: str


@dataclass(frozen=True)
class Submission:
    sha256: str
    size: int
    submitted_on: date


def check_text(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationFailed(f"at most {MAX_TEXT} characters", field=field)
    return value


class ProgressReport(AttributedAggregate):
    class Opened(AttributedAggregate.Created):
        unit: str
        year: int
        quarter: int

    class RowWritten(AttributedAggregate.Event):
        domain: str
        problems: str
        measures_and_results: str

    class Submitted(AttributedAggregate.Event):
        sha256: str
        size: int
        submitted_on: date

    class Returned(AttributedAggregate.Event):
        comment: str
        returned_on: date

    @staticmethod
    def create_id(unit: str, year: int, quarter: int) -> UUID:
        return report_id_for(unit, year, quarter)

    @event(Opened)
    def __init__(self, unit: str, year: int, quarter: int) -> None:
        self.unit = unit
        self.year = year
        self.quarter = quarter
        self.rows: dict[str, RowText] = {}
        self.submissions: list[Submission] = []
        self.status = ReportStatus.DRAFT
        self.comment: str | None = None
        self.returned_on: date | None = None

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)

    @property
    def latest(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None

    def _require_editable(self, doing: str) -> None:
        if self.status is ReportStatus.SUBMITTED:
            raise InvalidState(f"cannot {doing}: the sheet is submitted; the office may return it")

    def write_row(self, domain: str, problems: str, measures_and_results: str) -> None:
        self._require_editable("write")
        text = RowText(
            check_text(problems, "problems"),
            check_text(measures_and_results, "measures_and_results"),
        )
        if self.rows.get(domain) != text:
            self._row_written(
                domain=domain,
                problems=text.problems,
                measures_and_results=text.measures_and_results,
            )

    @event(RowWritten)
    def _row_written(self, domain: str, problems: str, measures_and_results: str) -> None:
        self.rows[domain] = RowText(problems, measures_and_results)

    def submit(self, sha256: str, size: int, today: date) -> None:
        if today < self.period.start:
            raise ValidationFailed("a quarter's sheet is submitted once the quarter has begun")
        self._require_editable("submit again")
        self._submitted(sha256=sha256, size=size, submitted_on=today)

    @event(Submitted)
    def _submitted(self, sha256: str, size: int, submitted_on: date) -> None:
        self.submissions.append(Submission(sha256, size, submitted_on))
        self.status = ReportStatus.SUBMITTED

    def send_back(self, comment: str, today: date) -> None:
        if self.status is not ReportStatus.SUBMITTED:
            raise InvalidState("only a submitted sheet can be sent back")
        comment = check_text(comment, "comment")
        if not comment:
            raise ValidationFailed("say what the unit should change", field="comment")
        self._returned(comment=comment, returned_on=today)

    @event(Returned)
    def _returned(self, comment: str, returned_on: date) -> None:
        self.status = ReportStatus.RETURNED
        self.comment = comment
        self.returned_on = returned_on

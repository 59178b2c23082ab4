"""An officer's day on one page: the department's open cases with their next step, and every
deadline that runs (statements, objections, repair feedback and decisions), the overdue and
those due within the next working days first. Read from the same read models as the API's lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.calendar import add_working_days
from infrastructure.bootstrap import Chengxin

SOON_WORKING_DAYS = 3
LIMIT = 500


@dataclass(frozen=True)
class Due:
    kind: str
    deadline: date
    state: str
    subject_name: str
    href: str


@dataclass(frozen=True)
class Worklist:
    cases: list[dict[str, Any]]
    objections: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    dues: list[Due]

    def count(self, state: str) -> int:
        return sum(1 for due in self.dues if due.state == state)


def deadline_state(deadline: date, today: date, soon: date) -> str:
    if deadline < today:
        return "overdue"
    return "soon" if deadline <= soon else "later"


class Names:
    """Subjects' names, each looked up once per page."""

    def __init__(self, system: Chengxin) -> None:
        self.system = system
        self.known: dict[str, str] = {}

    def __call__(self, subject_id: str) -> str:
        if subject_id not in self.known:
            self.known[subject_id] = self.system.subjects.get(UUID(subject_id)).name
        return self.known[subject_id]


def next_step(status: str, deadline: date | None, today: date, heard: bool = False) -> str:
    """What the officer does next with a case, from where its procedure stands."""
    if status == "open":
        return "step.notice"
    if status == "notice_served":
        over = heard or (deadline is not None and deadline < today)
        return "step.decide" if over else "step.statement"
    return "step.close"


def officer_worklist(system: Chengxin, department: str | None) -> Worklist:
    """The open work of the department and of the units it succeeded (their open records are
    its own now)."""
    today = system.clock.today()
    soon = add_working_days(system.calendar, today, SOON_WORKING_DAYS)
    names = Names(system)
    records = system.worklists
    units = sorted(system.reference.acts_for(department)) if department else [None]
    cases = [
        {
            **row,
            "subject_name": names(row["subject_id"]),
            "next": next_step(row["status"], row["statement_deadline"], today),
        }
        for unit in units
        for row in records.list_cases(unit, None, None, None, LIMIT)
        if row["status"] != "closed"
    ]
    objections = [
        {**row, "subject_name": names(row["subject_id"])}
        for unit in units
        for row in records.list_objections(None, unit, "open", None, None, LIMIT)
    ]
    repairs = [
        {**row, "subject_name": names(row["subject_id"])}
        for unit in units
        for status in ("filed", "accepted")
        for row in records.list_repairs(status, None, unit, None, None, LIMIT)
    ]
    dues = sorted(
        dues_of(cases, objections, repairs, today, soon), key=lambda d: (d.deadline, d.kind)
    )
    cases.sort(key=lambda c: c["opened_on"], reverse=True)
    return Worklist(cases, objections, repairs, dues)


def dues_of(
    cases: list[dict[str, Any]],
    objections: list[dict[str, Any]],
    repairs: list[dict[str, Any]],
    today: date,
    soon: date,
) -> list[Due]:
    found = [
        ("due.statement", c["statement_deadline"], c, f"/workbench/cases/{c['case_id']}")
        for c in cases
        if c["status"] == "notice_served" and c["statement_deadline"] is not None
    ]
    found += [
        ("due.objection", o["deadline"], o, f"/workbench/entries/{o['entry_id']}")
        for o in objections
    ]
    for r in repairs:
        kind, deadline = (
            ("due.feedback", r["feedback_deadline"])
            if r["status"] == "filed"
            else ("due.decision", r["decision_deadline"])
        )
        found.append((kind, deadline, r, f"/workbench/repairs/{r['repair_id']}"))
    return [
        Due(kind, deadline, deadline_state(deadline, today, soon), row["subject_name"], href)
        for kind, deadline, row, href in found
        if deadline is not None
    ]

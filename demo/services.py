"""What the demo city is built with, and what it reports when it is loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from application.accounts import AccountService
from application.app import ChengxinApp
from application.governance import GovernanceService
from application.ports import WorklistQueries
from domain.accounts import Role
from domain.calendar import WorkingCalendar
from domain.reference import ReferenceData


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    department: str | None = None
    subject_id: UUID | None = None


@dataclass
class DemoSummary:
    as_of: date
    accounts: list[DemoAccount] = field(default_factory=list)
    subjects: int = 0
    entries: int = 0
    cases: int = 0
    expired: int = 0


@dataclass(frozen=True)
class DemoServices:
    app: ChengxinApp
    reference: ReferenceData
    calendar: WorkingCalendar
    worklists: WorklistQueries
    accounts: AccountService
    governance: GovernanceService

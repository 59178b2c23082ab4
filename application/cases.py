"""Use cases of a case: open, gather evidence, serve notice, hear the subject, decide."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.entries import EntryService, NewEntry
from application.permissions import (
    require_deciding_department,
    require_may_act_in_domain,
    require_subject_or_deciding_department,
)
from application.ports import Clock
from domain.accounts import Role
from domain.calendar import WorkingCalendar
from domain.case import Case, Listing
from domain.errors import ValidationFailed
from domain.reference import ListType, ReferenceData, Severity
from domain.subject import Subject

DEFAULT_STATEMENT_DAYS = 5


@dataclass(frozen=True)
class OpenCase:
    subject_id: UUID
    domain: str
    summary: str


@dataclass(frozen=True)
class AddEvidence:
    case_id: UUID
    description: str
    reference: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class ServeNotice:
    case_id: UUID
    proposed: ListType
    served_on: date
    statement_days: int | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordStatement:
    case_id: UUID
    text: str
    received_on: date
    expected_version: int | None = None


@dataclass(frozen=True)
class DecideCase:
    """A listing (with list type and severity) or a dismissal; the date defaults to today."""

    case_id: UUID
    dismissed: bool
    decision_date: date | None = None
    list_type: ListType | None = None
    severity: Severity | None = None
    decision_no: str | None = None
    legal_basis: str | None = None
    repairable: bool | None = None  # None: as the rules derive it
    not_repairable_reason: str | None = None
    penalty_kind: str | None = None
    extension_months: int = 0
    expected_version: int | None = None

    def listing(self, decision_date: date) -> Listing:
        missing = [n for n in ("list_type", "severity") if getattr(self, n) is None]
        if self.list_type is ListType.RED:
            missing.remove("severity")  # the red list has none
        if missing:
            raise ValidationFailed(
                f"a listing decision needs {' and '.join(missing)}", field=missing[0]
            )
        assert self.list_type is not None
        return Listing(
            list_type=self.list_type,
            severity=self.severity,
            decision_no=self.decision_no or f"CX-{str(self.case_id)[:8].upper()}",
            decision_date=decision_date,
            legal_basis=self.legal_basis or "",
            repairable=self.repairable,
        )

    def extras(self) -> dict[str, Any]:
        """What the entry carries beyond the case's decision."""
        return {
            "not_repairable_reason": self.not_repairable_reason,
            "penalty_kind": self.penalty_kind,
            "extension_months": self.extension_months,
        }


class CaseService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        calendar: WorkingCalendar,
        clock: Clock,
        entries: EntryService,
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock
        self.entries = entries

    def get(self, case_id: UUID) -> Case:
        return self.app.load(Case, case_id, "case")

    def _load(self, principal: Principal, case_id: UUID, expected: int | None) -> Case:
        case = self.app.load_expected(Case, case_id, "case", expected)
        require_deciding_department(principal, case.department, self.reference)
        return case

    def open(self, principal: Principal, command: OpenCase) -> Case:
        case = self.make(principal, command)
        self.app.save(case)
        return case

    def make(
        self, principal: Principal, command: OpenCase, commitment_id: UUID | None = None
    ) -> Case:
        """A new case of the officer's department, not yet saved (a breach saves it with the
        commitment it cites)."""
        require_may_act_in_domain(principal, command.domain, self.reference)
        self.app.load(Subject, command.subject_id, "subject")
        if principal.department is None:
            raise ValidationFailed("only an officer of a department opens a case")
        self.reference.department_in_force(principal.department, self.clock.today())
        return Case(
            subject_id=command.subject_id,
            domain=command.domain,
            summary=command.summary,
            department=principal.department,
            opened_on=self.clock.today(),
            commitment_id=commitment_id,
        )

    def add_evidence(self, principal: Principal, command: AddEvidence) -> Case:
        case = self._load(principal, command.case_id, command.expected_version)
        case.add_evidence(command.description, command.reference)
        self.app.save(case)
        return case

    def serve_notice(self, principal: Principal, command: ServeNotice) -> Case:
        case = self._load(principal, command.case_id, command.expected_version)
        days = command.statement_days
        days = DEFAULT_STATEMENT_DAYS if days is None else days
        today = self.clock.today()
        case.serve_notice(command.proposed, command.served_on, days, self.calendar, today)
        self.app.save(case)
        return case

    def receive_statement(self, principal: Principal, command: RecordStatement) -> Case:
        def visible(case: Case) -> None:
            require_subject_or_deciding_department(
                principal,
                case.subject_id,
                case.department,
                self.reference,
                ("case", command.case_id),
            )

        case = self.app.load_expected(
            Case, command.case_id, "case", command.expected_version, visible
        )
        case.receive_statement(command.text, command.received_on, self.clock.today())
        self.app.save(case)
        return case

    def decide(self, principal: Principal, command: DecideCase) -> tuple[Case, UUID | None]:
        """A dismissal, or a listing with the entry it creates (its id comes back)."""
        day = command.decision_date or self.clock.today()
        expected = command.expected_version
        if command.dismissed:
            return self.dismiss(principal, command.case_id, day, expected), None
        listing = command.listing(day)
        return self.decide_listing(principal, command.case_id, listing, expected, command.extras())

    def decide_listing(
        self,
        principal: Principal,
        case_id: UUID,
        listing: Listing,
        expected: int | None = None,
        extras: dict[str, Any] | None = None,
    ) -> tuple[Case, UUID]:
        """The decision and the entry it creates are saved together, or neither."""
        case = self._load(principal, case_id, expected)
        today = self.clock.today()
        case.check_listing(listing, today)
        entry = self.entries.make(
            NewEntry(
                subject_id=case.subject_id,
                list_type=listing.list_type,
                domain=case.domain,
                severity=listing.severity,
                decision_no=listing.decision_no,
                decision_date=listing.decision_date,
                legal_basis=listing.legal_basis,
                repairable=listing.repairable,
                department=self._deciding_unit(principal, case.department, listing.decision_date),
                **(extras or {}),
            ),
            case_id=case.id,
        )
        case.decide_listing(replace(listing, repairable=entry.repairable), entry.id, today)
        self.app.save(case, entry, *self.entries.honours_ended_by(entry, today))
        return case, entry.id

    def _deciding_unit(self, principal: Principal, department: str, day: date) -> str:
        """The case's department, or, once it has ceased, the officer's unit that succeeded
        it: a new decision is its own. Anyone else's decision for a ceased unit is refused
        (department_not_in_force, naming the successor)."""
        own = principal.department if principal.role is Role.OFFICER else None
        if self.reference.department(department).is_valid_on(day) or own is None:
            return department
        return own if self.reference.department(own).is_valid_on(day) else department

    def dismiss(
        self, principal: Principal, case_id: UUID, decision_date: date, expected: int | None = None
    ) -> Case:
        case = self._load(principal, case_id, expected)
        case.dismiss(decision_date, self.clock.today())
        self.app.save(case)
        return case

    def close(self, principal: Principal, case_id: UUID, expected: int | None = None) -> Case:
        case = self._load(principal, case_id, expected)
        case.close(self.clock.today())
        self.app.save(case)
        return case

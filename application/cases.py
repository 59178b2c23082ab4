"""Use cases of a case: open, gather evidence, serve notice, hear the subject, decide."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.entries import EntryService, NewEntry
from application.permissions import (
    is_deciding_department,
    may_act_in_domain,
    subject_or_deciding_department,
)
from application.ports import Clock
from domain.calendar import WorkingCalendar
from domain.case import Case, Listing
from domain.errors import ValidationFailed
from domain.reference import ListType, ReferenceData
from domain.subject import Subject

DEFAULT_STATEMENT_DAYS = 5


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
        is_deciding_department(principal, case.department)
        return case

    def open(self, principal: Principal, subject_id: UUID, domain: str, summary: str) -> Case:
        may_act_in_domain(principal, domain, self.reference)
        self.app.load(Subject, subject_id, "subject")
        if principal.department is None:
            raise ValidationFailed("only an officer of a department opens a case")
        case = Case(
            subject_id=subject_id,
            domain=domain,
            summary=summary,
            department=principal.department,
            opened_on=self.clock.today(),
        )
        self.app.save(case)
        return case

    def add_evidence(
        self,
        principal: Principal,
        case_id: UUID,
        description: str,
        reference: str | None,
        expected: int | None = None,
    ) -> Case:
        case = self._load(principal, case_id, expected)
        case.add_evidence(description, reference)
        self.app.save(case)
        return case

    def serve_notice(
        self,
        principal: Principal,
        case_id: UUID,
        proposed: ListType,
        served_on: date,
        statement_days: int | None,
        expected: int | None = None,
    ) -> Case:
        case = self._load(principal, case_id, expected)
        days = DEFAULT_STATEMENT_DAYS if statement_days is None else statement_days
        case.serve_notice(proposed, served_on, days, self.calendar, self.clock.today())
        self.app.save(case)
        return case

    def receive_statement(
        self,
        principal: Principal,
        case_id: UUID,
        text: str,
        received_on: date,
        expected: int | None = None,
    ) -> Case:
        case = self.app.load_expected(Case, case_id, "case", expected)
        subject_or_deciding_department(principal, case.subject_id, case.department)
        case.receive_statement(text, received_on, self.clock.today())
        self.app.save(case)
        return case

    def decide_listing(
        self, principal: Principal, case_id: UUID, listing: Listing, expected: int | None = None
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
                department=case.department,
            ),
            case_id=case.id,
        )
        case.decide_listing(listing, entry.id, today)
        self.app.save(case, entry)
        return case, entry.id

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

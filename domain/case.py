"""A case: an officer's investigation of a violation, from opening to decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.calendar import WorkingCalendar, add_working_days
from domain.errors import InvalidState, ValidationFailed
from domain.reference import ListType, Severity
from domain.rules import (
    NoticeFacts,
    decision_date_is_not_future,
    decision_is_after_notice,
    notice_allows_decision,
)

MAX_STATEMENT_DAYS = 60


class CaseStatus(Enum):
    OPEN = "open"
    NOTICE_SERVED = "notice_served"
    DECIDED = "decided"
    DISMISSED = "dismissed"
    CLOSED = "closed"


class Outcome(Enum):
    LISTING = "listing"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class Listing:
    """What a listing decision says; the entry it creates carries the same facts."""

    list_type: ListType
    severity: Severity | None  # None on the red list
    decision_no: str
    decision_date: date
    legal_basis: str
    repairable: bool | None  # None until the entry's rules derive it


@dataclass(frozen=True)
class Notice:
    proposed: ListType
    served_on: date
    statement_days: int
    statement_deadline: date


@dataclass(frozen=True)
class Statement:
    text: str
    received_on: date


@dataclass(frozen=True)
class Evidence:
    description: str
    reference: str | None


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    decision_date: date
    listing: Listing | None
    entry_id: UUID | None


class Case(AttributedAggregate):
    class Opened(AttributedAggregate.Created):
        subject_id: UUID
        domain: str
        summary: str
        department: str
        opened_on: date
        commitment_id: UUID | None = None  # v1.1: a case opened on a broken credit commitment

    class EvidenceAdded(AttributedAggregate.Event):
        description: str
        reference: str | None

    class NoticeServed(AttributedAggregate.Event):
        proposed: ListType
        served_on: date
        statement_days: int
        statement_deadline: date

    class StatementReceived(AttributedAggregate.Event):
        text: str
        received_on: date

    class Decided(AttributedAggregate.Event):
        outcome: Outcome
        list_type: ListType | None
        severity: Severity | None
        decision_no: str | None
        decision_date: date
        legal_basis: str | None
        repairable: bool | None
        entry_id: UUID | None

    class Closed(AttributedAggregate.Event):
        closed_on: date

    @event(Opened)
    def __init__(
        self,
        subject_id: UUID,
        domain: str,
        summary: str,
        department: str,
        opened_on: date,
        commitment_id: UUID | None = None,
    ) -> None:
        self.subject_id = subject_id
        self.commitment_id = commitment_id
        self.domain = domain
        self.summary = summary
        self.department = department
        self.opened_on = opened_on
        self.status = CaseStatus.OPEN
        self.evidence: list[Evidence] = []
        self.notice: Notice | None = None
        self.statements: list[Statement] = []
        self.decision: Decision | None = None
        self.entry_id: UUID | None = None

    @property
    def is_undecided(self) -> bool:
        return self.status in {CaseStatus.OPEN, CaseStatus.NOTICE_SERVED}

    def _require_undecided(self, doing: str) -> None:
        if not self.is_undecided:
            raise InvalidState(f"cannot {doing}: the case is {self.status.value}")

    def add_evidence(self, description: str, reference: str | None) -> None:
        self._require_undecided("add evidence")
        self._evidence_added(description=description, reference=reference)

    @event(EvidenceAdded)
    def _evidence_added(self, description: str, reference: str | None) -> None:
        self.evidence.append(Evidence(description, reference))

    def serve_notice(
        self,
        proposed: ListType,
        served_on: date,
        statement_days: int,
        calendar: WorkingCalendar,
        today: date,
    ) -> None:
        self._require_undecided("serve notice")
        if served_on > today:
            raise ValidationFailed("the notice cannot be served in the future", field="served_on")
        if not 1 <= statement_days <= MAX_STATEMENT_DAYS:
            raise ValidationFailed(
                f"the statement period is 1 to {MAX_STATEMENT_DAYS} working days",
                field="statement_days",
            )
        deadline = add_working_days(calendar, served_on, statement_days)
        self._notice_served(
            proposed=proposed,
            served_on=served_on,
            statement_days=statement_days,
            statement_deadline=deadline,
        )

    @event(NoticeServed)
    def _notice_served(
        self, proposed: ListType, served_on: date, statement_days: int, statement_deadline: date
    ) -> None:
        self.notice = Notice(proposed, served_on, statement_days, statement_deadline)
        self.status = CaseStatus.NOTICE_SERVED

    def receive_statement(self, text: str, received_on: date, today: date) -> None:
        self._require_undecided("receive a statement")
        if self.notice is None:
            raise InvalidState("no notice has been served, so no statement is due")
        if received_on > today:
            raise ValidationFailed(
                "a statement cannot be received in the future", field="received_on"
            )
        if received_on < self.notice.served_on:
            raise ValidationFailed(
                f"a statement answers the notice: it cannot be received before its service on "
                f"{self.notice.served_on}",
                field="received_on",
            )
        self._statement_received(text=text, received_on=received_on)

    @event(StatementReceived)
    def _statement_received(self, text: str, received_on: date) -> None:
        self.statements.append(Statement(text, received_on))

    def notice_facts(self) -> NoticeFacts | None:
        if self.notice is None:
            return None
        received = [statement.received_on for statement in self.statements]
        return NoticeFacts(
            served_on=self.notice.served_on,
            statement_deadline=self.notice.statement_deadline,
            statement_received_on=min(received) if received else None,
        )

    def check_listing(self, listing: Listing, today: date) -> None:
        """Every rule a listing decision must pass, before any entry is made."""
        self._require_undecided("decide")
        decision_date_is_not_future(listing.decision_date, today)
        notice_allows_decision(listing.list_type, self.notice_facts(), listing.decision_date)

    def decide_listing(self, listing: Listing, entry_id: UUID, today: date) -> None:
        self.check_listing(listing, today)
        self._decided(
            outcome=Outcome.LISTING,
            list_type=listing.list_type,
            severity=listing.severity,
            decision_no=listing.decision_no,
            decision_date=listing.decision_date,
            legal_basis=listing.legal_basis,
            repairable=listing.repairable,
            entry_id=entry_id,
        )

    def dismiss(self, decision_date: date, today: date) -> None:
        self._require_undecided("dismiss")
        decision_date_is_not_future(decision_date, today)
        decision_is_after_notice(self.notice_facts(), decision_date)
        self._decided(
            outcome=Outcome.DISMISSED,
            list_type=None,
            severity=None,
            decision_no=None,
            decision_date=decision_date,
            legal_basis=None,
            repairable=None,
            entry_id=None,
        )

    @event(Decided)
    def _decided(
        self,
        outcome: Outcome,
        list_type: ListType | None,
        severity: Severity | None,
        decision_no: str | None,
        decision_date: date,
        legal_basis: str | None,
        repairable: bool | None,
        entry_id: UUID | None,
    ) -> None:
        self.status = CaseStatus.DECIDED if outcome is Outcome.LISTING else CaseStatus.DISMISSED
        self.entry_id = entry_id
        listing = None
        if list_type and decision_no is not None and legal_basis is not None:
            listing = Listing(
                list_type, severity, decision_no, decision_date, legal_basis, bool(repairable)
            )
        self.decision = Decision(outcome, decision_date, listing, entry_id)

    def close(self, today: date) -> None:
        if self.status not in {CaseStatus.DECIDED, CaseStatus.DISMISSED}:
            raise InvalidState(f"only a decided case can be closed; it is {self.status.value}")
        self._closed(closed_on=today)

    @event(Closed)
    def _closed(self, closed_on: date) -> None:
        self.status = CaseStatus.CLOSED

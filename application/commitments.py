"""Use cases of credit commitments (信用承诺): record one, published at once; a breach opens a
case of the department that took it, saved with the commitment; fulfilment ends it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.cases import CaseService, OpenCase
from application.permissions import require_deciding_department, require_may_act_for
from application.ports import Clock, RegisterQueries
from domain.calendar import WorkingCalendar
from domain.case import Case
from domain.commitment import Commitment, commitment_id_for
from domain.entry_values import clean_text
from domain.errors import DuplicateCommitment, ValidationFailed
from domain.licence import MAX_TEXT
from domain.reference import ReferenceData
from domain.rules import publish_deadline
from domain.subject import Subject

MAX_MATTER = 500


@dataclass(frozen=True)
class RecordCommitment:
    subject_id: UUID
    matter: str
    text: str
    signed_on: date
    department: str
    domain: str | None = None  # none: the first the department leads, else takes part in


@dataclass(frozen=True)
class BreakCommitment:
    commitment_id: UUID
    description: str
    found_on: date
    expected_version: int | None = None


class CommitmentService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        calendar: WorkingCalendar,
        clock: Clock,
        queries: RegisterQueries,
        cases: CaseService,
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock
        self.queries = queries
        self.cases = cases

    def get(self, commitment_id: UUID) -> Commitment:
        return self.app.load(Commitment, commitment_id, "commitment")

    def record(self, principal: Principal, command: RecordCommitment) -> Commitment:
        require_may_act_for(principal, command.department, self.reference)
        subject = self.app.load(Subject, command.subject_id, "subject")
        commitment = self.make_for(subject, command)
        self.app.save(commitment)
        return commitment

    def _domain(self, command: RecordCommitment) -> str:
        if command.domain is not None:
            if not self.reference.domain(command.domain).involves(command.department):
                raise ValidationFailed(
                    "the department takes no part in that domain: it could open no case there",
                    field="domain",
                )
            return command.domain
        domains = self.reference.domains_of(command.department)
        led = [d for d in domains if d.is_led_by(command.department)]
        if not domains:
            raise ValidationFailed("name the domain of the commitment's matter", field="domain")
        return (led or domains)[0].code

    def make_for(self, subject: Subject, command: RecordCommitment) -> Commitment:
        today = self.clock.today()
        if not self.reference.has_department(command.department):
            raise ValidationFailed(f"unknown department {command.department!r}", field="department")
        if command.signed_on > today:
            raise ValidationFailed("the signing date is in the future", field="signed_on")
        matter = clean_text(command.matter, "matter", MAX_MATTER)
        commitment_id = commitment_id_for(subject.id, command.department, matter, command.signed_on)
        if self.app.exists(commitment_id):
            raise DuplicateCommitment(
                "this commitment is already recorded", commitment_id=str(commitment_id)
            )
        regime = self.reference.regime_on(command.signed_on)
        commitment = Commitment(
            subject_id=subject.id,
            subject_kind=subject.kind,
            subject_name=subject.name,
            identifier=subject.identifier,
            matter=matter,
            commitment_text=clean_text(command.text, "text", MAX_TEXT),
            signed_on=command.signed_on,
            department=command.department,
            domain=self._domain(command),
            regime=regime.code,
            publish_deadline=publish_deadline(self.calendar, regime, command.signed_on),
            recorded_on=today,
        )
        commitment.publish(today)
        return commitment

    def breach(self, principal: Principal, command: BreakCommitment) -> tuple[Commitment, Case]:
        """The department that took the commitment finds it broken: a case of that department,
        in the commitment's domain and citing it, is opened in the same save."""
        commitment = self.app.load_expected(
            Commitment, command.commitment_id, "commitment", command.expected_version
        )
        require_deciding_department(principal, commitment.department, self.reference)
        description = clean_text(command.description, "description", MAX_TEXT)
        summary = f"违反信用承诺：{commitment.matter}（{description}）"[:MAX_TEXT]
        opening = OpenCase(commitment.subject_id, commitment.domain, summary)
        case = self.cases.make(principal, opening, commitment_id=commitment.id)
        commitment.break_(description, command.found_on, case.id, self.clock.today())
        self.app.save(commitment, case)
        return commitment, case

    def fulfil(
        self, principal: Principal, commitment_id: UUID, expected_version: int | None = None
    ) -> Commitment:
        commitment = self.app.load_expected(
            Commitment, commitment_id, "commitment", expected_version
        )
        require_deciding_department(principal, commitment.department, self.reference)
        commitment.fulfil(self.clock.today())
        self.app.save(commitment)
        return commitment

    def of_subject(self, subject_id: UUID) -> list[Commitment]:
        return [self.get(i) for i in self.queries.commitment_ids_of_subject(subject_id)]

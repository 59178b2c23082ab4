"""Use cases of administrative licences (行政许可): record one, published at once; read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.permissions import require_may_act_for
from application.ports import Clock, RegisterQueries
from domain.calendar import WorkingCalendar
from domain.entry_values import MAX_DECISION_NO_LENGTH, clean_text
from domain.errors import DuplicateLicence, ValidationFailed
from domain.licence import MAX_TEXT, Licence, licence_dates_are_coherent, licence_id_for
from domain.reference import ReferenceData
from domain.rules import publish_deadline
from domain.subject import Subject

MAX_KIND = 200


@dataclass(frozen=True)
class RecordLicence:
    subject_id: UUID
    licence_no: str
    kind: str
    content: str
    decision_date: date
    valid_from: date
    department: str
    valid_to: date | None = None


class LicenceService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        calendar: WorkingCalendar,
        clock: Clock,
        queries: RegisterQueries,
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock
        self.queries = queries

    def get(self, licence_id: UUID) -> Licence:
        return self.app.load(Licence, licence_id, "licence")

    def record(self, principal: Principal, command: RecordLicence) -> Licence:
        require_may_act_for(principal, command.department, self.reference)
        subject = self.app.load(Subject, command.subject_id, "subject")
        licence = self.make_for(subject, command)
        self.app.save(licence)
        return licence

    def make_for(self, subject: Subject, command: RecordLicence) -> Licence:
        """A licence that passed its checks, published at once (late past the deadline)."""
        today = self.clock.today()
        if not self.reference.has_department(command.department):
            raise ValidationFailed(f"unknown department {command.department!r}", field="department")
        licence_dates_are_coherent(
            command.decision_date, command.valid_from, command.valid_to, today
        )
        number = clean_text(command.licence_no, "licence_no", MAX_DECISION_NO_LENGTH)
        licence_id = licence_id_for(command.department, number)
        if self.app.exists(licence_id):
            raise DuplicateLicence(
                f"licence {number} of {command.department} is already recorded",
                licence_id=str(licence_id),
            )
        regime = self.reference.regime_on(command.decision_date)
        licence = Licence(
            subject_id=subject.id,
            subject_kind=subject.kind,
            subject_name=subject.name,
            identifier=subject.identifier,
            licence_no=number,
            licence_kind=clean_text(command.kind, "kind", MAX_KIND),
            content=clean_text(command.content, "content", MAX_TEXT),
            decision_date=command.decision_date,
            valid_from=command.valid_from,
            valid_to=command.valid_to,
            department=command.department,
            regime=regime.code,
            publish_deadline=publish_deadline(self.calendar, regime, command.decision_date),
            recorded_on=today,
        )
        licence.publish(today)
        return licence

    def of_subject(self, subject_id: UUID) -> list[Licence]:
        return [self.get(i) for i in self.queries.licence_ids_of_subject(subject_id)]

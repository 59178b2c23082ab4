"""An administrative licence (行政许可): one of the two decisions of 双公示, recorded by the
issuing department and published within the regime's working days of its decision."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import InvalidState, ValidationFailed
from domain.subject import SubjectKind

MAX_TEXT = 2000


def licence_id_for(department: str, licence_no: str) -> UUID:
    """One licence per number and issuing department: recording it twice finds the first."""
    return uuid5(NAMESPACE_URL, f"chengxin:licence:{department}:{licence_no.strip().upper()}")


def licence_dates_are_coherent(
    decision_date: date, valid_from: date, valid_to: date | None, today: date
) -> None:
    """Decided no later than today; valid from the decision on, and until after it starts."""
    if decision_date > today:
        raise ValidationFailed("the decision date is in the future", field="decision_date")
    if valid_from < decision_date:
        raise ValidationFailed("a licence is not valid before its decision", field="valid_from")
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed("a licence ends after it starts", field="valid_to")


class Licence(AttributedAggregate):
    class Granted(AttributedAggregate.Created):
        subject_id: UUID
        subject_kind: SubjectKind
        subject_name: str
        identifier: str
        licence_no: str
        licence_kind: str
        content: str
        decision_date: date
        valid_from: date
        valid_to: date | None
        department: str
        regime: str
        publish_deadline: date
        recorded_on: date

    class Published(AttributedAggregate.Event):
        published_on: date
        late: bool

    @staticmethod
    def create_id(department: str, licence_no: str) -> UUID:
        return licence_id_for(department, licence_no)

    @event(Granted)
    def __init__(
        self,
        subject_id: UUID,
        subject_kind: SubjectKind,
        subject_name: str,
        identifier: str,
        licence_no: str,
        licence_kind: str,
        content: str,
        decision_date: date,
        valid_from: date,
        valid_to: date | None,
        department: str,
        regime: str,
        publish_deadline: date,
        recorded_on: date,
    ) -> None:
        self.subject_id = subject_id
        self.subject_kind = subject_kind
        self.subject_name = subject_name
        self.identifier = identifier
        self.licence_no = licence_no
        self.licence_kind = licence_kind
        self.content = content
        self.decision_date = decision_date
        self.valid_from = valid_from
        self.valid_to = valid_to
        self.department = department
        self.regime = regime
        self.publish_deadline = publish_deadline
        self.recorded_on = recorded_on
        self.published_on: date | None = None
        self.late = False

    def publish(self, today: date) -> None:
        if self.published_on is not None:
            raise InvalidState("the licence is already published")
        self._published(published_on=today, late=today > self.publish_deadline)

    @event(Published)
    def _published(self, published_on: date, late: bool) -> None:
        self.published_on = published_on
        self.late = late

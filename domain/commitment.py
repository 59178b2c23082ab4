"""A credit commitment (信用承诺): a subject's signed promise on a matter, published like the
decisions of 双公示; broken, it leads the department that took it to open a case."""

from __future__ import annotations

from datetime import date
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import InvalidState, ValidationFailed
from domain.subject import SubjectKind


class CommitmentStatus(Enum):
    IN_FORCE = "in_force"
    FULFILLED = "fulfilled"
    BROKEN = "broken"


def commitment_id_for(subject_id: UUID, department: str, matter: str, signed_on: date) -> UUID:
    """One commitment per subject, department, matter and day: recording it twice finds it."""
    key = f"chengxin:commitment:{subject_id}:{department}:{matter}:{signed_on.isoformat()}"
    return uuid5(NAMESPACE_URL, key)


def breach_is_possible(signed_on: date, found_on: date, today: date) -> None:
    """A breach is found after the signing and no later than today."""
    if found_on > today:
        raise ValidationFailed("the breach cannot be found in the future", field="found_on")
    if found_on < signed_on:
        raise ValidationFailed("a commitment is not broken before it is signed", field="found_on")


class Commitment(AttributedAggregate):
    class Signed(AttributedAggregate.Created):
        subject_id: UUID
        subject_kind: SubjectKind
        subject_name: str
        identifier: str
        matter: str
        commitment_text: str
        signed_on: date
        department: str
        domain: str
        regime: str
        publish_deadline: date
        recorded_on: date

    class Published(AttributedAggregate.Event):
        published_on: date
        late: bool

    class Fulfilled(AttributedAggregate.Event):
        fulfilled_on: date

    class Broken(AttributedAggregate.Event):
        description: str
        found_on: date
        case_id: UUID

    @staticmethod
    def create_id(subject_id: UUID, department: str, matter: str, signed_on: date) -> UUID:
        return commitment_id_for(subject_id, department, matter, signed_on)

    @event(Signed)
    def __init__(
        self,
        subject_id: UUID,
        subject_kind: SubjectKind,
        subject_name: str,
        identifier: str,
        matter: str,
        commitment_text: str,
        signed_on: date,
        department: str,
        domain: str,
        regime: str,
        publish_deadline: date,
        recorded_on: date,
    ) -> None:
        self.subject_id = subject_id
        self.subject_kind = subject_kind
        self.subject_name = subject_name
        self.identifier = identifier
        self.matter = matter
        self.commitment_text = commitment_text
        self.signed_on = signed_on
        self.department = department
        self.domain = domain
        self.regime = regime
        self.publish_deadline = publish_deadline
        self.recorded_on = recorded_on
        self.status = CommitmentStatus.IN_FORCE
        self.published_on: date | None = None
        self.late = False
        self.breach: str | None = None
        self.ended_on: date | None = None
        self.case_id: UUID | None = None

    def publish(self, today: date) -> None:
        if self.published_on is not None:
            raise InvalidState("the commitment is already published")
        self._published(published_on=today, late=today > self.publish_deadline)

    @event(Published)
    def _published(self, published_on: date, late: bool) -> None:
        self.published_on = published_on
        self.late = late

    def _require_in_force(self, doing: str) -> None:
        if self.status is not CommitmentStatus.IN_FORCE:
            raise InvalidState(f"cannot {doing}: the commitment is {self.status.value}")

    def break_(self, description: str, found_on: date, case_id: UUID, today: date) -> None:
        self._require_in_force("record a breach")
        breach_is_possible(self.signed_on, found_on, today)
        self._broken(description=description, found_on=found_on, case_id=case_id)

    @event(Broken)
    def _broken(self, description: str, found_on: date, case_id: UUID) -> None:
        self.status = CommitmentStatus.BROKEN
        self.breach = description
        self.ended_on = found_on
        self.case_id = case_id

    def fulfil(self, today: date) -> None:
        self._require_in_force("record fulfilment")
        self._fulfilled(fulfilled_on=today)

    @event(Fulfilled)
    def _fulfilled(self, fulfilled_on: date) -> None:
        self.status = CommitmentStatus.FULFILLED
        self.ended_on = fulfilled_on

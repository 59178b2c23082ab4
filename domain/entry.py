"""A list entry: one record of a subject on the penalty, black, focus or red list.

Its publication window is fixed when it is listed, by the rule regime in force on the
decision date. Objections live inside the entry (one open at a time); repair applications are
their own aggregate, but approval changes the entry in the same atomic save.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.entry_values import (
    ACTIVE,
    AppliedMeasure,
    EndReason,
    EntryStatus,
    Objection,
    ObjectionStatus,
    Recomputed,
    Rectification,
    Source,
    corrected_value,
    corrected_values,
    effective_status,
    objection_received_is_possible,
)
from domain.errors import InvalidState, ObjectionOpen, ValidationFailed
from domain.reference import ListType, Severity
from domain.subject import SubjectKind


def entry_id_for(subject_id: UUID, list_type: ListType, decision_no: str) -> UUID:
    """One entry per decision document and list: recording it twice finds the first."""
    key = f"chengxin:entry:{subject_id}:{list_type.value}:{decision_no.strip().upper()}"
    return uuid5(NAMESPACE_URL, key)


class ListEntry(AttributedAggregate):
    class Listed(AttributedAggregate.Created):
        subject_id: UUID
        subject_kind: SubjectKind
        subject_name: str
        identifier: str
        list_type: ListType
        domain: str
        severity: Severity | None  # None on the red list (older red entries carry one: ignored)
        department: str
        legal_basis: str
        decision_no: str
        decision_date: date
        repairable: bool
        case_id: UUID | None
        regime: str
        min_end: date
        max_end: date
        publishable: bool
        publish_deadline: date
        recorded_on: date
        # v1.1: where the decision was taken, and the end of a record brought from history
        source: str = ""
        external_ref: str | None = None
        history_end_on: date | None = None
        history_end_reason: str | None = None
        penalty_content: str = ""  # v1.1: what the penalty is (处罚内容)
        # v1.1: the list with its own periods, the penalty's kind, an extension for
        # obstruction, and why an officer made a repairable entry not repairable
        special_list: str | None = None
        penalty_kind: str | None = None
        extension_months: int = 0
        not_repairable_reason: str | None = None

    class Published(AttributedAggregate.Event):
        published_on: date
        late: bool

    class MeasureApplied(AttributedAggregate.Event):
        measure_code: str
        note: str | None
        applied_on: date
        outlives_entry: bool = False

    class ObjectionFiled(AttributedAggregate.Event):
        objection_id: UUID
        grounds: str
        filed_on: date
        deadline: date
        channel: str = "online"  # v1.1: filed on the subject's behalf, from this channel ...
        received_on: date | None = None  # ... received that day

    class ObjectionExtended(AttributedAggregate.Event):
        objection_id: UUID
        reason: str
        deadline: date

    class ObjectionResolved(AttributedAggregate.Event):
        objection_id: UUID
        outcome: ObjectionStatus
        reason: str
        resolved_on: date

    class Corrected(AttributedAggregate.Event):
        changes: dict[str, Any]
        reason: str

    class TermsRecomputed(AttributedAggregate.Event):
        """A correction of list type, severity or decision date: the terms the rules give
        the corrected facts (regime, window, publication, repairability)."""

        regime: str
        special_list: str | None
        min_end: date
        max_end: date
        publishable: bool
        publish_deadline: date
        repairable: bool

    class RectificationRecorded(AttributedAggregate.Event):
        description: str
        performed_on: date
        evidence: list[str]

    class RectificationVerified(AttributedAggregate.Event):
        """The deciding department found the conduct corrected (what governance counts)."""

        verified_on: date
        note: str

    class RepairOpened(AttributedAggregate.Event):
        repair_id: UUID

    class RepairClosed(AttributedAggregate.Event):
        repair_id: UUID
        barred_until: date | None

    class Repaired(AttributedAggregate.Event):
        repair_id: UUID | None  # None: repaired before the record was brought here
        repaired_on: date

    class Expired(AttributedAggregate.Event):
        expired_on: date

    class Revoked(AttributedAggregate.Event):
        reason: str
        revoked_on: date

    class RemovedOnPerformance(AttributedAggregate.Event):
        """A list that ends on performance (court defaulters): the deciding unit verified the
        obligations performed, and the listing ends that day."""

        removed_on: date

    class HonourEnded(AttributedAggregate.Event):
        """A red-list entry ended by a dishonesty listing of the same subject."""

        reason: str
        ended_on: date
        by_entry_id: UUID

    @staticmethod
    def create_id(subject_id: UUID, list_type: ListType, decision_no: str) -> UUID:
        return entry_id_for(subject_id, list_type, decision_no)

    @event(Listed)
    def __init__(
        self,
        subject_id: UUID,
        subject_kind: SubjectKind,
        subject_name: str,
        identifier: str,
        list_type: ListType,
        domain: str,
        severity: Severity | None,
        department: str,
        legal_basis: str,
        decision_no: str,
        decision_date: date,
        repairable: bool,
        case_id: UUID | None,
        regime: str,
        min_end: date,
        max_end: date,
        publishable: bool,
        publish_deadline: date,
        recorded_on: date,
        source: str = "",
        external_ref: str | None = None,
        history_end_on: date | None = None,
        history_end_reason: str | None = None,
        penalty_content: str = "",
        special_list: str | None = None,
        penalty_kind: str | None = None,
        extension_months: int = 0,
        not_repairable_reason: str | None = None,
    ) -> None:
        self.subject_id = subject_id
        self.subject_kind = subject_kind
        self.subject_name = subject_name
        self.identifier = identifier
        self.list_type = list_type
        self.domain = domain
        self.severity = None if list_type is ListType.RED else severity
        self.department = department
        self.legal_basis = legal_basis
        self.decision_no = decision_no
        self.decision_date = decision_date
        self.repairable = repairable
        self.case_id = case_id
        self.regime = regime
        self.min_end = min_end
        self.max_end = max_end
        self.publishable = publishable
        self.publish_deadline = publish_deadline
        self.recorded_on = recorded_on
        self.source = Source(source) if source else Source.CASE if case_id else Source.EXTERNAL
        self.external_ref = external_ref
        self.history_end_on = history_end_on
        self.history_end_reason = history_end_reason
        self.penalty_content = penalty_content
        self.special_list = special_list
        self.penalty_kind = penalty_kind
        self.extension_months = extension_months
        self.not_repairable_reason = not_repairable_reason
        self.status = EntryStatus.LISTED
        self.published_on: date | None = None
        self.late = False
        self.measures: list[AppliedMeasure] = []
        self.objections: list[Objection] = []
        self.rectifications: list[Rectification] = []
        self.rectification_verified_on: date | None = None
        self.open_repair_id: UUID | None = None
        self.barred_until: date | None = None
        self.ended_on: date | None = None
        self.end_reason: str | None = None

    # -- reading -------------------------------------------------------------------------

    def status_on(self, day: date) -> EntryStatus:
        """The status as a reader must see it: past its window an entry is expired,
        whether or not the sweep has recorded that yet."""
        return effective_status(self.status, self.max_end, day)

    def is_active_on(self, day: date) -> bool:
        return self.status_on(day) in ACTIVE

    def is_disclosed_on(self, day: date) -> bool:
        """Shown on the public site that day: published, active and inside its window."""
        return self.status_on(day) is EntryStatus.PUBLISHED

    @property
    def open_objection(self) -> Objection | None:
        return next((o for o in self.objections if o.status is ObjectionStatus.OPEN), None)

    def objection(self, objection_id: UUID) -> Objection:
        for objection in self.objections:
            if objection.id == objection_id:
                return objection
        raise ValidationFailed(
            f"objection {objection_id} is not on this entry", field="objection_id"
        )

    @property
    def active_measures(self) -> list[AppliedMeasure]:
        return [m for m in self.measures if m.lifted_on is None]

    def _require_active(self, doing: str, today: date) -> None:
        if not self.is_active_on(today):
            raise InvalidState(f"cannot {doing}: the entry is {self.status_on(today).value}")

    # -- publication ---------------------------------------------------------------------

    def publish(self, today: date) -> None:
        if self.status is not EntryStatus.LISTED or not self.publishable:
            raise InvalidState("only a listed entry that the rules publish can be published")
        self._published(published_on=today, late=today > self.publish_deadline)

    @event(Published)
    def _published(self, published_on: date, late: bool) -> None:
        self.status = EntryStatus.PUBLISHED
        self.published_on = published_on
        self.late = late

    @property
    def ended_when_recorded(self) -> bool:
        """A record brought from history that had ended before it was recorded here: the live
        site never shows it, though an auditor sees it as it stood in its time."""
        return self.history_end_on is not None

    def record_history(self) -> None:
        """The rest of a record brought from history, each fact with its own date: published
        from its decision where the rules published it (the day it was shown is not known; its
        decision is the earliest it can have been), then ended on its day, for its reason."""
        end, reason = self.history_end_on, self.history_end_reason
        if end is None or reason is None or self.status is not EntryStatus.LISTED:
            raise InvalidState("only a listed record brought from history ends this way")
        if self.publishable and self.decision_date < min(end, self.max_end):
            self._published(published_on=self.decision_date, late=False)
        if reason == EndReason.REPAIRED.value:
            self._repaired(repair_id=None, repaired_on=end)
        elif reason == EndReason.REVOKED.value:
            self._revoked(reason="撤销于记录之前 (revoked before it was recorded)", revoked_on=end)
        else:
            self._expired(expired_on=end)

    # -- measures ------------------------------------------------------------------------

    def apply_measure(
        self, code: str, note: str | None, today: date, outlives_entry: bool = False
    ) -> None:
        self._require_active("apply a measure", today)
        if any(m.code == code for m in self.active_measures):
            raise InvalidState(f"the measure {code} is already applied to this entry")
        self._measure_applied(
            measure_code=code, note=note, applied_on=today, outlives_entry=outlives_entry
        )

    @event(MeasureApplied)
    def _measure_applied(
        self, measure_code: str, note: str | None, applied_on: date, outlives_entry: bool = False
    ) -> None:
        self.measures.append(AppliedMeasure(measure_code, note, applied_on, None, outlives_entry))

    # -- objections ----------------------------------------------------------------------

    def file_objection(
        self,
        objection_id: UUID,
        grounds: str,
        today: date,
        deadline: date,
        channel: str = "online",
        received_on: date | None = None,
    ) -> None:
        self._require_active("object", today)
        if received_on is not None:
            objection_received_is_possible(received_on, self.decision_date, today)
        if self.open_objection is not None:
            raise ObjectionOpen(
                "an objection to this entry is already open",
                objection_id=str(self.open_objection.id),
            )
        self._objection_filed(
            objection_id=objection_id,
            grounds=grounds,
            filed_on=today,
            deadline=deadline,
            channel=channel,
            received_on=received_on,
        )

    @event(ObjectionFiled)
    def _objection_filed(
        self,
        objection_id: UUID,
        grounds: str,
        filed_on: date,
        deadline: date,
        channel: str = "online",
        received_on: date | None = None,
    ) -> None:
        self.objections.append(
            Objection(
                objection_id, grounds, filed_on, deadline, channel=channel, received_on=received_on
            )
        )

    def _require_open_objection(self, objection_id: UUID) -> Objection:
        objection = self.objection(objection_id)
        if objection.status is not ObjectionStatus.OPEN:
            raise InvalidState(f"the objection is already {objection.status.value}")
        return objection

    def extend_objection(self, objection_id: UUID, reason: str, deadline: date) -> None:
        objection = self._require_open_objection(objection_id)
        if objection.extended:
            raise InvalidState("an objection's deadline can be extended only once")
        self._objection_extended(objection_id=objection_id, reason=reason, deadline=deadline)

    @event(ObjectionExtended)
    def _objection_extended(self, objection_id: UUID, reason: str, deadline: date) -> None:
        self._replace_objection(objection_id, deadline=deadline, extended=True)

    def resolve_objection(
        self,
        objection_id: UUID,
        upheld: bool,
        reason: str,
        today: date,
        correction: dict[str, Any] | None = None,
        revoke: bool = False,
        terms: Recomputed | None = None,
    ) -> None:
        """`terms`: what the rules give the corrected facts, when the correction changes list
        type, severity or decision date; the entry leaves or joins the public site by them."""
        self._require_open_objection(objection_id)
        if not upheld and (correction or revoke):
            raise ValidationFailed(
                "a rejected objection neither corrects nor revokes", field="outcome"
            )
        changes = corrected_values(correction) if upheld and correction else {}
        outcome = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
        self._objection_resolved(
            objection_id=objection_id, outcome=outcome, reason=reason, resolved_on=today
        )
        if changes:
            self._corrected(changes=changes, reason=reason)
        if changes and terms is not None:
            self._terms_recomputed(**asdict(terms))
            if not self.expire(today) and self.publishable and self.status is EntryStatus.LISTED:
                self.publish(today)  # the corrected window has not ended: published by its rules
        if upheld and revoke:
            self.revoke(reason, today)

    @event(ObjectionResolved)
    def _objection_resolved(
        self, objection_id: UUID, outcome: ObjectionStatus, reason: str, resolved_on: date
    ) -> None:
        self._replace_objection(objection_id, status=outcome, reason=reason)

    def _replace_objection(self, objection_id: UUID, **changes: Any) -> None:
        self.objections = [
            replace(o, **changes) if o.id == objection_id else o for o in self.objections
        ]

    @event(Corrected)
    def _corrected(self, changes: dict[str, Any], reason: str) -> None:
        for name, value in changes.items():
            setattr(self, name, corrected_value(name, value))
        if self.list_type is ListType.RED:
            self.severity = None

    @event(TermsRecomputed)
    def _terms_recomputed(
        self,
        regime: str,
        special_list: str | None,
        min_end: date,
        max_end: date,
        publishable: bool,
        publish_deadline: date,
        repairable: bool,
    ) -> None:
        self.regime = regime
        self.special_list = special_list
        self.min_end = min_end
        self.max_end = max_end
        self.publishable = publishable
        self.publish_deadline = publish_deadline
        self.repairable = repairable
        if not publishable and self.status is EntryStatus.PUBLISHED:
            self.status = EntryStatus.LISTED  # taken off the public site
            self.published_on = None
            self.late = False

    # -- rectification and repair --------------------------------------------------------

    def record_rectification(
        self, description: str, performed_on: date, evidence: list[str], today: date
    ) -> None:
        if performed_on > today:
            raise ValidationFailed("rectification cannot be in the future", field="performed_on")
        self._rectification_recorded(
            description=description, performed_on=performed_on, evidence=list(evidence)
        )

    @event(RectificationRecorded)
    def _rectification_recorded(
        self, description: str, performed_on: date, evidence: list[str]
    ) -> None:
        self.rectifications.append(Rectification(description, performed_on, evidence))

    def verify_rectification(self, note: str, today: date) -> None:
        """The deciding department confirms a recorded rectification; a revoked entry has none."""
        if not self.rectifications:
            raise InvalidState("no rectification is recorded on this entry")
        if self.rectification_verified_on is not None or self.status is EntryStatus.REVOKED:
            raise InvalidState("the rectification is already verified or the entry revoked")
        self._rectification_verified(verified_on=today, note=note)

    @event(RectificationVerified)
    def _rectification_verified(self, verified_on: date, note: str) -> None:
        self.rectification_verified_on = verified_on

    def open_repair(self, repair_id: UUID) -> None:
        self._repair_opened(repair_id=repair_id)

    @event(RepairOpened)
    def _repair_opened(self, repair_id: UUID) -> None:
        self.open_repair_id = repair_id

    def close_repair(self, repair_id: UUID, barred_until: date | None = None) -> None:
        if self.open_repair_id != repair_id:
            raise InvalidState("that repair application is not open on this entry")
        self._repair_closed(repair_id=repair_id, barred_until=barred_until)

    @event(RepairClosed)
    def _repair_closed(self, repair_id: UUID, barred_until: date | None) -> None:
        self.open_repair_id = None
        if barred_until is not None:
            self.barred_until = barred_until

    def repair(self, repair_id: UUID, today: date) -> None:
        self._require_active("repair", today)
        if self.open_repair_id != repair_id:
            raise InvalidState("that repair application is not open on this entry")
        self._repaired(repair_id=repair_id, repaired_on=today)

    @event(Repaired)
    def _repaired(self, repair_id: UUID | None, repaired_on: date) -> None:
        self._end(EntryStatus.REPAIRED, repaired_on, "repaired")

    # -- the end of an entry ---------------------------------------------------------------

    def expire(self, today: date) -> bool:
        """Record the expiry once the maximum period has ended; False when nothing is due."""
        if self.status not in ACTIVE or today < self.max_end:
            return False
        self._expired(expired_on=self.max_end)
        return True

    @event(Expired)
    def _expired(self, expired_on: date) -> None:
        self._end(EntryStatus.EXPIRED, expired_on, "expired")

    def revoke(self, reason: str, today: date) -> None:
        if self.status not in ACTIVE:
            raise InvalidState(f"cannot revoke: the entry is {self.status.value}")
        self._revoked(reason=reason, revoked_on=today)

    @event(Revoked)
    def _revoked(self, reason: str, revoked_on: date) -> None:
        self._end(EntryStatus.REVOKED, revoked_on, reason)

    def remove_on_performance(self, today: date) -> None:
        if self.status not in ACTIVE or self.rectification_verified_on is None:
            raise InvalidState("only an active entry whose performance is verified is removed")
        self._removed_on_performance(removed_on=today)

    @event(RemovedOnPerformance)
    def _removed_on_performance(self, removed_on: date) -> None:
        self._end(EntryStatus.EXPIRED, removed_on, "performed")

    def end_honour(self, reason: str, today: date, by_entry_id: UUID) -> None:
        if self.list_type is not ListType.RED or self.status not in ACTIVE:
            raise InvalidState("only an active red-list entry ends by a dishonesty listing")
        self._honour_ended(reason=reason, ended_on=today, by_entry_id=by_entry_id)

    @event(HonourEnded)
    def _honour_ended(self, reason: str, ended_on: date, by_entry_id: UUID) -> None:
        self._end(EntryStatus.REVOKED, ended_on, reason)

    def _end(self, status: EntryStatus, on: date, reason: str) -> None:
        """The entry ends; its measures are lifted, but for those that outlive it."""
        self.status = status
        self.ended_on = on
        self.end_reason = reason
        self.open_repair_id = None
        self.measures = [
            replace(m, lifted_on=on) if m.lifted_on is None and not m.outlives_entry else m
            for m in self.measures
        ]

"""Credit repair: an application to end publication early after rectification."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.entry import ListEntry
from domain.errors import (
    CommitmentRequired,
    EvidenceUnconfirmed,
    InvalidState,
    NotFound,
    RepairNotEligible,
    RepairOpen,
    ValidationFailed,
)
from domain.files import EvidenceFile
from domain.repair_values import EvidenceCheck, RepairChannel
from domain.rules import add_years


class RepairStatus(Enum):
    FILED = "filed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"


OPEN_REPAIR = frozenset({RepairStatus.FILED, RepairStatus.ACCEPTED})


def repair_is_eligible(entry: ListEntry, on: date) -> None:
    """Evaluated on the filing date: active, repairable, not barred, minimum period elapsed,
    and no other application open."""
    if not entry.is_active_on(on):
        raise RepairNotEligible(
            f"the entry is {entry.status_on(on).value}, so there is nothing to repair",
            reason="not_active",
        )
    if not entry.repairable:
        raise RepairNotEligible("this entry cannot be repaired early", reason="not_repairable")
    if entry.barred_until is not None and on < entry.barred_until:
        raise RepairNotEligible(
            f"an earlier application used false materials: barred until {entry.barred_until}",
            reason="barred",
            earliest_date=entry.barred_until.isoformat(),
        )
    if on < entry.min_end:
        raise RepairNotEligible(
            f"the minimum publication period ends on {entry.min_end}",
            reason="min_period_not_elapsed",
            earliest_date=entry.min_end.isoformat(),
        )
    if entry.open_repair_id is not None:
        raise RepairOpen(
            "a repair application for this entry is already open",
            repair_id=str(entry.open_repair_id),
        )


def check_materials(
    commitment_signed: bool, obligations_evidence: list[str], files: int = 0
) -> None:
    """The commitment letter, and evidence of the obligations performed: described (paper
    received at a window, or named) or uploaded as files."""
    check_commitment(commitment_signed)
    check_evidence(obligations_evidence, files)


def check_commitment(commitment_signed: bool) -> None:
    if not commitment_signed:
        raise CommitmentRequired("a signed credit commitment letter (信用承诺书) is required")


def check_evidence(obligations_evidence: list[str], files: int = 0) -> None:
    if not files and not any(item.strip() for item in obligations_evidence):
        raise ValidationFailed(
            "name or upload at least one piece of evidence that the obligations were performed",
            field="obligations_evidence",
        )


class RepairApplication(AttributedAggregate):
    class Filed(AttributedAggregate.Created):
        entry_id: UUID
        subject_id: UUID
        department: str
        commitment_signed: bool
        obligations_evidence: list[str]
        note: str | None
        filed_on: date
        regime: str
        feedback_deadline: date
        # v1.1: uploaded files ({sha256, size, media_type}), the channel and the certificate
        evidence_files: list[dict[str, Any]] | None = None
        channel: str = "online"
        channel_ref: str | None = None
        training_certificate_no: str | None = None

    class EvidenceChecked(AttributedAggregate.Event):
        sha256: str
        confirmed: bool
        note: str | None
        checked_on: date
        checked_by: str

    class Accepted(AttributedAggregate.Event):
        accepted_on: date
        decision_deadline: date

    class Rejected(AttributedAggregate.Event):
        reason: str
        rejected_on: date

    class Approved(AttributedAggregate.Event):
        reason: str
        approved_on: date
        materials_checked_by: str | None = None  # who checked the materials described

    class Denied(AttributedAggregate.Event):
        reason: str
        false_materials: bool
        denied_on: date

    class Withdrawn(AttributedAggregate.Event):
        withdrawn_on: date

    @event(Filed)
    def __init__(
        self,
        entry_id: UUID,
        subject_id: UUID,
        department: str,
        commitment_signed: bool,
        obligations_evidence: list[str],
        note: str | None,
        filed_on: date,
        regime: str,
        feedback_deadline: date,
        evidence_files: list[dict[str, Any]] | None = None,
        channel: str = "online",
        channel_ref: str | None = None,
        training_certificate_no: str | None = None,
    ) -> None:
        self.entry_id = entry_id
        self.subject_id = subject_id
        self.department = department
        self.commitment_signed = commitment_signed
        self.obligations_evidence = list(obligations_evidence)
        self.note = note
        self.filed_on = filed_on
        self.regime = regime
        self.feedback_deadline = feedback_deadline
        self.decision_deadline: date | None = None
        self.status = RepairStatus.FILED
        self.reasons: list[str] = []
        self.decided_on: date | None = None
        self.accepted_on: date | None = None
        self.false_materials = False
        self.evidence_files = [EvidenceFile(**f) for f in evidence_files or []]
        self.channel = RepairChannel(channel)
        self.channel_ref = channel_ref
        self.training_certificate_no = training_certificate_no
        self.evidence_checks: dict[str, EvidenceCheck] = {}
        self.materials_checked_by: str | None = None

    @staticmethod
    def files_as_recorded(files: list[EvidenceFile]) -> list[dict[str, Any]]:
        return [asdict(f) for f in files]

    @property
    def unchecked_files(self) -> list[str]:
        return [f.sha256 for f in self.evidence_files if f.sha256 not in self.evidence_checks]

    def cites(self, sha256: str) -> bool:
        return any(f.sha256 == sha256 for f in self.evidence_files)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REPAIR

    def _require(self, status: RepairStatus, doing: str) -> None:
        if self.status is not status:
            raise InvalidState(f"cannot {doing}: the application is {self.status.value}")

    def accept(self, today: date, decision_deadline: date) -> None:
        self._require(RepairStatus.FILED, "accept")
        self._accepted(accepted_on=today, decision_deadline=decision_deadline)

    @event(Accepted)
    def _accepted(self, accepted_on: date, decision_deadline: date) -> None:
        self.status = RepairStatus.ACCEPTED
        self.decision_deadline = decision_deadline
        self.accepted_on = accepted_on

    def reject(self, reason: str, today: date) -> None:
        self._require(RepairStatus.FILED, "reject")
        self._rejected(reason=reason, rejected_on=today)

    @event(Rejected)
    def _rejected(self, reason: str, rejected_on: date) -> None:
        self.status = RepairStatus.REJECTED
        self.reasons.append(reason)
        self.decided_on = rejected_on

    def lapse(self, reason: str, today: date) -> None:
        """The entry ended (revoked, expired): an open application has nothing left to repair."""
        if not self.is_open:
            raise InvalidState(f"the application is already {self.status.value}")
        self._rejected(reason=reason, rejected_on=today)

    def check_evidence(
        self, sha256: str, confirmed: bool, note: str | None, today: date, by: str
    ) -> None:
        """The deciding officer confirms or rejects one uploaded file (again, while open)."""
        if not self.cites(sha256):
            raise NotFound(f"the application carries no file {sha256}", sha256=sha256)
        if not self.is_open:
            raise InvalidState(f"cannot check evidence: the application is {self.status.value}")
        self._evidence_checked(
            sha256=sha256, confirmed=confirmed, note=note, checked_on=today, checked_by=by
        )

    @event(EvidenceChecked)
    def _evidence_checked(
        self, sha256: str, confirmed: bool, note: str | None, checked_on: date, checked_by: str
    ) -> None:
        self.evidence_checks[sha256] = EvidenceCheck(confirmed, note, checked_on, checked_by)

    def approve(self, reason: str, today: date, checked_by: str | None = None) -> None:
        """Every uploaded file checked first; the materials described (paper received at a
        window) were checked by the approving officer, and the approval says who."""
        self._require(RepairStatus.ACCEPTED, "approve")
        if self.unchecked_files:
            raise EvidenceUnconfirmed(
                "confirm or reject every uploaded evidence file before approving",
                unconfirmed=self.unchecked_files,
            )
        described = bool(self.obligations_evidence)
        self._approved(
            reason=reason,
            approved_on=today,
            materials_checked_by=checked_by if described else None,
        )

    @event(Approved)
    def _approved(
        self, reason: str, approved_on: date, materials_checked_by: str | None = None
    ) -> None:
        self.materials_checked_by = materials_checked_by
        self.status = RepairStatus.APPROVED
        self.reasons.append(reason)
        self.decided_on = approved_on

    def deny(self, reason: str, false_materials: bool, today: date) -> None:
        self._require(RepairStatus.ACCEPTED, "deny")
        self._denied(reason=reason, false_materials=false_materials, denied_on=today)

    @event(Denied)
    def _denied(self, reason: str, false_materials: bool, denied_on: date) -> None:
        self.status = RepairStatus.DENIED
        self.reasons.append(reason)
        self.decided_on = denied_on
        self.false_materials = false_materials

    def bar_ends(self, bar_years: int) -> date | None:
        """After a denial for false materials no new application for `bar_years` years."""
        if self.status is RepairStatus.DENIED and self.false_materials and self.decided_on:
            return add_years(self.decided_on, bar_years)
        return None

    def withdraw(self, today: date) -> None:
        if not self.is_open:
            raise InvalidState(f"cannot withdraw: the application is {self.status.value}")
        self._withdrawn(withdrawn_on=today)

    @event(Withdrawn)
    def _withdrawn(self, withdrawn_on: date) -> None:
        self.status = RepairStatus.WITHDRAWN
        self.decided_on = withdrawn_on

"""Credit repair: the request bodies (each builds its application command) and the answers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from application.files import MAX_FILES_PER_RECORD
from application.repairs import AcceptRepair, CheckEvidence, DecideRepair, FileRepair
from domain.repair import RepairApplication
from domain.repair_values import RepairChannel
from interfaces.api.schemas.common import Body, Evidence, ShortText, Text


class NewRepair(Body):
    entry_id: UUID
    commitment_signed: bool
    obligations_evidence: Evidence = Field(
        default_factory=list,
        description="evidence described: paper received at a window, or named; with no "
        "`evidence_files`, at least one",
    )
    note: Text | None = None
    evidence_files: Annotated[
        list[Annotated[str, Field(max_length=128)]], Field(max_length=MAX_FILES_PER_RECORD)
    ] = Field(
        default_factory=list,
        description="SHA-256 of files uploaded (POST /api/v1/files) by the subject, or by "
        "the officer filing on its behalf",
    )
    channel: Literal["online", "window", "credit_china"] | None = Field(
        None, description="a subject: online; an officer: window (default) or credit_china"
    )
    channel_ref: ShortText | None = Field(None, description="Credit China's reference number")
    training_certificate_no: ShortText | None = Field(
        None,
        description="the credit-training certificate's number, where the regime of the "
        "entry's decision asks for one (`training_required`); a scan may be one of the files",
    )

    def command(self) -> FileRepair:
        return FileRepair(
            self.entry_id,
            self.commitment_signed,
            self.obligations_evidence,
            self.note,
            evidence_files=tuple(self.evidence_files),
            channel=RepairChannel(self.channel) if self.channel else None,
            channel_ref=self.channel_ref,
            training_certificate_no=self.training_certificate_no,
        )


class EvidenceConfirmation(Body):
    confirmed: bool
    note: Text | None = None

    def command(self, repair_id: UUID, sha256: str, expected: int | None) -> CheckEvidence:
        return CheckEvidence(repair_id, sha256, self.confirmed, self.note, expected)


class RepairAcceptance(Body):
    accepted: bool
    reason: Text | None = None

    def command(self, repair_id: UUID, expected: int | None) -> AcceptRepair:
        return AcceptRepair(repair_id, self.accepted, self.reason, expected)


class RepairDecision(Body):
    approved: bool
    reason: Text
    false_materials: bool = False

    def command(self, repair_id: UUID, expected: int | None) -> DecideRepair:
        return DecideRepair(repair_id, self.approved, self.reason, self.false_materials, expected)


class EvidenceFileOut(BaseModel):
    """An uploaded file the application carries, and the deciding officer's word on it."""

    sha256: str
    size: int
    media_type: str
    status: str  # unchecked, confirmed or rejected
    note: str | None
    checked_on: date | None
    checked_by: str | None

    @classmethod
    def all_of(cls, repair: RepairApplication) -> list[EvidenceFileOut]:
        shown = []
        for file in repair.evidence_files:
            check = repair.evidence_checks.get(file.sha256)
            status = (
                "unchecked" if check is None else "confirmed" if check.confirmed else "rejected"
            )
            shown.append(
                cls(
                    sha256=file.sha256,
                    size=file.size,
                    media_type=file.media_type,
                    status=status,
                    note=check.note if check else None,
                    checked_on=check.checked_on if check else None,
                    checked_by=check.checked_by if check else None,
                )
            )
        return shown


class RepairOut(BaseModel):
    id: UUID
    version: int
    entry_id: UUID
    subject_id: UUID
    department: str
    status: str
    filed_on: date
    commitment_signed: bool
    obligations_evidence: list[str]
    note: str | None
    feedback_deadline: date
    decision_deadline: date | None
    reasons: list[str]
    decided_on: date | None
    accepted_on: date | None = None
    false_materials: bool
    regime: str
    evidence_files: list[EvidenceFileOut]
    channel: str
    channel_ref: str | None
    training_certificate_no: str | None
    materials_checked_by: str | None  # who checked the materials described, on approval

    @classmethod
    def of(cls, repair: RepairApplication) -> RepairOut:
        return cls(
            id=repair.id,
            version=repair.version,
            entry_id=repair.entry_id,
            subject_id=repair.subject_id,
            department=repair.department,
            status=repair.status.value,
            filed_on=repair.filed_on,
            commitment_signed=repair.commitment_signed,
            obligations_evidence=repair.obligations_evidence,
            note=repair.note,
            feedback_deadline=repair.feedback_deadline,
            decision_deadline=repair.decision_deadline,
            reasons=repair.reasons,
            decided_on=repair.decided_on,
            accepted_on=getattr(repair, "accepted_on", None),
            false_materials=repair.false_materials,
            regime=repair.regime,
            evidence_files=EvidenceFileOut.all_of(repair),
            channel=repair.channel.value,
            channel_ref=repair.channel_ref,
            training_certificate_no=repair.training_certificate_no,
            materials_checked_by=repair.materials_checked_by,
        )


class RepairRow(BaseModel):
    """An application in the deciding departments' worklist."""

    id: UUID
    repair_id: UUID
    entry_id: UUID
    subject_id: UUID
    department: str
    status: str
    filed_on: date
    feedback_deadline: date
    decision_deadline: date | None
    decided_on: date | None

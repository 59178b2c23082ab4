"""Credit repair: the request bodies (each builds its application command) and the answers."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import BaseModel

from application.repairs import AcceptRepair, DecideRepair, FileRepair
from domain.repair import RepairApplication
from interfaces.api.schemas.common import Body, Evidence, Text


class NewRepair(Body):
    entry_id: UUID
    commitment_signed: bool
    obligations_evidence: Evidence
    note: Text | None = None

    def command(self) -> FileRepair:
        evidence = self.obligations_evidence
        return FileRepair(self.entry_id, self.commitment_signed, evidence, self.note)


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

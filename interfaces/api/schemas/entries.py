"""List entries: the request bodies (each builds its application command) and the entry as
shown, with its objections, measures and rectifications."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from application.accounts import Principal
from application.entries import ApplyMeasure, NewEntry, RecordRectification, RevokeEntry
from domain.accounts import Role
from domain.entry import ListEntry
from domain.entry_values import EndReason, EntryStatus, Objection, Source, effective_status
from domain.errors import ValidationFailed
from domain.reference import ListType, Severity
from interfaces.api.schemas.common import (
    Body,
    Code,
    Day,
    Evidence,
    ListTypeName,
    SeverityName,
    ShortText,
    Text,
)


class NewEntryBody(Body):
    subject_id: UUID
    list_type: ListTypeName
    domain: Code
    severity: SeverityName | None = Field(None, description="none on the red list")
    decision_no: ShortText
    decision_date: Day
    legal_basis: Text
    repairable: bool | None = Field(
        None, description="omitted: as the rules derive it; false needs not_repairable_reason"
    )
    not_repairable_reason: Text | None = None
    penalty_kind: Code | None = Field(None, description="a penalty's kind from the catalogue")
    extension_months: Annotated[int, Field(ge=0, le=120)] = Field(
        0, description="a court defaulter's listing lengthened for obstruction"
    )
    department: Code | None = None
    ended_on: Day | None = Field(None, description="a historical record: the day it ended")
    end_reason: Literal["expired", "repaired", "revoked"] | None = None
    source: Literal["case", "external", "import"] | None = Field(
        None,
        description="where the decision was taken: `external` (another system; needs "
        "`external_ref`) or `import`; `case` belongs to a case's decision, not to this "
        "operation. Omitted (a v1 client): `external`, with `external_ref` optional",
    )
    external_ref: ShortText | None = Field(None, description="the decision's reference elsewhere")
    penalty_content: Text | None = Field(None, description="what the penalty is (处罚内容)")

    def command(self, principal: Principal) -> NewEntry:
        """An officer records for their own department unless naming one their unit succeeded
        (its history); an admin names the department."""
        department = self.department
        if principal.role is Role.OFFICER and department is None:
            department = principal.department
        if department is None:
            raise ValidationFailed("name the deciding department", field="department")
        if self.source == "case":
            raise ValidationFailed(
                "an entry of a case is recorded by the case's decision "
                "(POST /api/v1/cases/{id}/decision)",
                field="source",
            )
        if self.source == "external" and not (self.external_ref or "").strip():
            raise ValidationFailed(
                "a decision taken in another system names its reference there",
                field="external_ref",
            )
        return NewEntry(
            subject_id=self.subject_id,
            list_type=ListType(self.list_type),
            domain=self.domain,
            severity=Severity(self.severity) if self.severity else None,
            decision_no=self.decision_no,
            decision_date=self.decision_date,
            legal_basis=self.legal_basis,
            repairable=self.repairable,
            not_repairable_reason=self.not_repairable_reason,
            penalty_kind=self.penalty_kind,
            extension_months=self.extension_months,
            department=department,
            ended_on=self.ended_on,
            end_reason=EndReason(self.end_reason) if self.end_reason else None,
            source=Source(self.source) if self.source else Source.EXTERNAL,
            external_ref=(self.external_ref or "").strip() or None,
            penalty_content=self.penalty_content or "",
        )


class NewMeasure(Body):
    measure_code: Code
    note: Text | None = None

    def command(self, entry_id: UUID, expected: int | None) -> ApplyMeasure:
        return ApplyMeasure(entry_id, self.measure_code, self.note, expected)


class NewRectification(Body):
    description: Text
    performed_on: Day
    evidence: Evidence = Field(default_factory=list)

    def command(self, entry_id: UUID, expected: int | None) -> RecordRectification:
        return RecordRectification(
            entry_id, self.description, self.performed_on, self.evidence, expected
        )


class NewVerification(Body):
    note: Annotated[str, Field(max_length=2000)] = ""


class NewRevocation(Body):
    reason: Text

    def command(self, entry_id: UUID, expected: int | None) -> RevokeEntry:
        return RevokeEntry(entry_id, self.reason, expected)


class ObjectionOut(BaseModel):
    id: UUID
    status: str
    grounds: str
    filed_on: date
    deadline: date
    extended: bool
    reason: str | None
    channel: str  # online (by the subject), window, letter or credit_china (on its behalf)
    received_on: date  # deadlines run from it

    @classmethod
    def of(cls, objection: Objection) -> ObjectionOut:
        return cls(
            id=objection.id,
            status=objection.status.value,
            grounds=objection.grounds,
            channel=objection.channel,
            received_on=objection.received,
            filed_on=objection.filed_on,
            deadline=objection.deadline,
            extended=objection.extended,
            reason=objection.reason,
        )


class AppliedMeasureOut(BaseModel):
    code: str
    note: str | None
    applied_on: date
    lifted_on: date | None
    outlives_entry: bool = False  # lifetime or with its own term: repair and expiry leave it


class RectificationOut(BaseModel):
    description: str
    performed_on: date
    evidence: list[str]


class Publication(BaseModel):
    min_end: date
    max_end: date


class EntryHead(BaseModel):
    """What an entry shows wherever it is shown: in full or as a row of a list."""

    id: UUID
    subject_id: UUID
    subject_name: str
    identifier: str
    list_type: str
    domain: str
    severity: str | None  # none on the red list
    department: str
    decision_no: str
    decision_date: date
    status: str
    published_at: date | None
    publication: Publication


class EntryOut(EntryHead):
    version: int
    subject_kind: str
    legal_basis: str
    repairable: bool
    case_id: UUID | None
    recorded_status: str
    publish_deadline: date
    published_late: bool
    publishable: bool
    repair_possible_from: date | None
    regime: str
    objection: ObjectionOut | None
    objections: list[ObjectionOut]
    measures: list[AppliedMeasureOut]
    rectifications: list[RectificationOut]
    rectification_verified_on: date | None
    open_repair_id: UUID | None
    ended_on: date | None
    end_reason: str | None  # of a historical record: expired, repaired or revoked
    source: str  # case, external or import
    external_ref: str | None
    special_list: str | None  # a list with its own periods (court defaulters, SAMR lists)
    penalty_kind: str | None
    extension_months: int
    not_repairable_reason: str | None

    @classmethod
    def of(cls, entry: ListEntry, today: date) -> EntryOut:
        """The entry with its status as of `today` (past its window it reads as expired)."""
        return cls(
            **facts_of(entry),
            status=entry.status_on(today).value,
            recorded_status=entry.status.value,
            published_at=entry.published_on,
            publish_deadline=entry.publish_deadline,
            published_late=entry.late,
            publishable=entry.publishable,
            publication=Publication(min_end=entry.min_end, max_end=entry.max_end),
            repair_possible_from=entry.min_end if entry.repairable else None,
            regime=entry.regime,
            objection=ObjectionOut.of(entry.open_objection) if entry.open_objection else None,
            objections=[ObjectionOut.of(o) for o in entry.objections],
            measures=[AppliedMeasureOut(**asdict(m)) for m in entry.measures],
            rectifications=[RectificationOut(**asdict(r)) for r in entry.rectifications],
            rectification_verified_on=entry.rectification_verified_on,
            open_repair_id=entry.open_repair_id,
            ended_on=entry.ended_on,
            end_reason=entry.history_end_reason,
            source=entry.source.value,
            external_ref=entry.external_ref,
            special_list=entry.special_list,
            penalty_kind=entry.penalty_kind,
            extension_months=entry.extension_months,
            not_repairable_reason=entry.not_repairable_reason,
        )


def facts_of(entry: ListEntry) -> dict[str, Any]:
    """What the decision said about whom."""
    return {
        "id": entry.id,
        "version": entry.version,
        "subject_id": entry.subject_id,
        "subject_kind": entry.subject_kind.value,
        "subject_name": entry.subject_name,
        "identifier": entry.identifier,
        "list_type": entry.list_type.value,
        "domain": entry.domain,
        "severity": entry.severity.value if entry.severity else None,
        "department": entry.department,
        "legal_basis": entry.legal_basis,
        "decision_no": entry.decision_no,
        "decision_date": entry.decision_date,
        "repairable": entry.repairable,
        "case_id": entry.case_id,
    }


class EntryRow(EntryHead):
    """An entry in a list: the read model's row, its status as of today."""

    entry_id: UUID
    under_objection: bool
    source: str  # case, external or import
    external_ref: str | None

    @classmethod
    def of(cls, row: dict[str, Any], today: date) -> EntryRow:
        status = effective_status(EntryStatus(row["status"]), row["max_end"], today)
        return cls(
            id=row["entry_id"],
            entry_id=row["entry_id"],
            subject_id=row["subject_id"],
            subject_name=row["subject_name"],
            identifier=row["identifier"],
            list_type=row["list_type"],
            domain=row["domain"],
            severity=row["severity"],
            department=row["department"],
            decision_no=row["decision_no"],
            decision_date=row["decision_date"],
            status=status.value,
            published_at=row["published_on"],
            publication=Publication(min_end=row["min_end"], max_end=row["max_end"]),
            under_objection=row["objection_open"],
            source=row["source"],
            external_ref=row["external_ref"],
        )

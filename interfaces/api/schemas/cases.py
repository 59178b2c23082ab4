"""Cases: the request bodies (each builds its application command) and the case as shown."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from application.cases import AddEvidence, DecideCase, OpenCase, RecordStatement, ServeNotice
from domain.case import Case
from domain.reference import ListType, Severity
from interfaces.api.schemas.common import (
    Body,
    Code,
    Day,
    ListTypeName,
    SeverityName,
    ShortText,
    Text,
)


class NewCase(Body):
    subject_id: UUID
    domain: Code
    summary: Text

    def command(self) -> OpenCase:
        return OpenCase(self.subject_id, self.domain, self.summary)


class NewEvidence(Body):
    description: Text
    reference: ShortText | None = None

    def command(self, case_id: UUID, expected: int | None) -> AddEvidence:
        return AddEvidence(case_id, self.description, self.reference, expected)


class NewNotice(Body):
    proposed: ListTypeName
    served_on: Day
    statement_days: Annotated[int, Field(ge=1, le=60)] | None = None

    def command(self, case_id: UUID, expected: int | None) -> ServeNotice:
        proposed = ListType(self.proposed)
        return ServeNotice(case_id, proposed, self.served_on, self.statement_days, expected)


class NewStatement(Body):
    text: Text
    received_on: Day

    def command(self, case_id: UUID, expected: int | None) -> RecordStatement:
        return RecordStatement(case_id, self.text, self.received_on, expected)


class NewDecision(Body):
    outcome: Literal["listing", "dismissed"]
    list_type: ListTypeName | None = None
    severity: SeverityName | None = None
    decision_no: ShortText | None = None
    decision_date: Day | None = None
    legal_basis: Text | None = None
    repairable: bool | None = Field(
        None, description="omitted: as the rules derive it; false needs not_repairable_reason"
    )
    not_repairable_reason: Text | None = None
    penalty_kind: Code | None = None
    extension_months: Annotated[int, Field(ge=0, le=120)] = 0

    def command(self, case_id: UUID, expected: int | None) -> DecideCase:
        return DecideCase(
            case_id=case_id,
            dismissed=self.outcome == "dismissed",
            decision_date=self.decision_date,
            list_type=ListType(self.list_type) if self.list_type else None,
            severity=Severity(self.severity) if self.severity else None,
            decision_no=self.decision_no,
            legal_basis=self.legal_basis,
            repairable=self.repairable,
            not_repairable_reason=self.not_repairable_reason,
            penalty_kind=self.penalty_kind,
            extension_months=self.extension_months,
            expected_version=expected,
        )


class EvidenceOut(BaseModel):
    description: str
    reference: str | None


class NoticeOut(BaseModel):
    proposed: str
    served_on: date
    statement_days: int
    statement_deadline: date


class StatementOut(BaseModel):
    text: str
    received_on: date


class DecisionOut(BaseModel):
    outcome: str
    decision_date: date
    entry_id: UUID | None
    list_type: str | None
    severity: str | None
    decision_no: str | None
    legal_basis: str | None
    repairable: bool | None


class CaseOut(BaseModel):
    id: UUID
    version: int
    status: str
    subject_id: UUID
    domain: str
    department: str
    summary: str
    opened_on: date
    evidence: list[EvidenceOut]
    notice: NoticeOut | None
    statements: list[StatementOut]
    decision: DecisionOut | None
    entry_id: UUID | None
    commitment_id: UUID | None = None  # the broken credit commitment the case was opened on

    @classmethod
    def of(cls, case: Case) -> CaseOut:
        notice = case.notice
        return cls(
            id=case.id,
            version=case.version,
            status=case.status.value,
            subject_id=case.subject_id,
            domain=case.domain,
            department=case.department,
            summary=case.summary,
            opened_on=case.opened_on,
            evidence=[
                EvidenceOut(description=e.description, reference=e.reference) for e in case.evidence
            ],
            notice=None
            if notice is None
            else NoticeOut(
                proposed=notice.proposed.value,
                served_on=notice.served_on,
                statement_days=notice.statement_days,
                statement_deadline=notice.statement_deadline,
            ),
            statements=[
                StatementOut(text=s.text, received_on=s.received_on) for s in case.statements
            ],
            decision=decision_out(case),
            entry_id=case.entry_id,
            commitment_id=case.commitment_id,
        )


def decision_out(case: Case) -> DecisionOut | None:
    decision = case.decision
    if decision is None:
        return None
    listing = decision.listing
    return DecisionOut(
        outcome=decision.outcome.value,
        decision_date=decision.decision_date,
        entry_id=decision.entry_id,
        list_type=listing.list_type.value if listing else None,
        severity=listing.severity.value if listing and listing.severity else None,
        decision_no=listing.decision_no if listing else None,
        legal_basis=listing.legal_basis if listing else None,
        repairable=listing.repairable if listing else None,
    )


class NoticeServedOut(CaseOut):
    """The case after its notice, with the statement deadline at the top (API §4)."""

    statement_deadline: date

    @classmethod
    def of(cls, case: Case) -> NoticeServedOut:
        shown = CaseOut.of(case).model_dump()
        return cls(**shown, statement_deadline=shown["notice"]["statement_deadline"])


class CaseRow(BaseModel):
    """A case in the officers' worklist."""

    case_id: UUID
    subject_id: UUID
    domain: str
    department: str
    summary: str
    status: str
    opened_on: date
    statement_deadline: date | None
    decided_on: date | None
    entry_id: UUID | None
    position: int

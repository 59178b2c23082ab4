"""Bodies of the records API (cases, entries, objections, repairs) and how records are shown."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field

from application.timeline import EARLIEST_DAY, LATEST_DAY
from domain.case import Case
from domain.entry import ListEntry
from domain.entry_values import Objection
from domain.repair import RepairApplication
from interfaces.api.schemas import Body, Code, ShortText, Text

ListTypeName = Literal["penalty", "blacklist", "focus", "red"]
SeverityName = Literal["minor", "general", "serious"]
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]
Evidence = Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=50)]


class NewCase(Body):
    subject_id: UUID
    domain: Code
    summary: Text


class NewEvidence(Body):
    description: Text
    reference: ShortText | None = None


class NewNotice(Body):
    proposed: ListTypeName
    served_on: Day
    statement_days: Annotated[int, Field(ge=1, le=60)] | None = None


class NewStatement(Body):
    text: Text
    received_on: Day


class NewDecision(Body):
    outcome: Literal["listing", "dismissed"]
    list_type: ListTypeName | None = None
    severity: SeverityName | None = None
    decision_no: ShortText | None = None
    decision_date: Day | None = None
    legal_basis: Text | None = None
    repairable: bool = True


class NewEntryBody(Body):
    subject_id: UUID
    list_type: ListTypeName
    domain: Code
    severity: SeverityName
    decision_no: ShortText
    decision_date: Day
    legal_basis: Text
    repairable: bool = True
    department: Code | None = None


class NewMeasure(Body):
    measure_code: Code
    note: Text | None = None


class NewRectification(Body):
    description: Text
    performed_on: Day
    evidence: Evidence = Field(default_factory=list)


class NewRevocation(Body):
    reason: Text


class NewObjection(Body):
    grounds: Text


class ObjectionExtension(Body):
    reason: Text


class Resolution(Body):
    outcome: Literal["upheld", "rejected"]
    reason: Text
    correction: dict[str, Annotated[str, Field(max_length=500)]] | None = None
    revoke: bool = False


class NewRepair(Body):
    entry_id: UUID
    commitment_signed: bool
    obligations_evidence: Evidence
    note: Text | None = None


class RepairAcceptance(Body):
    accepted: bool
    reason: Text | None = None


class RepairDecision(Body):
    approved: bool
    reason: Text
    false_materials: bool = False


class Sweep(Body):
    as_of: Day | None = None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def case_out(case: Case) -> dict[str, Any]:
    notice = case.notice
    decision = case.decision
    listing = decision.listing if decision else None
    return {
        "id": str(case.id),
        "version": case.version,
        "status": case.status.value,
        "subject_id": str(case.subject_id),
        "domain": case.domain,
        "department": case.department,
        "summary": case.summary,
        "opened_on": iso(case.opened_on),
        "evidence": [
            {"description": e.description, "reference": e.reference} for e in case.evidence
        ],
        "notice": None
        if notice is None
        else {
            "proposed": notice.proposed.value,
            "served_on": iso(notice.served_on),
            "statement_days": notice.statement_days,
            "statement_deadline": iso(notice.statement_deadline),
        },
        "statements": [
            {"text": s.text, "received_on": iso(s.received_on)} for s in case.statements
        ],
        "decision": None
        if decision is None
        else {
            "outcome": decision.outcome.value,
            "decision_date": iso(decision.decision_date),
            "entry_id": str(decision.entry_id) if decision.entry_id else None,
            "list_type": listing.list_type.value if listing else None,
            "severity": listing.severity.value if listing else None,
            "decision_no": listing.decision_no if listing else None,
            "legal_basis": listing.legal_basis if listing else None,
            "repairable": listing.repairable if listing else None,
        },
        "entry_id": str(case.entry_id) if case.entry_id else None,
    }


def objection_out(objection: Objection) -> dict[str, Any]:
    return {
        "id": str(objection.id),
        "status": objection.status.value,
        "grounds": objection.grounds,
        "filed_on": iso(objection.filed_on),
        "deadline": iso(objection.deadline),
        "extended": objection.extended,
        "reason": objection.reason,
    }


def entry_out(entry: ListEntry, today: date) -> dict[str, Any]:
    open_objection = entry.open_objection
    return {
        "id": str(entry.id),
        "version": entry.version,
        "subject_id": str(entry.subject_id),
        "subject_kind": entry.subject_kind.value,
        "subject_name": entry.subject_name,
        "identifier": entry.identifier,
        "list_type": entry.list_type.value,
        "domain": entry.domain,
        "severity": entry.severity.value,
        "department": entry.department,
        "legal_basis": entry.legal_basis,
        "decision_no": entry.decision_no,
        "decision_date": iso(entry.decision_date),
        "repairable": entry.repairable,
        "case_id": str(entry.case_id) if entry.case_id else None,
        "status": entry.status_on(today).value,
        "recorded_status": entry.status.value,
        "published_at": iso(entry.published_on),
        "publish_deadline": iso(entry.publish_deadline),
        "published_late": entry.late,
        "publishable": entry.publishable,
        "publication": {"min_end": iso(entry.min_end), "max_end": iso(entry.max_end)},
        "repair_possible_from": iso(entry.min_end) if entry.repairable else None,
        "regime": entry.regime,
        "objection": objection_out(open_objection) if open_objection else None,
        "objections": [objection_out(o) for o in entry.objections],
        "measures": [
            {
                "code": m.code,
                "note": m.note,
                "applied_on": iso(m.applied_on),
                "lifted_on": iso(m.lifted_on),
            }
            for m in entry.measures
        ],
        "rectifications": [
            {
                "description": r.description,
                "performed_on": iso(r.performed_on),
                "evidence": r.evidence,
            }
            for r in entry.rectifications
        ],
        "open_repair_id": str(entry.open_repair_id) if entry.open_repair_id else None,
        "ended_on": iso(entry.ended_on),
    }


def repair_out(repair: RepairApplication) -> dict[str, Any]:
    return {
        "id": str(repair.id),
        "version": repair.version,
        "entry_id": str(repair.entry_id),
        "subject_id": str(repair.subject_id),
        "department": repair.department,
        "status": repair.status.value,
        "filed_on": iso(repair.filed_on),
        "commitment_signed": repair.commitment_signed,
        "obligations_evidence": repair.obligations_evidence,
        "note": repair.note,
        "feedback_deadline": iso(repair.feedback_deadline),
        "decision_deadline": iso(repair.decision_deadline),
        "reasons": repair.reasons,
        "decided_on": iso(repair.decided_on),
        "false_materials": repair.false_materials,
        "regime": repair.regime,
    }

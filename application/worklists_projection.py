"""The officers' read models: entries, cases, repair applications and objections.

They serve lists with filters, worklists with deadlines and statistics; the aggregates stay the
source of truth for every single record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.case import Case, CaseStatus, Outcome
from domain.entry import ListEntry
from domain.entry_values import EntryStatus, ObjectionStatus, Source
from domain.reference import ListType, Severity
from domain.repair import RepairApplication, RepairStatus
from domain.subject import Subject

SHOWN_CORRECTIONS = frozenset(
    {"decision_no", "severity", "subject_name", "list_type", "decision_date"}
)


def severity_of(list_type: ListType, severity: Severity | None) -> str | None:
    """None on the red list, whatever an older event carried."""
    return None if list_type is ListType.RED or severity is None else severity.value


def source_of(e: Any) -> Source:
    """Where the decision was taken; an event from before v1.1 has none: a case's when it names
    one, else another system's (as the aggregate reads it)."""
    source = getattr(e, "source", "")
    return Source(source) if source else Source.CASE if e.case_id else Source.EXTERNAL


def _id(event: Any) -> str:
    return str(event.originator_id)


class EntriesProjection(Projection):
    name = "entries"
    # 2: the entries' source and external_ref, the objections' channel and receipt
    # 3: a red-list entry has no severity (null); corrections of list type and decision date
    # and the terms they recompute; honours ended by a dishonesty listing
    version = 3
    views = ("entries", "objections")

    def __init__(self) -> None:
        super().__init__()
        self.on(ListEntry.Listed, self._listed)
        self.on(ListEntry.Published, self._published)
        self.on(ListEntry.MeasureApplied, self._measure)
        self.on(ListEntry.ObjectionFiled, self._objection_filed)
        self.on(ListEntry.ObjectionExtended, self._objection_extended)
        self.on(ListEntry.ObjectionResolved, self._objection_resolved)
        self.on(ListEntry.Corrected, self._corrected)
        self.on(ListEntry.TermsRecomputed, self._terms_recomputed)
        self.on(ListEntry.HonourEnded, self._ended(EntryStatus.REVOKED, "ended_on"))
        self.on(ListEntry.RemovedOnPerformance, self._ended(EntryStatus.EXPIRED, "removed_on"))
        self.on(ListEntry.RectificationRecorded, self._rectified)
        self.on(ListEntry.Repaired, self._ended(EntryStatus.REPAIRED, "repaired_on"))
        self.on(ListEntry.Expired, self._ended(EntryStatus.EXPIRED, "expired_on"))
        self.on(ListEntry.Revoked, self._ended(EntryStatus.REVOKED, "revoked_on"))
        self.on(Subject.Renamed, self._subject_renamed)

    def _listed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "entries",
            {"entry_id": _id(e)},
            {
                "subject_id": str(e.subject_id),
                "subject_kind": e.subject_kind.value,
                "subject_name": e.subject_name,
                "identifier": e.identifier,
                "list_type": e.list_type.value,
                "domain": e.domain,
                "severity": severity_of(e.list_type, e.severity),
                "department": e.department,
                "decision_no": e.decision_no,
                "decision_date": e.decision_date,
                "status": EntryStatus.LISTED.value,
                "publishable": e.publishable,
                "published_on": None,
                "publish_deadline": e.publish_deadline,
                "late": False,
                "min_end": e.min_end,
                "max_end": e.max_end,
                "ended_on": None,
                "regime": e.regime,
                "objection_open": False,
                "rectified": False,
                "measures": 0,
                "source": source_of(e).value,
                "external_ref": getattr(e, "external_ref", None),
                "recorded_at": e.timestamp,
                "position": position,
            },
        )

    def _touch(self, e: Any, position: int, writer: ViewWriter, **values: Any) -> None:
        writer.update("entries", {"entry_id": _id(e)}, {**values, "position": position})

    def _published(self, e: Any, position: int, writer: ViewWriter) -> None:
        self._touch(
            e,
            position,
            writer,
            status=EntryStatus.PUBLISHED.value,
            published_on=e.published_on,
            late=e.late,
        )

    def _measure(self, e: Any, position: int, writer: ViewWriter) -> None:
        row = writer.get("entries", {"entry_id": _id(e)}) or {"measures": 0}
        self._touch(e, position, writer, measures=row["measures"] + 1)

    def _objection_filed(self, e: Any, position: int, writer: ViewWriter) -> None:
        row = writer.get("entries", {"entry_id": _id(e)})
        if row is None:
            return
        writer.upsert(
            "objections",
            {"objection_id": str(e.objection_id)},
            {
                "entry_id": _id(e),
                "subject_id": row["subject_id"],
                "department": row["department"],
                "status": ObjectionStatus.OPEN.value,
                "filed_on": e.filed_on,
                "deadline": e.deadline,
                "channel": getattr(e, "channel", "online"),
                "received_on": getattr(e, "received_on", None) or e.filed_on,
                "position": position,
            },
        )
        self._touch(e, position, writer, objection_open=True)

    def _objection_extended(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "objections",
            {"objection_id": str(e.objection_id)},
            {"deadline": e.deadline, "position": position},
        )

    def _objection_resolved(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "objections",
            {"objection_id": str(e.objection_id)},
            {"status": e.outcome.value, "position": position},
        )
        self._touch(e, position, writer, objection_open=False)

    def _corrected(self, e: Any, position: int, writer: ViewWriter) -> None:
        changes = {k: v for k, v in e.changes.items() if k in SHOWN_CORRECTIONS}
        if "decision_date" in changes:
            changes["decision_date"] = date.fromisoformat(changes["decision_date"])
        if changes.get("list_type") == ListType.RED.value:
            changes["severity"] = None
        self._touch(e, position, writer, **changes)

    def _terms_recomputed(self, e: Any, position: int, writer: ViewWriter) -> None:
        values = {
            "regime": e.regime,
            "min_end": e.min_end,
            "max_end": e.max_end,
            "publishable": e.publishable,
            "publish_deadline": e.publish_deadline,
        }
        row = writer.get("entries", {"entry_id": _id(e)})
        if not e.publishable and row is not None and row["status"] == "published":
            values.update(status=EntryStatus.LISTED.value, published_on=None, late=False)
        self._touch(e, position, writer, **values)

    def _rectified(self, e: Any, position: int, writer: ViewWriter) -> None:
        self._touch(e, position, writer, rectified=True)

    def _ended(self, status: EntryStatus, field: str) -> Any:
        def handler(e: Any, position: int, writer: ViewWriter) -> None:
            self._touch(e, position, writer, status=status.value, ended_on=getattr(e, field))

        return handler

    def _subject_renamed(self, e: Any, position: int, writer: ViewWriter) -> None:
        for row in writer.select("entries", {"subject_id": _id(e)}):
            writer.update("entries", {"entry_id": row["entry_id"]}, {"subject_name": e.name})


class CasesProjection(Projection):
    name = "cases"
    version = 1
    views = ("cases",)

    def __init__(self) -> None:
        super().__init__()
        self.on(Case.Opened, self._opened)
        self.on(Case.NoticeServed, self._noticed)
        self.on(Case.Decided, self._decided)
        self.on(Case.Closed, self._closed)

    def _opened(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "cases",
            {"case_id": _id(e)},
            {
                "subject_id": str(e.subject_id),
                "domain": e.domain,
                "department": e.department,
                "summary": e.summary,
                "status": CaseStatus.OPEN.value,
                "opened_on": e.opened_on,
                "statement_deadline": None,
                "decided_on": None,
                "entry_id": None,
                "position": position,
            },
        )

    def _noticed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "cases",
            {"case_id": _id(e)},
            {
                "status": CaseStatus.NOTICE_SERVED.value,
                "statement_deadline": e.statement_deadline,
                "position": position,
            },
        )

    def _decided(self, e: Any, position: int, writer: ViewWriter) -> None:
        status = CaseStatus.DECIDED if e.outcome is Outcome.LISTING else CaseStatus.DISMISSED
        writer.update(
            "cases",
            {"case_id": _id(e)},
            {
                "status": status.value,
                "decided_on": e.decision_date,
                "entry_id": str(e.entry_id) if e.entry_id else None,
                "position": position,
            },
        )

    def _closed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "cases", {"case_id": _id(e)}, {"status": CaseStatus.CLOSED.value, "position": position}
        )


class RepairsProjection(Projection):
    name = "repairs"
    version = 2  # 2: which application cites which evidence file
    views = ("repairs", "evidence_citations")

    def __init__(self) -> None:
        super().__init__()
        self.on(RepairApplication.Filed, self._filed)
        self.on(RepairApplication.Accepted, self._accepted)
        for event_type, status, field in (
            (RepairApplication.Rejected, RepairStatus.REJECTED, "rejected_on"),
            (RepairApplication.Approved, RepairStatus.APPROVED, "approved_on"),
            (RepairApplication.Denied, RepairStatus.DENIED, "denied_on"),
            (RepairApplication.Withdrawn, RepairStatus.WITHDRAWN, "withdrawn_on"),
        ):
            self.on(event_type, self._closed(status, field))

    def _filed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "repairs",
            {"repair_id": _id(e)},
            {
                "entry_id": str(e.entry_id),
                "subject_id": str(e.subject_id),
                "department": e.department,
                "status": RepairStatus.FILED.value,
                "filed_on": e.filed_on,
                "feedback_deadline": e.feedback_deadline,
                "decision_deadline": None,
                "decided_on": None,
                "position": position,
            },
        )
        for file in getattr(e, "evidence_files", None) or []:
            writer.upsert(
                "evidence_citations",
                {"sha256": file["sha256"], "repair_id": _id(e)},
                {
                    "department": e.department,
                    "subject_id": str(e.subject_id),
                    "position": position,
                },
            )

    def _accepted(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "repairs",
            {"repair_id": _id(e)},
            {
                "status": RepairStatus.ACCEPTED.value,
                "decision_deadline": e.decision_deadline,
                "position": position,
            },
        )

    def _closed(self, status: RepairStatus, field: str) -> Any:
        def handler(e: Any, position: int, writer: ViewWriter) -> None:
            writer.update(
                "repairs",
                {"repair_id": _id(e)},
                {
                    "status": status.value,
                    "decided_on": getattr(e, field),
                    "position": position,
                },
            )

        return handler

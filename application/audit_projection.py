"""The auditors' projections: which aggregates and events are about which subject, and the
log of reads. An aggregate is about one subject for its whole life: its creation event says
which, and every later event of it is indexed under the same subject.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.audit import AuditRead
from domain.base import AttributedAggregate
from domain.case import Case
from domain.commitment import Commitment
from domain.credit_check import CreditCheck
from domain.entry import ListEntry
from domain.licence import Licence
from domain.repair import RepairApplication
from domain.subject import Subject


class StreamKind(Enum):
    SUBJECT = "subject"
    CASE = "case"
    ENTRY = "entry"
    REPAIR = "repair"
    CREDIT_CHECK = "credit_check"
    LICENCE = "licence"
    COMMITMENT = "commitment"


RECONSTRUCTED = (StreamKind.SUBJECT, StreamKind.CASE, StreamKind.ENTRY, StreamKind.REPAIR)


ABOUT_A_SUBJECT: dict[type[AttributedAggregate], StreamKind] = {
    Subject: StreamKind.SUBJECT,
    Case: StreamKind.CASE,
    ListEntry: StreamKind.ENTRY,
    RepairApplication: StreamKind.REPAIR,
    CreditCheck: StreamKind.CREDIT_CHECK,
    Licence: StreamKind.LICENCE,
    Commitment: StreamKind.COMMITMENT,
}


def event_classes(aggregate: type[AttributedAggregate]) -> list[type]:
    """The events an aggregate declares (not its generic bases)."""
    return [
        kind
        for name, kind in vars(aggregate).items()
        if isinstance(kind, type)
        and issubclass(kind, AttributedAggregate.Event)
        and name not in {"Event", "Created"}
    ]


class SubjectStreamsProjection(Projection):
    """Indexes each aggregate about a subject by its creation event, and each of its events by
    position, so that a subject's history is one range of an index."""

    name = "subject_streams"
    version = 3  # 3: licences and credit commitments
    views = ("subject_streams", "subject_events")

    def __init__(self) -> None:
        super().__init__()
        for aggregate, kind in ABOUT_A_SUBJECT.items():
            for event_type in event_classes(aggregate):
                created = issubclass(event_type, AttributedAggregate.Created)
                self.on(event_type, self._indexer(kind) if created else self._appended)

    @staticmethod
    def _indexer(kind: StreamKind) -> Any:
        def index(e: Any, position: int, writer: ViewWriter) -> None:
            subject_id = str(e.originator_id if kind is StreamKind.SUBJECT else e.subject_id)
            writer.upsert(
                "subject_streams",
                {"aggregate_id": str(e.originator_id)},
                {"subject_id": subject_id, "kind": kind.value, "position": position},
            )
            _append(writer, position, subject_id, kind.value)

        return index

    def _appended(self, e: Any, position: int, writer: ViewWriter) -> None:
        stream = writer.get("subject_streams", {"aggregate_id": str(e.originator_id)})
        if stream is not None:
            _append(writer, position, stream["subject_id"], stream["kind"])


def _append(writer: ViewWriter, position: int, subject_id: str, kind: str) -> None:
    writer.insert("subject_events", {"position": position, "subject_id": subject_id, "kind": kind})


class AuditLogProjection(Projection):
    """Who looked at what, in recorded order: the admins' view of the auditors."""

    name = "audit_log"
    version = 1
    views = ("audit_log",)

    def __init__(self) -> None:
        super().__init__()
        self.on(AuditRead.Recorded, self._recorded)

    def _recorded(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "audit_log",
            {"position": position},
            {
                "read_id": str(e.originator_id),
                "actor": e.actor,
                "query": e.query.value,
                "subject_id": str(e.subject_id) if e.subject_id else None,
                "as_of": e.as_of,
                "detail": e.detail,
                "recorded_at": e.timestamp,
            },
        )

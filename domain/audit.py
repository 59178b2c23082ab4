"""Auditors are audited: every look into the record is itself recorded.

An audit read is its own small aggregate (like a credit check), so that looking at a subject
never changes that subject's history: the history answer stays repeatable.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from uuid import UUID

from eventsourcing.domain import event

from domain.base import AttributedAggregate


class AuditQuery(Enum):
    HISTORY = "history"
    STATE = "state"
    DISCLOSURE = "disclosure"
    INTEGRITY = "integrity"
    LOG = "log"


class AuditRead(AttributedAggregate):
    class Recorded(AttributedAggregate.Created):
        query: AuditQuery
        subject_id: UUID | None
        as_of: datetime | None
        detail: str | None

    @event(Recorded)
    def __init__(
        self,
        query: AuditQuery,
        subject_id: UUID | None,
        as_of: datetime | None,
        detail: str | None,
    ) -> None:
        self.query = query
        self.subject_id = subject_id
        self.as_of = as_of
        self.detail = detail

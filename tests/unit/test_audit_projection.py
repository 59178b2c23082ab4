"""The subject index: every aggregate about a subject is indexed by its creation event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from application.audit_projection import (
    AuditLogProjection,
    SubjectStreamsProjection,
    event_classes,
)
from domain.audit import AuditQuery, AuditRead
from domain.base import acting_as
from domain.case import Case
from domain.credit_check import CreditCheck
from domain.entry import ListEntry
from domain.repair import RepairApplication
from domain.subject import Subject, SubjectKind

COMPANY_USCC = "91110000600037341L"


class MemoryWriter:
    """A view writer over dictionaries: enough for these projections."""

    def __init__(self) -> None:
        self.views: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}

    def get(self, view: str, key: Mapping[str, Any]) -> dict[str, Any] | None:
        return self.views.get(view, {}).get(tuple(key.values()))

    def upsert(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        rows = self.views.setdefault(view, {})
        rows.setdefault(tuple(key.values()), dict(key)).update(values)

    def insert(self, view: str, values: Mapping[str, Any]) -> None:
        self.views.setdefault(view, {})[(len(self.views.get(view, {})),)] = dict(values)

    def rows(self, view: str) -> list[dict[str, Any]]:
        return list(self.views.get(view, {}).values())


def test_a_subject_and_its_case_are_indexed_under_the_subject() -> None:
    company = Subject.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某科技有限公司")
    company.rename("淮安某某集团有限公司")
    case = Case(
        subject_id=company.id,
        domain="telecom_fraud",
        summary="冒充客服诈骗",
        department="public_security",
        opened_on=date(2026, 3, 2),
    )
    writer, projection = MemoryWriter(), SubjectStreamsProjection()
    events = [*company.collect_events(), *case.collect_events()]
    for position, event in enumerate(events, start=1):
        projection.apply(event, position, writer)  # type: ignore[arg-type]
    subject = str(company.id)
    assert writer.rows("subject_streams") == [
        {"aggregate_id": subject, "subject_id": subject, "kind": "subject", "position": 1},
        {"aggregate_id": str(case.id), "subject_id": subject, "kind": "case", "position": 3},
    ]
    assert writer.rows("subject_events") == [
        {"position": 1, "subject_id": subject, "kind": "subject"},
        {"position": 2, "subject_id": subject, "kind": "subject"},
        {"position": 3, "subject_id": subject, "kind": "case"},
    ]


def test_every_event_of_an_aggregate_about_a_subject_is_indexed() -> None:
    indexed = SubjectStreamsProjection()
    for aggregate in (Subject, Case, ListEntry, RepairApplication, CreditCheck):
        for event_type in event_classes(aggregate):
            assert indexed.handles(event_type.__new__(event_type)), event_type


def test_an_audit_read_goes_to_the_log_not_to_the_subject() -> None:
    with acting_as("auditor:zhao.shenji"):
        read = AuditRead(query=AuditQuery.HISTORY, subject_id=None, as_of=None, detail="after 0")
    event = read.collect_events()[0]
    writer = MemoryWriter()
    SubjectStreamsProjection().apply(event, 7, writer)  # type: ignore[arg-type]
    AuditLogProjection().apply(event, 7, writer)  # type: ignore[arg-type]
    assert writer.rows("subject_streams") == writer.rows("subject_events") == []
    [row] = writer.rows("audit_log")
    assert (row["position"], row["actor"], row["query"]) == (7, "auditor:zhao.shenji", "history")

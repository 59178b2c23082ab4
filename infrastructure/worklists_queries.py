"""Reads of the worklists' read models (SQL lives here, the application sees plain rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Select, Table, and_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from infrastructure.persistence import SqlStore
from infrastructure.worklists_tables import cases, entries, objections, repairs

ACTIVE_STATUSES = ("listed", "published")
DAY_ZERO = date.min  # a status filter without a day reads recorded statuses


@dataclass(frozen=True)
class EntryFilter:
    subject_id: str | None = None
    domain: str | None = None
    status: str | None = None
    list_type: str | None = None
    department: str | None = None
    today: date | None = None


def keyset(
    table: Table, key: str, query: Select[Any], cursor: str | None, limit: int
) -> Select[Any]:
    """Stable pagination by a unique key: the cursor is the last key seen."""
    column = table.c[key]
    if cursor is not None:
        query = query.where(column > cursor)
    return query.order_by(column).limit(limit)


class SqlWorklistQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def _rows(self, query: Select[Any]) -> list[dict[str, Any]]:
        with self.store.reading() as session:
            return [dict(row._mapping) for row in session.execute(query)]

    def entry_ids_of_subject(self, subject_id: UUID) -> list[UUID]:
        query = select(entries.c.entry_id).where(entries.c.subject_id == str(subject_id))
        return [
            UUID(row["entry_id"]) for row in self._rows(query.order_by(entries.c.decision_date))
        ]

    def expiries_due(self, as_of: date, limit: int) -> list[UUID]:
        query = (
            select(entries.c.entry_id)
            .where(entries.c.status.in_(ACTIVE_STATUSES), entries.c.max_end <= as_of)
            .order_by(entries.c.entry_id)
            .limit(limit)
        )
        return [UUID(row["entry_id"]) for row in self._rows(query)]

    def list_entries(
        self, where: EntryFilter, cursor: str | None, limit: int
    ) -> list[dict[str, Any]]:
        query = select(entries)
        for name in ("subject_id", "domain", "list_type", "department"):
            value = getattr(where, name)
            if value is not None:
                query = query.where(entries.c[name] == value)
        if where.status is not None:
            query = query.where(status_is(where.status, where.today or DAY_ZERO))
        return self._rows(keyset(entries, "entry_id", query, cursor, limit))

    def list_repairs(
        self,
        status: str | None,
        entry_id: str | None,
        department: str | None,
        overdue_on: date | None,
        cursor: str | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        query = select(repairs)
        if status is not None:
            query = query.where(repairs.c.status == status)
        if entry_id is not None:
            query = query.where(repairs.c.entry_id == entry_id)
        if department is not None:
            query = query.where(repairs.c.department == department)
        if overdue_on is not None:
            query = query.where(overdue(repairs, overdue_on))
        return self._rows(keyset(repairs, "repair_id", query, cursor, limit))

    def list_cases(
        self,
        department: str | None,
        status: str | None,
        subject_id: str | None,
        cursor: str | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        query = select(cases)
        if department is not None:
            query = query.where(cases.c.department == department)
        if status is not None:
            query = query.where(cases.c.status == status)
        if subject_id is not None:
            query = query.where(cases.c.subject_id == subject_id)
        return self._rows(keyset(cases, "case_id", query, cursor, limit))

    def list_objections(
        self,
        entry_id: str | None,
        department: str | None,
        status: str | None,
        overdue_on: date | None,
        cursor: str | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        query = select(objections)
        if entry_id is not None:
            query = query.where(objections.c.entry_id == entry_id)
        if department is not None:
            query = query.where(objections.c.department == department)
        if status is not None:
            query = query.where(objections.c.status == status)
        if overdue_on is not None:
            query = query.where(objections.c.status == "open", objections.c.deadline < overdue_on)
        return self._rows(keyset(objections, "objection_id", query, cursor, limit))


def status_is(status: str, today: date) -> ColumnElement[bool]:
    """The effective status in SQL: an active entry past its window reads as expired
    (the twin of domain.entry.effective_status)."""
    active = entries.c.status.in_(ACTIVE_STATUSES)
    if status == "expired":
        return or_(entries.c.status == "expired", and_(active, entries.c.max_end <= today))
    if status in ACTIVE_STATUSES:
        return and_(entries.c.status == status, entries.c.max_end > today)
    return entries.c.status == status


def overdue(table: Table, on: date) -> ColumnElement[bool]:
    """An open repair application past its feedback or decision deadline."""
    return or_(
        and_(table.c.status == "filed", table.c.feedback_deadline < on),
        and_(table.c.status == "accepted", table.c.decision_deadline < on),
    )

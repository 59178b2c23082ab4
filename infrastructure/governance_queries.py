"""Governance counts in SQL: a handful of grouped queries over the read models.

Business dates decide: a record counts as it stood on the cutoff (the period's last day, or
today while the period runs). `listed` and `governed` are domain.governance's `is_listed` and
`is_governed` in SQL (tests/unit/test_governance_rules.py holds the Python rule, and
tests/integration/test_governance_figures.py checks the two agree).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from application.governance_figures import Target
from domain.entry_values import EntryStatus
from domain.governance import Period
from infrastructure.governance_tables import (
    measures,
    objection_ends,
    repair_acceptances,
    targets,
    verified,
)
from infrastructure.replica import ReplicaReads
from infrastructure.worklists_tables import cases, entries, objections, repairs

DISHONESTY_LISTS = ("blacklist", "focus")
Counts = dict[str, dict[str, int]]


def _count(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _within(column: Any, period: Period, cutoff: date) -> ColumnElement[bool]:
    return and_(column >= period.start, column <= cutoff)


def _open_on(start: Any, end: Any, cutoff: date) -> ColumnElement[bool]:
    """Begun by the cutoff and not yet over on it."""
    return and_(start <= cutoff, or_(end.is_(None), end > cutoff))


def _flag(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


def _domain_of(entry_id: Any) -> Any:
    """The entry's domain, looked up row by row: the smaller table drives the query."""
    return (
        select(entries.c.domain)
        .where(entries.c.entry_id == entry_id)
        .scalar_subquery()
        .label("domain")
    )


def _per_domain(rows: Select[Any]) -> Select[Any]:
    table = rows.subquery()
    sums = [
        func.coalesce(func.sum(column), 0).label(column.name)
        for column in table.c
        if column.name != "domain"
    ]
    return select(table.c.domain, *sums).group_by(table.c.domain)


def _department_of(table: Any) -> Any:
    """The department of the entry a row belongs to."""
    return (
        select(entries.c.department).where(entries.c.entry_id == table.c.entry_id).scalar_subquery()
    )


def _of(query: Select[Any], department: Any, departments: Sequence[str] | None) -> Select[Any]:
    """Only the records of the given departments (a county's units); all without them."""
    return query if departments is None else query.where(department.in_(departments))


class SqlGovernanceQueries:
    def __init__(self, store: ReplicaReads) -> None:
        self.store = store

    def domain_counts(
        self,
        domains: Sequence[str],
        period: Period,
        cutoff: date,
        departments: Sequence[str] | None = None,
    ) -> Counts:
        counts: Counts = defaultdict(dict)
        if not domains:
            return counts
        queries = (
            _of(self._listed(domains, period, cutoff), entries.c.department, departments),
            _of(self._entries(domains, period, cutoff), entries.c.department, departments),
            _of(self._cases(domains, period, cutoff), cases.c.department, departments),
            _per_domain(_of(self._objections(cutoff), objections.c.department, departments)),
            _per_domain(_of(self._repairs(period, cutoff), repairs.c.department, departments)),
            _per_domain(_of(self._measures(period, cutoff), _department_of(measures), departments)),
        )

        def read(connection: Connection) -> None:
            for query in queries:
                for row in connection.execute(query):
                    values = dict(row._mapping)
                    domain = values.pop("domain")
                    if domain in domains:
                        counts[domain].update(values)

        self.store.read(read, snapshot=True)  # the counts agree with each other
        return counts

    def _listed(self, domains: Sequence[str], period: Period, cutoff: date) -> Select[Any]:
        """is_listed and is_governed of domain.governance, one row per domain."""
        ends = func.coalesce(entries.c.ended_on, entries.c.max_end)
        repaired = and_(
            entries.c.status == EntryStatus.REPAIRED.value, entries.c.ended_on <= cutoff
        )
        governed = or_(verified.c.verified_on <= cutoff, repaired)
        return (
            select(
                entries.c.domain,
                func.count().label("listed"),
                _count(governed).label("governed"),
            )
            .select_from(entries.outerjoin(verified, verified.c.entry_id == entries.c.entry_id))
            .where(
                entries.c.domain.in_(domains),
                entries.c.list_type.in_(DISHONESTY_LISTS),
                entries.c.status != EntryStatus.REVOKED.value,
                entries.c.decision_date <= cutoff,
                ends > period.start,
            )
            .group_by(entries.c.domain)
        )

    def _entries(self, domains: Sequence[str], period: Period, cutoff: date) -> Select[Any]:
        published = _within(entries.c.published_on, period, cutoff)
        decided = _within(entries.c.decision_date, period, cutoff)
        columns = [
            _count(published).label("published"),
            _count(and_(published, entries.c.published_on <= entries.c.publish_deadline)).label(
                "published_timely"
            ),
        ]
        for list_type in ("penalty", "blacklist", "focus", "red"):
            is_type = and_(decided, entries.c.list_type == list_type)
            columns.append(_count(is_type).label(f"decided_{list_type}"))
        return (
            select(entries.c.domain, *columns)
            .where(entries.c.domain.in_(domains))
            .group_by(entries.c.domain)
        )

    def _cases(self, domains: Sequence[str], period: Period, cutoff: date) -> Select[Any]:
        is_open = _open_on(cases.c.opened_on, cases.c.decided_on, cutoff)
        return (
            select(
                cases.c.domain,
                _count(is_open).label("open_cases"),
                _count(and_(is_open, cases.c.statement_deadline < cutoff)).label("overdue_cases"),
                _count(_within(cases.c.opened_on, period, cutoff)).label("cases_opened"),
            )
            .where(cases.c.domain.in_(domains))
            .group_by(cases.c.domain)
        )

    def _objections(self, cutoff: date) -> Select[Any]:
        is_open = _open_on(objections.c.filed_on, objection_ends.c.resolved_on, cutoff)
        return select(
            _domain_of(objections.c.entry_id),
            _flag(is_open).label("open_objections"),
            _flag(and_(is_open, objections.c.deadline < cutoff)).label("overdue_objections"),
        ).select_from(
            objections.outerjoin(
                objection_ends, objection_ends.c.objection_id == objections.c.objection_id
            )
        )

    def _repairs(self, period: Period, cutoff: date) -> Select[Any]:
        is_open = _open_on(repairs.c.filed_on, repairs.c.decided_on, cutoff)
        accepted_on = repair_acceptances.c.accepted_on
        awaiting_feedback = or_(accepted_on.is_(None), accepted_on > cutoff)
        late = or_(
            and_(awaiting_feedback, repairs.c.feedback_deadline < cutoff),
            and_(accepted_on <= cutoff, repairs.c.decision_deadline < cutoff),
        )
        approved = and_(
            repairs.c.status == "approved", _within(repairs.c.decided_on, period, cutoff)
        )
        return select(
            _domain_of(repairs.c.entry_id),
            _flag(is_open).label("open_repairs"),
            _flag(and_(is_open, late)).label("overdue_repairs"),
            _flag(_within(repairs.c.filed_on, period, cutoff)).label("repairs_filed"),
            _flag(approved).label("repairs_approved"),
        ).select_from(
            repairs.outerjoin(
                repair_acceptances, repair_acceptances.c.repair_id == repairs.c.repair_id
            )
        )

    def _measures(self, period: Period, cutoff: date) -> Select[Any]:
        return select(
            _domain_of(measures.c.entry_id),
            _flag(_within(measures.c.applied_on, period, cutoff)).label("measures_applied"),
        )

    def targets_of(self, year: int) -> Mapping[str, Target]:
        query = select(targets).where(targets.c.year == year)
        rows = self.store.rows(query)
        return {row["domain"]: Target(float(row["rate"]), row["goal"]) for row in rows}

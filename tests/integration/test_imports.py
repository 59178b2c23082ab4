"""The bulk import under load from elsewhere: a chunk that collides is retried row by row."""

from __future__ import annotations

import csv
from collections.abc import Collection
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text

from application.accounts import Principal
from application.imports import AggregateIndex, ImportService
from domain import subject as subjects
from domain.accounts import Role
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.statistics import SqlStatistics
from tests.support import valid_uscc

HEADER = "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis"
ADMIN = Principal("admin", Role.ADMIN)


class StaleOnce:
    """An index that has not yet seen what was written just before the first chunk."""

    def __init__(self, index: AggregateIndex) -> None:
        self.index = index
        self.asked = 0

    def existing(self, ids: Collection[UUID]) -> set[UUID]:
        self.asked += 1
        return set() if self.asked == 1 else self.index.existing(ids)


def rows(identifiers: list[str], first_number: int = 1) -> list[list[str]]:
    lines = [HEADER]
    for number, identifier in enumerate(identifiers, start=first_number):
        lines.append(
            f"legal_person,{identifier},淮安第{number}公司,penalty,environment,general,"
            f"淮环罚〔2025〕{number}号,2025-03-01,《环境保护法》"
        )
    return list(csv.reader(lines))


def company(number: int) -> str:
    return valid_uscc(f"91320800MA1MD{number:04d}")


def test_a_chunk_that_collides_with_new_records_is_retried_row_by_row(
    system: Chengxin,
) -> None:
    meanwhile = system.subjects.register(SubjectKind.LEGAL_PERSON, company(1), "淮安第1公司")
    stale = StaleOnce(system.aggregate_index)
    service = ImportService(system.app, system.reference, system.entries, stale)
    report = service.run(ADMIN, rows([company(1), company(2), company(3)]), "credit_office")
    assert (report.accepted, report.unchanged, report.rejected_total) == (3, 0, 0)
    assert stale.asked > 2  # the chunk, then each of its rows again
    assert system.subjects.get(meanwhile.id).version == 1
    assert system.worklists.entry_ids_of_subject(meanwhile.id)


def test_each_identifier_is_checked_once_per_import(
    system: Chengxin, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    check = subjects.check_identifier

    def counting(kind: SubjectKind, identifier: str, *args: Any) -> Any:
        checked.append(identifier)
        return check(kind, identifier, *args)

    monkeypatch.setattr(subjects, "check_identifier", counting)
    subjects.identify.cache_clear()
    identifiers = [company(10), company(11), company(10), company(12)]
    report = system.imports.run(ADMIN, rows(identifiers), "credit_office")
    assert report.accepted == 4
    assert sorted(checked) == sorted({company(10), company(11), company(12)})


def listing(identifier: str, number: int, list_type: str, severity: str) -> str:
    return (
        f"legal_person,{identifier},淮安第{number}公司,{list_type},environment,{severity},"
        f"淮环罚〔2025〕{number}号,2025-03-01,《环境保护法》,false"
    )


def test_red_and_black_rows_of_one_subject_in_one_file_exclude_each_other(
    system: Chengxin,
) -> None:
    """In one file as across files: a red row after a dishonesty row of its subject is
    refused, and a dishonesty row after a red one ends that honour, saved with it."""
    honoured, blacklisted = company(7), company(8)
    lines = [
        HEADER + ",repairable",
        listing(blacklisted, 1, "blacklist", "serious"),
        listing(blacklisted, 2, "red", ""),
        listing(honoured, 3, "red", ""),
        listing(honoured, 4, "blacklist", "serious"),
    ]
    report = system.imports.run(ADMIN, list(csv.reader(lines)), "credit_office")
    assert (report.accepted, report.rejected_total) == (3, 1)
    assert [(r.row, r.code) for r in report.rejected] == [(3, "dishonesty_active")]
    honour, dishonesty = [
        system.entries.get(i)
        for i in system.worklists.entry_ids_of_subject(subjects.subject_id_for(honoured))
    ]
    today = system.clock.today()
    assert honour.list_type.value == "red" and not honour.is_active_on(today)
    assert dishonesty.list_type.value == "blacklist" and dishonesty.is_active_on(today)


def test_an_import_leaves_postgresql_planning_for_the_rows_it_added(system: Chengxin) -> None:
    """Searches right after a first import are planned on statistics of the tables as they now
    are, not as empty ones (SQLite keeps none, and gets none)."""
    report = system.imports.run(ADMIN, rows([company(n) for n in range(1, 81)]), "credit_office")
    assert report.accepted == 80
    with system.store.engine.connect() as connection:
        if not system.store.is_postgres:
            kept = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            assert connection.execute(text(kept)).scalar() == 0
            return
        estimated = connection.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = 'rm_entries'")
        ).scalar()
        stored = connection.execute(text("SELECT count(*) FROM rm_entries")).scalar()
    assert stored == 80 and estimated == stored
    statistics = SqlStatistics(system.store)  # autovacuum's rule: 50 rows + 10 % of those known
    assert "rm_entries" not in statistics.refresh(added=58)
    assert "rm_entries" in statistics.refresh(added=59)

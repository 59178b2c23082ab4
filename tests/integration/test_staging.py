"""The bulk writer of replays: values of every kind come back as written on both backends
(PostgreSQL takes them through COPY's text format), and a failed replay changes nothing, not
even where it had set SQLite's indexes aside."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
)

from application.accounts import Principal
from application.public_projection import ENTRY_EVENTS
from domain.accounts import Role
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.bulk_insert import copy_text, insert_rows
from infrastructure.staging import FETCH_ARRAY, StagedViewWriter
from infrastructure.views import SqlViewWriter
from tests.integration.public_world import record, register, rows_of
from tests.support import valid_uscc
from tests.view_support import view_rows

metadata = MetaData()
samples = Table(
    "test_staging_samples",
    metadata,
    Column("key", String(36), primary_key=True),
    Column("label", Text),
    Column("number", Integer),
    Column("flag", Boolean),
    Column("day", Date),
    Column("moment", DateTime(timezone=True)),
)

TRICKY = [
    "plain",
    "",
    "tab\there",
    "line\nbreak\r\nand return",
    "back\\slash \\N \\t",
    "中文名称（淮安）",
    "\\",
    "trailing\\",
]


def sample_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, label in enumerate([*TRICKY, None]):
        rows.append(
            {
                "key": f"k{number}",
                "label": label,
                "number": None if number % 3 == 0 else number * 1_000_003,
                "flag": None if number % 4 == 0 else number % 2 == 0,
                "day": date(2024, 2, 29) if number % 2 else None,
                "moment": datetime(2026, 11, 26, 8, 30, number, number * 7, tzinfo=UTC),
            }
        )
    return rows


def test_copy_text_escapes_what_copy_would_misread() -> None:
    assert copy_text(None) == "\\N"
    assert copy_text(True) == "t" and copy_text(False) == "f"
    assert copy_text("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"
    assert copy_text(date(2024, 2, 29)) == "2024-02-29"
    assert copy_text(b"\x00\xff") == "\\\\x00ff"


def test_bulk_inserted_rows_read_back_exactly(system: Chengxin) -> None:
    engine = system.store.engine
    metadata.create_all(engine)
    rows = sample_rows()
    with system.store.transaction() as (writer, _):
        insert_rows(writer.session, samples, rows)
    with system.store.reading() as session:
        stored = [dict(row._mapping) for row in session.execute(samples.select())]
    assert sorted(map(naive, stored), key=key) == sorted(map(naive, rows), key=key)


def test_rows_read_ahead_are_found_by_keys_of_any_text(system: Chengxin) -> None:
    """PostgreSQL reads them ahead as one array literal: keys with quotes, backslashes, commas
    or braces must still be found, and keys not stored reported absent (more than one slice
    of them)."""
    metadata.create_all(system.store.engine)
    odd = [*TRICKY, 'a "quoted", {braced} key', "NULL", " spaced "]
    stored = [{"key": text, "label": f"row {n}"} for n, text in enumerate(odd)]
    absent = [f"absent {n}" for n in range(FETCH_ARRAY + 100)]
    with system.store.transaction() as (writer, _):
        insert_rows(writer.session, samples, stored)
    with system.store.transaction() as (writer, _):
        staged = StagedViewWriter(SqlViewWriter(writer.session, {"samples": samples}))
        staged.expect([*absent, *odd])
        found = {text: staged.get("samples", {"key": text}) for text in [*odd, *absent]}
        fetched = staged._views["samples"].fetched
    assert {k: (row or {}).get("label") for k, row in found.items() if row} == {
        row["key"]: row["label"] for row in stored
    }
    assert len(fetched) == len(odd) + len(absent)  # all answered by the read-ahead


def key(row: dict[str, Any]) -> str:
    return str(row["key"])


def naive(row: dict[str, Any]) -> dict[str, Any]:
    """SQLite keeps no time zone: compare moments in UTC."""
    moment = row["moment"]
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return {**row, "moment": moment}


def test_a_failed_replay_leaves_the_read_models_as_they_were(system: Chengxin) -> None:
    """Rows already flushed (one at a time here) go away with the replay's transaction."""
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    for _ in range(3):
        record(system, company)
    live, indexes = rows_of(system), index_names(system)
    system.projector.staging = partial(StagedViewWriter.over, limit=1)
    public = next(p for p in system.projector.projections if p.name == "public")
    calls = 0

    def fail_late(event: Any, position: int, writer: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > 3:
            raise RuntimeError("a projection broke mid-replay")

    for event_type in ENTRY_EVENTS:
        public.on(event_type, fail_late)
    with pytest.raises(RuntimeError, match="mid-replay"):
        system.projector.rebuild()
    assert rows_of(system) == live
    assert index_names(system) == indexes


def test_a_rebuild_puts_back_every_index_it_set_aside(system: Chengxin) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    record(system, company)
    indexes = index_names(system)
    assert "ix_rm_entries_subject_id" in indexes
    system.projector.rebuild()
    assert index_names(system) == indexes


def index_names(system: Chengxin) -> set[str]:
    found = inspect(system.store.engine)
    return {
        str(index["name"])
        for table in found.get_table_names()
        for index in found.get_indexes(table)
    }


def test_a_bulk_save_reads_ahead_and_leaves_what_a_rebuild_would(
    system: Chengxin, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import's saves take the bulk path (reads ahead by the events' ids) over views that
    already hold rows of the same subjects: the read models must equal a rebuild's."""
    known = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    record(system, known)
    system.subjects.rename(known.id, "淮安市清河新材料有限公司", expected_version=None)
    day = system.clock.today().isoformat()
    lines = ["kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis"]
    for number in range(120):
        identifier = (
            known.identifier
            if number % 10 == 0
            else valid_uscc(f"91320800MA1MB{5000 + number:04d}")
        )
        lines.append(
            f"legal_person,{identifier},淮安恒信{number}商贸有限公司,blacklist,environment,"
            f"serious,淮环罚〔2026〕导{number}号,{day},《环境保护法》"
        )
    fetched: list[str] = []
    fetch = StagedViewWriter._fetch
    monkeypatch.setattr(
        StagedViewWriter,
        "_fetch",
        lambda self, view: (fetched.append(view.table.name), fetch(self, view)),
    )
    admin = Principal("admin", Role.ADMIN)
    report = system.imports.run(admin, csv.reader(lines), "ecology_environment")
    assert (report.accepted, report.rejected_total) == (120, 0), report.rejected
    assert {"rm_entries", "rm_subject_streams", "public_entries"} <= set(fetched)
    live = view_rows(system)
    system.projector.rebuild()
    assert view_rows(system) == live

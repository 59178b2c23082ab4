"""A small world for the public-site tests: subjects and entries made through the services."""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from typing import Any
from uuid import UUID

from hypothesis import strategies as st
from sqlalchemy import select
from stdnum.cn import ric, uscc

from application.accounts import Principal
from application.entries import NewEntry, RevokeEntry
from application.objections import FileObjection, ResolveObjection
from application.public import disclosed
from application.repairs import AcceptRepair, DecideRepair, FileRepair
from domain.accounts import Role
from domain.disclosure import DisclosedEntry
from domain.entry import ListEntry
from domain.reference import ListType, Severity
from domain.subject import Subject, SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.public_tables import (
    public_changes,
    public_entries,
    public_feed,
    public_names,
)

ADMIN = Principal("admin", Role.ADMIN)
PUBLIC_VIEWS = (public_entries, public_changes, public_names, public_feed)
_numbers = count(1)


def company_identifier(n: int | None = None) -> str:
    body = f"91320800{next(_numbers) if n is None else n:09d}"
    return body + uscc.calc_check_digit(body)


def person_identifier(n: int | None = None) -> str:
    body = f"11010519800101{(next(_numbers) if n is None else n) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def register(system: Chengxin, kind: SubjectKind, name: str, identifier: str = "") -> Subject:
    if not identifier:
        natural = kind is SubjectKind.NATURAL_PERSON
        identifier = person_identifier() if natural else company_identifier()
    return system.subjects.register(kind, identifier, name)


# The severity each list takes when a test asks for another (regimes.json list_severities)
FITTING = {
    ListType.BLACKLIST: Severity.SERIOUS,
    ListType.FOCUS: Severity.GENERAL,
}


def record(
    system: Chengxin,
    subject: Subject,
    list_type: ListType | None = None,
    severity: Severity = Severity.SERIOUS,
    days_ago: int = 3,
    domain: str = "environment",
) -> ListEntry:
    """Without a list type: blacklisted when serious, else on the focus list."""
    if list_type is None:
        list_type = ListType.BLACKLIST if severity is Severity.SERIOUS else ListType.FOCUS
    decided = system.clock.today() - timedelta(days=days_ago)
    new = NewEntry(
        subject_id=subject.id,
        list_type=list_type,
        domain=domain,
        severity=None if list_type is ListType.RED else FITTING.get(list_type, severity),
        decision_no=f"淮环罚〔{decided.year}〕{next(_numbers)}号",
        decision_date=decided,
        legal_basis="《中华人民共和国环境保护法》第六十三条",
        repairable=None,
        department="ecology_environment",
    )
    return system.entries.record(ADMIN, new)


def as_subject(subject: Subject) -> Principal:
    return Principal(f"subject-{subject.id}", Role.SUBJECT, subject_id=subject.id)


def rows_of(system: Chengxin) -> dict[str, list[dict[str, Any]]]:
    """Every row of the public views, in key order: what a rebuild must reproduce."""
    with system.store.reading() as session:
        return {
            table.name: [
                dict(row._mapping)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in PUBLIC_VIEWS
        }


def replay_feed(system: Chengxin, page: int = 7) -> dict[UUID, DisclosedEntry | None]:
    """What a third party following the change feed from the start holds."""
    held: dict[UUID, DisclosedEntry | None] = {}
    after, seqs = 0, []
    while True:
        found = system.public.changes(after, page)
        for change in found.items:
            seqs.append(change.seq)
            if change.change == "withdrawn":
                del held[change.entry_id]
            else:
                held[change.entry_id] = change.record
        if found.next_cursor is None:
            assert seqs == list(range(1, len(seqs) + 1))
            return held
        after = int(found.next_cursor)


def public_set(system: Chengxin) -> dict[UUID, DisclosedEntry | None]:
    """The stored public rows (the window aside), as the feed's records."""
    shown = [disclosed(row) for row in rows_of(system)["public_entries"]]
    return {record.entry_id: record for record in shown}


def pid(system: Chengxin, entry: ListEntry) -> UUID:
    """The entry's id on the public site (keyed, not its own)."""
    return system.public.public_id(entry.id)


def public_ids(system: Chengxin, *entries: ListEntry) -> set[UUID]:
    return {pid(system, entry) for entry in entries}


def entry_ids(items: list[dict[str, Any]]) -> set[UUID]:
    return {UUID(str(item["entry_id"])) for item in items}


NAMES = ("淮安市金湖建材有限公司", "涟水县蔬菜合作社", "李小龙", "王大锤")
COMMANDS = st.one_of(
    st.tuples(st.just("record"), st.integers(0, 3), st.sampled_from(ListType), st.integers(0, 9)),
    st.tuples(st.sampled_from(["object", "reject", "correct", "revoke", "repair"]), st.integers()),
    st.tuples(st.just("rename"), st.integers(0, 3), st.sampled_from(NAMES)),
    st.tuples(st.just("sweep"), st.integers(0, 800)),
)


def run(
    system: Chengxin, subjects: list[Any], entries: list[Any], command: tuple[Any, ...]
) -> None:
    name, *args = command
    if name == "record":
        severity = (Severity.GENERAL, Severity.SERIOUS)[args[2] % 2]
        entries.append(record(system, subjects[args[0]], args[1], severity, args[2] * 60).id)
    elif name == "rename":
        system.subjects.rename(subjects[args[0]].id, args[1], None)
    elif name == "sweep":
        system.entries.sweep(system.clock.today() + timedelta(days=args[0]))
    elif entries:
        act(system, name, system.entries.get(entries[args[0] % len(entries)]))


def act(system: Chengxin, name: str, entry: Any) -> None:
    objection = entry.open_objection
    if name == "object":
        subject = system.subjects.get(entry.subject_id)
        system.objections.file(as_subject(subject), FileObjection(entry.id, "有误"))
    elif name == "revoke":
        system.entries.revoke(ADMIN, RevokeEntry(entry.id, "撤销"))
    elif name == "repair":
        repair = system.repairs.file(ADMIN, FileRepair(entry.id, True, ["已履行"], None))
        system.repairs.accept(ADMIN, AcceptRepair(repair.id, True, None))
        system.repairs.decide(ADMIN, DecideRepair(repair.id, True, "修复"))
    elif objection is not None:
        correction = {"subject_name": "更正后的名称"} if name == "correct" else None
        upheld = name == "correct"
        system.objections.resolve(
            ADMIN, ResolveObjection(entry.id, objection.id, upheld, "处理", correction, False)
        )

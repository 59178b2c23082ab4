"""What bench.scale builds beside the imported entries: cases, objections and repairs in the
shares an office sees (per 100 entries: 5 cases, 3 objections, 2 repairs), and subjects whose
history holds 100, 1,000 and 10,000 events. Saved in batches, the projections applying them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select
from stdnum.cn.uscc import calc_check_digit

from bench.audit import credit_check
from domain.base import acting_as
from domain.case import Case
from domain.entry import ListEntry
from domain.errors import DomainError
from domain.repair import RepairApplication, repair_is_eligible
from domain.subject import Subject, SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.worklists_tables import entries as entries_table

PER_SAVE = 2_000
CASES, OBJECTIONS, REPAIRS = 0.05, 0.03, 0.02
ACTOR = "officer:bench.scale"
HISTORY_SIZES = (100, 1_000, 10_000)


def entry_ids(system: Chengxin) -> list[tuple[str, str]]:
    """(entry id, subject id) of every entry, from the officers' read model."""
    t = entries_table
    with system.store.engine.connect() as connection:
        rows = connection.execute(select(t.c.entry_id, t.c.subject_id).order_by(t.c.entry_id))
        return [(str(entry), str(subject)) for entry, subject in rows]


def add_casework(system: Chengxin, rng: random.Random) -> dict[str, int]:
    """Cases on 5 % of the entries' subjects, objections to 3 % and repairs of 2 % of the
    entries (those the rules allow: active, repairable, past the minimum period)."""
    known = entry_ids(system)
    made = {"cases": 0, "objections": 0, "repairs": 0}
    with acting_as(ACTOR):
        cases = [
            open_case(UUID(s), rng, system) for _, s in rng.sample(known, int(len(known) * CASES))
        ]
        for batch in batches(cases):
            system.app.save(*batch)
        made["cases"] = len(cases)
        chosen = rng.sample(known, int(len(known) * (OBJECTIONS + REPAIRS)))
        split = int(len(known) * OBJECTIONS)
        for ids, change, what in (
            (chosen[:split], object_to, "objections"),
            (chosen[split:], repair, "repairs"),
        ):
            for batch in batches(ids):
                changed = [c for e, _ in batch for c in change(system, UUID(e))]
                system.app.save(*changed)
                made[what] += sum(1 for c in changed if isinstance(c, ListEntry))
    return made


def open_case(subject_id: UUID, rng: random.Random, system: Chengxin) -> Case:
    today = system.clock.today()
    case = Case(subject_id, "environment", "超标排放", "environmental_protection", today)
    case.add_evidence("现场检查笔录", f"淮环检〔2026〕{rng.randrange(10**6)}号")
    return case


def object_to(system: Chengxin, entry_id: UUID) -> list[Any]:
    entry: ListEntry = system.app.repository.get(entry_id)
    today = system.clock.today()
    try:
        entry.file_objection(uuid4(), "决定书送达有误", today, today + timedelta(days=15))
    except DomainError:
        return []
    return [entry]


def repair(system: Chengxin, entry_id: UUID) -> list[Any]:
    entry: ListEntry = system.app.repository.get(entry_id)
    today = system.clock.today()
    try:
        repair_is_eligible(entry, today)
    except DomainError:
        return []
    application = RepairApplication(
        entry_id=entry.id,
        subject_id=entry.subject_id,
        department=entry.department,
        commitment_signed=True,
        obligations_evidence=["罚款已缴清"],
        note=None,
        filed_on=today,
        regime=system.reference.regime_on(today).code,
        feedback_deadline=today + timedelta(days=10),
    )
    entry.open_repair(application.id)
    return [application, entry]


def subjects_with_history(system: Chengxin) -> dict[int, UUID]:
    """A company per size whose history holds that many events (its registration, then credit
    checks about it)."""
    made = {}
    today = system.clock.today()
    with acting_as(ACTOR):
        for size in HISTORY_SIZES:
            body = f"91320800{900_000_000 + size:09d}"
            uscc = body + calc_check_digit(body)
            subject = Subject.register(SubjectKind.LEGAL_PERSON, uscc, f"淮安历史{size}有限公司")
            checks: list[Any] = [subject]
            checks += [credit_check(subject.id, today) for _ in range(size - 1)]
            for batch in batches(checks):
                system.app.save(*batch)
            made[size] = subject.id
    return made


def batches(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), PER_SAVE):
        yield items[start : start + PER_SAVE]

"""The public site's speed: rebuilding every projection from 100,000 entries (target ≥ 10,000
events/s) and searching by a name fragment (target p95 ≤ 50 ms).

    .venv/bin/python -m bench.public_site                 # SQLite, in a temporary directory
    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.public_site             # PostgreSQL: its public schema is dropped

CHENGXIN_BENCH_ENTRIES changes the size. Loading saves many aggregates per save with the
projections switched off (loading is not measured); the rebuild then builds them all. Searches
go through the public query service (the SQL, the window, the masking already in the rows).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from uuid import uuid4

from stdnum.cn import ric, uscc

from bench._database import database_url
from bench._machine import describe
from domain.entry import ListEntry
from domain.reference import ListType, Severity
from domain.rules import is_published_by_rule, publication_window, publish_deadline
from domain.subject import Subject, SubjectKind
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings

ENTRIES = int(os.environ.get("CHENGXIN_BENCH_ENTRIES", "100000"))
PER_SAVE = 2_000
OBJECTED = 0.03
QUERIES = 200
PLACES = ("淮安", "清江浦", "淮阴", "洪泽", "涟水", "盱眙", "金湖", "清河", "生态新城", "开发区")
WORD_CHARS = "宏达恒通金源鑫盛华信天成永丰瑞祥德润国泰中联长江新能润泽佳禾正大东方汇丰博远"
TRADES = ("建材", "物流", "餐饮", "科技", "贸易", "置业", "建设工程", "食品", "医药", "农业")
FORMS = ("有限公司", "有限责任公司", "股份有限公司", "农民专业合作社", "商行", "经营部")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
LISTS = (ListType.PENALTY, ListType.BLACKLIST, ListType.FOCUS, ListType.RED)
DOMAINS = ("environment", "finance", "wage_arrears", "tax_fraud", "transport", "fake_drugs")


def company_name(rng: random.Random) -> str:
    word = "".join(rng.sample(WORD_CHARS, 2))
    return f"{rng.choice(PLACES)}{word}{rng.choice(TRADES)}{rng.choice(FORMS)}"


def new_subject(n: int, rng: random.Random) -> Subject:
    if rng.random() < 0.3:
        born = date(1960, 1, 1) + timedelta(days=n // 1000 % 14_000)
        body = f"110105{born:%Y%m%d}{n % 1000:03d}"
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        identifier = body + ric.calc_check_digit(body + "0")
        return Subject.register(SubjectKind.NATURAL_PERSON, identifier, name)
    body = f"91320800{n:09d}"
    return Subject.register(
        SubjectKind.LEGAL_PERSON, body + uscc.calc_check_digit(body), company_name(rng)
    )


def new_entry(system: Chengxin, subject: Subject, rng: random.Random) -> ListEntry:
    today = system.clock.today()
    list_type = rng.choices(LISTS, weights=(5, 3, 1, 1))[0]
    severity = rng.choices((Severity.MINOR, Severity.GENERAL, Severity.SERIOUS), (1, 4, 3))[0]
    decided = today - timedelta(days=rng.randint(0, 1000))
    regime = system.reference.regime_on(decided)
    window = publication_window(regime, list_type, severity, decided)
    entry = ListEntry(
        subject_id=subject.id,
        subject_kind=subject.kind,
        subject_name=subject.name,
        identifier=subject.identifier,
        list_type=list_type,
        domain=rng.choice(DOMAINS),
        severity=severity,
        department="ecology_environment",
        legal_basis="《中华人民共和国环境保护法》第六十三条",
        decision_no=f"淮罚〔{decided.year}〕{uuid4().hex[:8]}号",
        decision_date=decided,
        repairable=True,
        case_id=None,
        regime=regime.code,
        min_end=window.min_end,
        max_end=window.max_end,
        publishable=is_published_by_rule(regime, list_type, severity, subject.kind),
        publish_deadline=publish_deadline(system.calendar, regime, decided),
        recorded_on=decided,
    )
    if entry.publishable and entry.is_active_on(today):
        entry.publish(decided)
    return entry


def load(system: Chengxin, rng: random.Random) -> list[ListEntry]:
    """Two entries per subject on average; returns the few that later get an objection."""
    objected: list[ListEntry] = []
    batch: list[Subject | ListEntry] = []
    made, n = 0, 0
    while made < ENTRIES:
        n += 1
        subject = new_subject(n, rng)
        entries = [
            new_entry(system, subject, rng) for _ in range(min(rng.randint(1, 3), ENTRIES - made))
        ]
        made += len(entries)
        batch += [subject, *entries]
        objected += [
            e
            for e in entries
            if e.is_disclosed_on(system.clock.today()) and rng.random() < OBJECTED
        ]
        if len(batch) >= PER_SAVE:
            system.app.save(*batch)
            batch = []
    system.app.save(*batch)
    return objected


def object_to(system: Chengxin, entries: list[ListEntry]) -> None:
    today = system.clock.today()
    for start in range(0, len(entries), PER_SAVE):
        batch = entries[start : start + PER_SAVE]
        for entry in batch:
            entry.file_objection(uuid4(), "决定书送达有误", today, today + timedelta(days=7))
        system.app.save(*batch)


def fragments(rng: random.Random, length: int) -> list[str]:
    names = [company_name(rng) for _ in range(QUERIES)]
    picks = []
    for name in names:
        start = rng.randrange(len(name) - length + 1)
        picks.append(name[start : start + length])
    return picks


def latency(ask: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    for query in queries[:20]:
        ask(query)
    times = []
    for query in queries:
        started = time.perf_counter()
        ask(query)
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[18]


def report_search(system: Chengxin, rng: random.Random) -> None:
    def by_name(fragment: str) -> object:
        return system.public.search(q=fragment, limit=50)

    for label, length in (("2 characters", 2), ("3 characters", 3), ("4 characters", 4)):
        p50, p95 = latency(by_name, fragments(rng, length))
        print(f"search by a name fragment of {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    p50, p95 = latency(by_name, [rng.choice(SURNAMES) for _ in range(QUERIES)])
    print(f"search by one character (a scan):  p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    print(describe(), flush=True)
    rng = random.Random(20261126)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=database_url(Path(folder)), secret_key="b" * 48)
        system = build(settings)
        try:
            run(system, rng)
        finally:
            system.close()
    print(describe("after"))


def run(system: Chengxin, rng: random.Random) -> None:
    backend = system.store.engine.dialect.name
    projector, system.store.projector = system.store.projector, None  # loading: no projections
    started = time.perf_counter()
    object_to(system, load(system, rng))
    print(f"{backend}: loaded {ENTRIES:,} entries in {time.perf_counter() - started:.0f} s")
    system.store.projector = projector
    rebuild(system, "into empty read models")
    rebuild(system, "over the full read models (POST /admin/rebuild)")
    shown = len(list(system.public.rows()))
    print(f"public entries: {shown:,}")
    report_search(system, rng)


def rebuild(system: Chengxin, label: str) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    events, projections = system.projector.rebuild()
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"rebuild {label}, {projections} projections: {events:,} events in {took:.1f} s "
        f"= {events / took:,.0f} events/s (target ≥ 10,000); this process used {cpu:.1f} s CPU"
    )


if __name__ == "__main__":
    main()

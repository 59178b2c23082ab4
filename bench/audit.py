"""The audit's speed: a subject with 1,000 events (history and as-of, target ≤ 200 ms each)
and the whole-store verification throughput over 100,000 events.

    .venv/bin/python -m bench.audit                       # SQLite, in a temporary directory
    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.audit                   # PostgreSQL: its public schema is dropped

Requests go through HTTP (FastAPI's test client) with an auditor's token, so each figure
includes authentication, the read, the JSON and the recording of the audit read itself.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from eventsourcing.domain import event
from fastapi.testclient import TestClient

from application.accounts import Principal
from application.entries import NewEntry
from application.repairs import AcceptRepair, DecideRepair, FileRepair
from bench._database import database_url
from domain.accounts import Role
from domain.base import AttributedAggregate, acting_as
from domain.credit_check import CreditCheck
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from interfaces.api.app import create_app

COMPANY_USCC = "91110000600037341L"
OFFICER = Principal("bench.officer", Role.OFFICER, department="public_security")
FILLER_EVENTS = 100_000
FILLER_PER_SAVE = 1_000
ENTRIES, REPAIRS, RENAMES = 150, 20, 200
RUNS = 20


class Tick(AttributedAggregate):
    """Filler: an aggregate no projection reads, so that the store grows fast."""

    @event("Ticked")
    def tick(self) -> None:
        pass


def fill(system: Chengxin, events: int) -> float:
    tick = Tick()  # its creation is the first event
    started = time.perf_counter()
    for saved in range(0, events, FILLER_PER_SAVE):
        for _ in range(FILLER_PER_SAVE - (1 if saved == 0 else 0)):
            tick.tick()
        system.app.save(tick)
    return time.perf_counter() - started


def subject_with_1000_events(system: Chengxin) -> tuple[str, datetime]:
    """1 registration, 150 entries (listed, published), 20 of them repaired (5 events each),
    200 renames and credit checks up to 1,000; returns the id and the moment before repairs."""
    today = system.clock.today()
    with acting_as(OFFICER.actor):
        company = system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某公司")
        entries = [
            system.entries.record(OFFICER, blacklisting(company.id, n, today))
            for n in range(ENTRIES)
        ]
        halfway = datetime.now(UTC)
        for entry in entries[:REPAIRS]:
            repair = system.repairs.file(OFFICER, FileRepair(entry.id, True, ["罚款已缴清"], None))
            system.repairs.accept(OFFICER, AcceptRepair(repair.id, True, None))
            system.repairs.decide(OFFICER, DecideRepair(repair.id, True, "同意修复"))
        for n in range(RENAMES):
            system.subjects.rename(company.id, f"淮安某某公司{n}", None)
        done = 1 + 2 * ENTRIES + 5 * REPAIRS + RENAMES
        system.app.save(*(credit_check(company.id, today) for _ in range(1000 - done)))
    return str(company.id), halfway


def credit_check(subject_id: Any, today: Any) -> CreditCheck:
    """Recorded directly: the service would also load the subject's 150 entries each time."""
    return CreditCheck(
        subject_id=subject_id,
        identifier=COMPANY_USCC,
        purpose=None,
        checked_on=today,
        entries=[],
        sanctions=[],
        rewards=[],
    )


def blacklisting(subject_id: Any, n: int, today: Any) -> NewEntry:
    return NewEntry(
        subject_id=subject_id,
        list_type=ListType.BLACKLIST,
        domain="telecom_fraud",
        severity=Severity.GENERAL,
        decision_no=f"淮公罚〔2026〕{n}号",
        decision_date=today - timedelta(days=200),
        legal_basis="《反电信网络诈骗法》第三十八条",
        repairable=True,
        department="public_security",
    )


def timed(label: str, call: Callable[[], Any], runs: int = RUNS) -> None:
    call()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    p95 = sorted(times)[int(0.95 * (runs - 1))]
    print(f"  {label:<44} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def ok(answer: Any) -> Any:
    assert answer.status_code == 200, answer.text
    return answer.json()


def whole_history(client: TestClient, path: str, headers: dict[str, str]) -> int:
    count, cursor = 0, None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = ok(client.get(path, params=params, headers=headers))
        count += len(page["items"])
        if (cursor := page["next_cursor"]) is None:
            return count


def measure_subject(system: Chengxin, subject_id: str, halfway: datetime) -> None:
    system.accounts.register("bench.auditor", "auditor-password", Role.AUDITOR)
    token = system.tokens.issue("bench.auditor", "auditor")
    headers = {"Authorization": f"Bearer {token}"}
    history = f"/api/v1/audit/subjects/{subject_id}/history"
    state = f"/api/v1/audit/subjects/{subject_id}/state"
    as_of = {"as_of": halfway.isoformat()}
    disclosure = {"identifier": COMPANY_USCC, **as_of}
    with TestClient(create_app(system)) as client:

        def get(path: str, params: dict[str, str] | None = None) -> Any:
            return ok(client.get(path, params=params or {}, headers=headers))

        assert whole_history(client, history, headers) == 1000
        then = get(state, as_of)
        print(f"  (as of halfway: {len(then['entries'])} entries, {len(then['repairs'])} repairs)")
        timed("history, first page (limit 50)", lambda: get(history))
        timed(
            "history, all 1,000 (2 pages of 500)", lambda: whole_history(client, history, headers)
        )
        timed("state as of halfway", lambda: get(state, as_of))
        timed("state as of now", lambda: get(state))
        timed("disclosure as of halfway", lambda: get("/api/v1/audit/disclosure", disclosure))


def measure_verification(system: Chengxin) -> None:
    last = system.store.max_position()
    for run in range(3):
        started = time.perf_counter()
        report = system.audit.sealed.verify()
        seconds = time.perf_counter() - started
        assert report.ok, report
        print(
            f"  verify run {run + 1}: {report.events_checked:,} events in {seconds:.2f} s"
            f" = {report.events_checked / seconds:,.0f} events/s (last position {last:,})"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(Path(folder))
        settings = Settings(database_url=url, secret_key="b" * 48, var_dir=Path(folder))
        system = build(settings)
        try:
            backend = system.store.engine.dialect.name
            print(f"audit bench on {backend}")
            seconds = fill(system, FILLER_EVENTS)
            print(f"  filled {FILLER_EVENTS:,} events in {seconds:.1f} s")
            started = time.perf_counter()
            subject_id, halfway = subject_with_1000_events(system)
            print(f"  a subject with 1,000 events made in {time.perf_counter() - started:.1f} s")
            measure_subject(system, subject_id, halfway)
            measure_verification(system)
        finally:
            system.close()


if __name__ == "__main__":
    main()

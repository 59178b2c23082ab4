"""Import throughput: a generated CSV of 100,000 rows through the bulk import.

SQLite (a fresh file in a temporary folder) by default; PostgreSQL when
CHENGXIN_BENCH_POSTGRES_URL is set (its public schema is dropped and recreated).

    .venv/bin/python -m bench.imports [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from application.accounts import Principal
from bench._database import database_url
from bench._machine import describe
from demo.people import company, person
from domain.accounts import Role
from domain.governance import Period
from infrastructure.bootstrap import build
from infrastructure.settings import Settings
from infrastructure.tabular import open_table

HEADER = [
    "kind",
    "identifier",
    "name",
    "list_type",
    "domain",
    "severity",
    "decision_no",
    "decision_date",
    "legal_basis",
    "repairable",
]
DOMAINS = ("finance", "environment", "tax_fraud", "transport", "wage_arrears", "court_judgments")
LISTS = ("penalty", "penalty", "blacklist", "focus", "red")
# the severities each list takes (a blacklist is serious, a red list has none): rows an office
# sends are mostly valid
SEVERITIES = {
    "penalty": ("minor", "general", "general", "serious"),
    "blacklist": ("serious",),
    "focus": ("general",),
    "red": ("",),
}
TARGET = 2000


def write_rows(path: Path, count: int, today: date, seed: int = 7) -> None:
    """`count` rows; about one subject in three has a second entry."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        subject = company(rng)
        for number in range(count):
            if number % 3 != 1:
                subject = person(rng, today) if rng.random() < 0.4 else company(rng)
            decided = today - timedelta(days=rng.randrange(1, 700))
            list_type = rng.choice(LISTS)
            writer.writerow(
                (
                    subject.kind.value,
                    subject.identifier,
                    subject.name,
                    list_type,
                    rng.choice(DOMAINS),
                    rng.choice(SEVERITIES[list_type]),
                    f"淮信罚〔{decided.year}〕{number}号",
                    decided.isoformat(),
                    "《江苏省社会信用条例》",
                    "false" if list_type == "red" else "true",
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_known_args()[0].rows  # `python -m bench imports` passes its own args
    print(describe(), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(Path(folder))
        system = build(Settings(database_url=url, secret_key="bench" * 10, var_dir=Path(folder)))
        source = Path(folder) / "rows.csv"
        write_rows(source, rows, system.clock.today())
        admin = Principal("bench", Role.ADMIN)
        started = time.perf_counter()
        with source.open("rb") as file:
            report = system.imports.run(admin, open_table(file).rows, "credit_office")
        seconds = time.perf_counter() - started
        events = system.store.max_position()
        asked = time.perf_counter()
        system.governance.statistics(admin, Period(system.clock.today().year), None, None)
        stats_ms = (time.perf_counter() - asked) * 1000
        system.close()
    print(describe("after"))
    rate = rows / seconds
    print(
        f"{url.split(':')[0]}: {rows} rows in {seconds:.1f} s = {rate:,.0f} rows/s "
        f"(accepted {report.accepted}, unchanged {report.unchanged}, "
        f"rejected {report.rejected_total}; {events} events) "
        f"target {TARGET} rows/s: {'met' if rate >= TARGET else 'NOT met'}; "
        f"governance statistics over them: {stats_ms:.0f} ms"
    )


if __name__ == "__main__":
    main()

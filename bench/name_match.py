"""How PostgreSQL matches a name fragment: ILIKE on the name as shown, or LIKE on its lower-cased
copy (`public_entries.name_folded`, which the public search uses), each served by a `pg_trgm` GIN
index and planned on statistics of 1,000 values, as the public site's are.

    CHENGXIN_BENCH_POSTGRES_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.name_match      # its public schema is dropped

A table of CHENGXIN_BENCH_NAME_ROWS rows (default 1,000,000) takes its names at random from the
about 500 firms and masked persons the generated imports use, so that a whole name matches about
0.2 % of the rows. For 30 fragments each of 3 and 4 characters it prints the planning and
execution times that EXPLAIN ANALYZE reports for the newest page (51 rows), both ways in turn.
"""

from __future__ import annotations

import io
import os
import random
import re
import statistics
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from application.public_projection import folded
from bench._database import database_url
from bench._machine import describe
from demo.people import company, person_name
from domain.disclosure import mask_name
from infrastructure.public_tables import GIN, NAME_STATISTICS

ROWS = int(os.environ.get("CHENGXIN_BENCH_NAME_ROWS", "1000000"))
DRAWS, FRAGMENTS, PAGE = 50_000, 30, 51
WAYS = {"ILIKE on the name": "subject_name ILIKE", "LIKE on name_folded": "name_folded LIKE"}


def main() -> None:
    if not os.environ.get("CHENGXIN_BENCH_POSTGRES_URL"):
        print("name_match: set CHENGXIN_BENCH_POSTGRES_URL (it compares PostgreSQL's plans)")
        return
    print(describe("before"), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(database_url(Path(folder)))
    rng = random.Random(11)
    names = vocabulary(rng)
    with engine.begin() as connection:
        fill(connection, names, rng)
    with engine.connect() as connection:
        for length in (3, 4):
            firms = [name for name in names if "*" not in name]  # a masked name shows one character
            fragments = [piece(rng, name, length) for name in rng.sample(firms, FRAGMENTS)]
            for way in [*WAYS, *WAYS]:  # twice each, in turn
                report(connection, way, length, fragments)
    engine.dispose()
    print(describe("after"), flush=True)


def vocabulary(rng: random.Random) -> list[str]:
    """The names the generated imports draw from (the demo's firms and masked persons)."""
    draws = (
        company(rng).name if rng.random() < 0.6 else mask_name(person_name(rng))
        for _ in range(DRAWS)
    )
    return sorted(set(draws))


def piece(rng: random.Random, name: str, length: int) -> str:
    start = rng.randrange(len(name) - length + 1)
    return name[start : start + length]


def fill(connection: Connection, names: list[str], rng: random.Random) -> None:
    connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    connection.execute(
        text(
            "CREATE TABLE name_match (row_no bigint PRIMARY KEY, subject_name varchar(200), "
            "name_folded varchar(200))"
        )
    )
    lines = io.StringIO()
    for row_no in range(1, ROWS + 1):
        name = rng.choice(names)
        lines.write(f"{row_no}\t{name}\t{folded(name)}\n")
    lines.seek(0)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.copy_expert("COPY name_match FROM STDIN", lines)
    for column in ("subject_name", "name_folded"):
        connection.execute(
            text(f"CREATE INDEX ON name_match USING gin ({column} gin_trgm_ops) {GIN}")
        )
        connection.execute(
            text(f"ALTER TABLE name_match ALTER COLUMN {column} SET STATISTICS {NAME_STATISTICS}")
        )
    connection.execute(text("ANALYZE name_match"))


def report(connection: Connection, way: str, length: int, fragments: list[str]) -> None:
    planning, execution = [], []
    for fragment in fragments:
        pattern = f"%{fragment if way.startswith('ILIKE') else folded(fragment)}%"
        plan = "\n".join(
            row[0]
            for row in connection.execute(
                text(
                    "EXPLAIN (ANALYZE, SUMMARY) SELECT row_no FROM name_match "
                    f"WHERE {WAYS[way]} :pattern ORDER BY row_no DESC LIMIT {PAGE}"
                ),
                {"pattern": pattern},
            )
        )
        planning.append(_ms(plan, "Planning"))
        execution.append(_ms(plan, "Execution"))
    both = [p + e for p, e in zip(planning, execution, strict=True)]
    print(
        f"  {length}-character fragment, {way:<20} planning p50 {statistics.median(planning):5.2f}"
        f" ms, execution p50 {statistics.median(execution):5.2f} ms, both p95 "
        f"{statistics.quantiles(both, n=20)[18]:6.2f} ms",
        flush=True,
    )


def _ms(plan: str, phase: str) -> float:
    found = re.search(rf"{phase} Time: ([\d.]+) ms", plan)
    return float(found.group(1)) if found else float("nan")


if __name__ == "__main__":
    main()

"""The public search's statements are made once per shape of search and only bound after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Numeric, bindparam, cast, select
from sqlalchemy.dialects import postgresql, sqlite

from application.public import PublicFilter
from infrastructure.public_queries import SqlPublicQueries
from infrastructure.public_tables import public_entries
from infrastructure.replica import _driver_form

DAY = date(2026, 11, 29)


@dataclass
class Store:
    is_postgres: bool


@pytest.mark.parametrize("postgres", [True, False])
def test_searches_of_one_shape_share_one_statement_and_differ_in_their_values(
    postgres: bool,
) -> None:
    queries = SqlPublicQueries(Store(postgres))  # type: ignore[arg-type]
    first, one = queries.search_statement(PublicFilter(identifier_hashes=("a",)), DAY, None, 51)
    again, other = queries.search_statement(
        PublicFilter(identifier_hashes=("b", "c")), date(2027, 1, 4), None, 11
    )
    assert again is first
    assert (one["hashes"], one["today"], one["n"]) == (["a"], DAY, 51)
    assert (other["hashes"], other["today"], other["n"]) == (["b", "c"], date(2027, 1, 4), 11)
    later, _ = queries.search_statement(PublicFilter(identifier_hashes=("a",)), DAY, 900, 51)
    assert later is not first  # a cursor is another shape


def test_a_name_fragment_is_narrowed_by_the_index_its_length_allows() -> None:
    def sql(postgres: bool, q: str) -> str:
        statement, values = SqlPublicQueries(Store(postgres)).search_statement(  # type: ignore[arg-type]
            PublicFilter(q=q), DAY, None, 51
        )
        dialect = (postgresql if postgres else sqlite).dialect()
        assert values["pattern"] == f"%{q.lower().replace('%', chr(92) + '%')}%"
        return str(statement.compile(dialect=dialect))

    assert "@> ARRAY" in sql(True, "淮安") and "@> ARRAY" not in sql(True, "淮安市")
    assert "name_folded LIKE" in sql(True, "淮安市") and "ILIKE" not in sql(True, "淮安市")
    assert "name_folded LIKE" in sql(False, "Ab")
    assert "MATCH" in sql(False, "淮安") and "MATCH" in sql(False, "淮安市")
    assert "MATCH" not in sql(False, "%a")  # no bigram holds a wildcard: LIKE alone


def test_postgresql_runs_each_search_shape_as_one_text_the_driver_takes() -> None:
    """Lists go as arrays, so that one text serves any number of values and SQLAlchemy's
    execution is skipped; a statement that spreads a list into its text (IN) keeps it."""
    dialect = postgresql.psycopg2.dialect()  # type: ignore[attr-defined,no-untyped-call]
    queries = SqlPublicQueries(Store(True))  # type: ignore[arg-type]
    wanted = PublicFilter(identifier_hashes=("a", "b"), list_types=("red",), q="淮安")
    statement, values = queries.search_statement(wanted, DAY, 900, 51)
    driver = _driver_form(statement, dialect)
    assert driver is not None
    text_, defaults = driver
    assert "ANY (CAST(%(hashes)s AS VARCHAR(64)[]))" in text_
    assert "ANY (CAST(%(list_types)s AS VARCHAR(16)[]))" in text_
    assert set(defaults) <= set(values) and values["hashes"] == ["a", "b"]
    assert _driver_form(statement, dialect) is driver  # made once
    spread = select(public_entries.c.entry_id).where(
        public_entries.c.identifier_hash.in_(bindparam("hashes", expanding=True))
    )
    assert _driver_form(spread, dialect) is None
    numeric = select(cast(public_entries.c.row_no, Numeric(12, 2)))  # converted once it is known
    assert _driver_form(numeric, dialect) is None

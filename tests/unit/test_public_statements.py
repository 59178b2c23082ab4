"""The public search's statements are made once per shape of search and only bound after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from application.public import PublicFilter
from infrastructure.public_queries import SqlPublicQueries

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
    assert (one["hashes"], one["today"], one["n"]) == (("a",), DAY, 51)
    assert (other["hashes"], other["today"], other["n"]) == (("b", "c"), date(2027, 1, 4), 11)
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

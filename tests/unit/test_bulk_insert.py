"""SQLite's bulk parameters are exactly what SQLAlchemy's own bind processors would send."""

from datetime import UTC, date, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table
from sqlalchemy.dialects import sqlite

from infrastructure.bulk_insert import sqlite_converter, sqlite_params

DIALECT = sqlite.dialect()  # type: ignore[no-untyped-call]
zones = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)
moments = st.datetimes(timezones=zones)


def processed(type_: Any, values: list[Any]) -> list[Any]:
    process = type_.dialect_impl(DIALECT).bind_processor(DIALECT)
    return [process(v) for v in values]


@given(st.lists(st.one_of(st.none(), st.dates())))
def test_dates_become_the_text_sqlalchemy_stores(values: list[date | None]) -> None:
    convert = sqlite_converter(Date(), DIALECT)
    assert convert is not None and convert(values) == processed(Date(), values)


@given(st.lists(st.one_of(st.none(), moments, st.dates())))
def test_datetimes_become_the_text_sqlalchemy_stores(values: list[Any]) -> None:
    for type_ in (DateTime(), DateTime(timezone=True)):
        convert = sqlite_converter(type_, DIALECT)
        assert convert is not None and convert(values) == processed(type_, values)


def test_booleans_are_bound_as_the_integers_sqlalchemy_gives() -> None:
    values = [True, False, None]
    convert = sqlite_converter(Boolean(), DIALECT)
    assert convert is not None
    assert [None if v is None else int(v) for v in convert(values)] == processed(Boolean(), values)


def test_a_custom_storage_format_goes_through_sqlalchemy() -> None:
    compact = sqlite.DATE(storage_format="%(year)04d%(month)02d%(day)02d")
    convert = sqlite_converter(compact, DIALECT)
    assert convert is not None and convert([date(2026, 11, 27)]) == ["20261127"]


def test_rows_become_tuples_in_column_order() -> None:
    table = Table(
        "t",
        MetaData(),
        Column("key", String, primary_key=True),
        Column("n", Integer),
        Column("day", Date),
    )
    rows = [{"key": "a", "n": 1, "day": date(2024, 2, 29)}, {"key": "b", "n": None, "day": None}]
    assert sqlite_params(table, DIALECT, ["key", "n", "day"], rows) == [
        ("a", 1, "2024-02-29"),
        ("b", None, None),
    ]

"""Many rows into one table at once.

One bulk insert is handed straight to the driver (SQLite's executemany, PostgreSQL's COPY) with
SQLAlchemy's own type conversions: SQLAlchemy's per-row handling of parameters costs more than
the database's insert itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Table, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

Row = dict[str, Any]
Convert = Callable[[list[Any]], list[Any]]


def insert_rows(session: Session, table: Table, rows: list[Row]) -> None:
    """One bulk insert of rows that all have the same columns."""
    dialect = session.get_bind().dialect
    names = list(rows[0])
    defaulted = any(c.default is not None for c in table.c if c.name not in rows[0])
    if dialect.driver not in {"pysqlite", "psycopg2"} or defaulted:
        session.execute(insert(table), rows)
        return
    quote = dialect.identifier_preparer.quote
    columns = f"{quote(table.name)} ({', '.join(quote(n) for n in names)})"
    if dialect.driver == "pysqlite":
        params = sqlite_params(table, dialect, names, rows)
        marks = ", ".join("?" * len(names))
        session.connection().exec_driver_sql(f"INSERT INTO {columns} VALUES ({marks})", params)
        return
    convert = [(n, table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) for n in names]
    lines = (
        "\t".join([copy_text(row[n] if p is None else p(row[n])) for n, p in convert])
        for row in rows
    )
    cursor = session.connection().connection.cursor()
    try:
        cursor.copy_expert(f"COPY {columns} FROM STDIN", _Lines(lines))
    finally:
        cursor.close()


def sqlite_params(table: Table, dialect: Dialect, names: list[str], rows: list[Row]) -> list[Any]:
    """The rows as the driver's parameter tuples, a column at a time: picking values out and
    zipping them up runs in C, and only the columns that need converting pay for it."""
    columns = []
    for name in names:
        values = list(map(itemgetter(name), rows))
        convert = sqlite_converter(table.c[name].type, dialect)
        columns.append(values if convert is None else convert(values))
    return list(zip(*columns, strict=True))


def sqlite_converter(type_: TypeEngine[Any], dialect: Dialect) -> Convert | None:
    """What SQLAlchemy's bind processor for the column does to a list of values, with exact
    shortcuts for the common kinds: a date's text is its ISO form, a datetime's the ISO form
    with microseconds and without the zone (SQLite's storage formats); a bool is bound as the
    integer SQLAlchemy would give. Anything unusual goes through the processor itself."""
    impl = type_.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return None
    if _plain(impl, sqlite.DATE, dialect):
        texts = _DateTexts(process)
        return lambda values: list(map(texts.__getitem__, values))
    if _plain(impl, sqlite.DATETIME, dialect):
        return lambda values: [
            v.isoformat(" ", "microseconds")[:26] if type(v) is datetime else process(v)
            for v in values
        ]
    if isinstance(impl, Boolean):
        return lambda values: [v if type(v) is bool else process(v) for v in values]
    return lambda values: list(map(process, values))


def _plain(impl: TypeEngine[Any], kind: type[Any], dialect: Dialect) -> bool:
    """SQLite's date or datetime type (or pysqlite's subclass of it), stored in its default
    format as text."""
    return (
        isinstance(impl, kind)
        and getattr(impl, "_storage_format", None) == kind._storage_format
        and not getattr(dialect, "native_datetime", False)
    )


class _DateTexts(dict[Any, Any]):
    """Dates as SQLite stores them, remembered: a table's dates repeat (decision days, deadlines),
    and a lookup costs a tenth of formatting one."""

    def __init__(self, process: Callable[[Any], Any], size: int = 10_000) -> None:
        super().__init__()
        self.process = process
        self.size = size

    def __missing__(self, value: Any) -> Any:
        text = value.isoformat() if type(value) is date else self.process(value)
        if len(self) >= self.size:
            self.clear()
        self[value] = text
        return text


def copy_text(value: Any) -> str:
    """A value in PostgreSQL's COPY text format (NULL is \\N; backslash, tab and line ends
    escaped)."""
    if type(value) is str:
        text_ = value
    elif value is None:
        return "\\N"
    elif value is True or value is False:
        return "t" if value else "f"
    elif isinstance(value, bytes | bytearray | memoryview):
        return "\\\\x" + bytes(value).hex()
    else:
        text_ = _as_text(value)
    if "\\" in text_ or "\t" in text_ or "\n" in text_ or "\r" in text_:
        text_ = text_.translate(_COPY_ESCAPES)
    return text_


def _as_text(value: Any) -> str:
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if isoformat is not None else str(value)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class _Lines:
    """The rows as a file COPY reads from, made as it reads (memory stays one chunk)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.rest = ""

    def read(self, size: int = -1) -> str:
        parts = [self.rest]
        length = len(self.rest)
        for line in self.lines:
            parts.append(line + "\n")
            length += len(line) + 1
            if 0 <= size <= length:
                break
        text_ = "".join(parts)
        if size < 0 or len(text_) <= size:
            self.rest = ""
            return text_
        self.rest = text_[size:]
        return text_[:size]

    readline = read

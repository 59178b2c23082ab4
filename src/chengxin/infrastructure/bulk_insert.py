"""Many rows into one table at once.

One bulk insert is handed straight to the driver (SQLite's executemany, PostgreSQL's COPY) with
SQLAlchemy's own type conversions: SQLAlchemy's per-row handling of parameters costs more than
the database's insert itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

Row = dict[str, Any]


def insert_rows(session: Session, table: Table, rows: list[Row]) -> None:
    """One bulk insert of rows that all have the same columns."""
    dialect = session.get_bind().dialect
    names = list(rows[0])
    defaulted = any(c.default is not None for c in table.c if c.name not in rows[0])
    if dialect.driver not in {"pysqlite", "psycopg2"} or defaulted:
        session.execute(insert(table), rows)
        return
    quote = dialect.identifier_preparer.quote
    convert = [(n, table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) for n in names]
    columns = f"{quote(table.name)} ({', '.join(quote(n) for n in names)})"
    if dialect.driver == "pysqlite":
        params = [tuple([row[n] if p is None else p(row[n]) for n, p in convert]) for row in rows]
        marks = ", ".join("?" * len(names))
        session.connection().exec_driver_sql(f"INSERT INTO {columns} VALUES ({marks})", params)
        return
    lines = (
        "\t".join([copy_text(row[n] if p is None else p(row[n])) for n, p in convert])
        for row in rows
    )
    cursor = session.connection().connection.cursor()
    try:
        cursor.copy_expert(f"COPY {columns} FROM STDIN", _Lines(lines))
    finally:
        cursor.close()


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

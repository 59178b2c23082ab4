"""A write-behind buffer for replays (rebuild and catch-up).

Projections write a row or two per event; one statement each is what makes a replay slow. Here
the rows a projection writes by primary key stay in memory and reach the database in bulk, one
executemany per view and batch. Reads by primary key are answered from memory; any other read
or write flushes the view first and goes to the database, so projections see exactly what the
plain writer would show them. Everything happens inside the replay's one transaction.

A bulk save (an import) adds rows to views that already hold many: there a projection's first
read of a view fetches, in one query, every row keyed by an id the save's events are about
(`expect`), instead of one query per read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import Index, Select, String, Table, and_, bindparam, delete, select, text
from sqlalchemy.orm import Session

from application.ports import ViewWriter
from infrastructure.bulk_insert import insert_rows
from infrastructure.views import SqlViewWriter, any_of, array_text

Row = dict[str, Any]
Key = tuple[Any, ...]
LIMIT = 20_000
CACHE_KIB = 256 * 1024
FETCH = 500  # keys per read-ahead statement (SQLite's parameters)
FETCH_ARRAY = 1000  # the same in one array literal (PostgreSQL)
BulkInsert = Callable[[Session, Table, list[Row]], None]
BulkClear = Callable[[Session, Table], None]
# How to insert many rows of a table, or empty it, faster than a statement per row can (the
# module of a table that keeps more than its rows up to date, such as a search index, says).
bulk_inserts: dict[str, BulkInsert] = {}
bulk_clears: dict[str, BulkClear] = {}


class _View:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.key_names = tuple(column.name for column in table.primary_key.columns)
        self.rows: dict[Key, Row | None] = {}  # what to write: a row, or None to delete it
        self.stored: set[Key] = set()  # keys known to be in the database
        self.complete = False  # True once cleared here: `stored` is all the database holds
        self.dropped: list[Index] = []  # secondary indexes set aside while the view refills
        self.fetched: dict[Key, Row | None] = {}  # stored rows read ahead (None: there is none)
        self.fetch_done = False
        column = table.primary_key.columns.values()[0]
        self.fetchable = len(self.key_names) == 1 and isinstance(column.type, String)

    def key(self, key: Mapping[str, Any]) -> Key | None:
        if tuple(key) == self.key_names:  # the usual case, as cheap as it gets
            return tuple(key.values())
        if sorted(key) != sorted(self.key_names):
            return None
        return tuple(key[name] for name in self.key_names)

    def key_of(self, row: Mapping[str, Any]) -> Key | None:
        try:
            return tuple([row[name] for name in self.key_names])
        except KeyError:
            return None

    def forget(self) -> None:
        self.stored.clear()
        self.fetched.clear()
        self.complete = False


class StagedViewWriter:
    def __init__(self, writer: SqlViewWriter, limit: int = LIMIT) -> None:
        self.writer = writer
        self.limit = limit
        self.staged = 0
        self._views: dict[str, _View] = {}
        self.dialect = writer.session.get_bind().dialect.name
        self._cache_size = self._grow_cache()
        self._expected: list[str] = []

    def _grow_cache(self) -> int | None:
        """SQLite's page cache (2 MB by default) thrashes on bulk inserts into big indexes."""
        session = self.writer.session
        if self.dialect != "sqlite":
            return None
        before = session.execute(text("PRAGMA cache_size")).scalar()
        session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))
        return int(before) if before is not None else None

    @classmethod
    def over(cls, writer: ViewWriter, limit: int = LIMIT) -> StagedViewWriter:
        if not isinstance(writer, SqlViewWriter):
            raise TypeError(f"cannot stage writes over {type(writer).__name__}")
        return cls(writer, limit)

    def _view(self, name: str) -> _View:
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = _View(self.writer.tables[name])
        return view

    def expect(self, ids: Iterable[str]) -> None:
        """The ids the coming writes are about: views keyed by them are read ahead."""
        self._expected = list(dict.fromkeys(ids))

    def _current(self, name: str, view: _View, key: Key, mapping: Mapping[str, Any]) -> Row | None:
        if key in view.rows:
            return view.rows[key]
        if view.complete and key not in view.stored:
            return None
        if not view.fetch_done and view.fetchable and self._expected:
            self._fetch(view)
        if key in view.fetched:
            row = view.fetched[key]
            if row is not None:
                view.stored.add(key)
            return row
        row = self.writer.get(name, mapping)
        if row is not None:
            view.stored.add(key)
        return row

    def _stage(self, view: _View, key: Key, row: Row | None) -> None:
        if key not in view.rows:
            self.staged += 1
        view.rows[key] = row
        if self.staged >= self.limit:
            self._flush_all()

    def get(self, view: str, key: Mapping[str, Any]) -> Row | None:
        staged = self._view(view)
        k = staged.key(key)
        if k is None:
            self.flush_view(view)
            self._restore_indexes(staged)
            return self.writer.get(view, key)
        row = self._current(view, staged, k, key)
        return dict(row) if row is not None else None

    def select(self, view: str, where: Mapping[str, Any]) -> list[Row]:
        self.flush_view(view)
        self._restore_indexes(self._view(view))
        return self.writer.select(view, where)

    def upsert(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        staged = self._view(view)
        k = staged.key(key)
        if k is None:
            self._direct(view).upsert(view, key, values)
            return
        current = self._current(view, staged, k, key) or {}
        self._stage(staged, k, {**current, **key, **values})

    def update(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        staged = self._view(view)
        k = staged.key(key)
        if k is None:
            self._direct(view).update(view, key, values)
            return
        current = self._current(view, staged, k, key)
        if current is not None:
            self._stage(staged, k, {**current, **values})

    def delete(self, view: str, key: Mapping[str, Any]) -> None:
        staged = self._view(view)
        k = staged.key(key)
        if k is None:
            self._direct(view).delete(view, key)
            return
        if self._current(view, staged, k, key) is not None:
            self._stage(staged, k, None)

    def insert(self, view: str, values: Mapping[str, Any]) -> None:
        staged = self._view(view)
        k = staged.key_of(values)
        if k is None:
            self._direct(view).insert(view, values)
            return
        self._stage(staged, k, dict(values))

    def clear(self, view: str) -> None:
        staged = self._view(view)
        self.staged -= len(staged.rows)
        staged.rows.clear()
        bulk = bulk_clears.get(staged.table.name)
        if bulk is not None:
            bulk(self.writer.session, staged.table)
        else:
            self.writer.clear(view)
        self._set_indexes_aside(staged)  # after a DELETE: the driver has begun the transaction
        staged.stored.clear()
        staged.complete = True

    def _direct(self, view: str) -> SqlViewWriter:
        """A write by other columns: the database applies it, and what it changed is unknown."""
        self.flush_view(view)
        staged = self._view(view)
        self._restore_indexes(staged)
        staged.forget()
        return self.writer

    def flush(self) -> None:
        """Write everything held back and give SQLite its usual page cache back."""
        self._flush_all()
        if self._cache_size is not None:
            self.writer.session.execute(text(f"PRAGMA cache_size = {self._cache_size}"))
            self._cache_size = None

    def finish(self) -> None:
        """The replay is over. PostgreSQL then needs fresh statistics, or it plans searches for
        tables as small as they were (not after every bulk save: that costs more than it saves)."""
        self.flush()
        for view in self._views.values():
            self._restore_indexes(view)
        session = self.writer.session
        if self.dialect == "postgresql":
            for view in self._views.values():
                session.execute(text(f"ANALYZE {view.table.name}"))

    def _set_indexes_aside(self, view: _View) -> None:
        """SQLite builds an index over a filled table several times faster than it keeps one up
        to date row by row, and its readers never see the uncommitted schema. (PostgreSQL would
        lock its readers out until the commit: there, the indexes stay.)"""
        if self.dialect != "sqlite":
            return
        connection = self.writer.session.connection()
        for index in view.table.indexes:
            if index not in view.dropped:
                index.drop(connection, checkfirst=True)
                view.dropped.append(index)

    def _restore_indexes(self, view: _View) -> None:
        """Before anything reads the view by other columns (its rows flushed), and when the
        replay is over."""
        if not view.dropped:
            return
        connection = self.writer.session.connection()
        for index in view.dropped:
            index.create(connection)
        view.dropped.clear()

    def _fetch(self, view: _View) -> None:
        """The view's stored rows keyed by the expected ids, a slice at a time (a bulk save names
        several thousand, nearly all new). PostgreSQL takes each slice as one array literal:
        bound one by one, the ids cost more to quote than to look up. A slice stays small
        enough to be looked up by the key's index: given 7,000 ids at once, the planner chose
        to scan a table of 900,000 rows (170 ms instead of 35)."""
        view.fetch_done = True
        column = view.table.primary_key.columns.values()[0]
        view.fetched.update(((key,), None) for key in self._expected)
        session = self.writer.session
        if self.dialect == "postgresql":
            statement = _fetch_slice(view.table)
            batches: Iterator[Any] = (
                session.execute(statement, {"ids": array_text(ids)})
                for ids in _slices(self._expected, FETCH_ARRAY)
            )
        else:
            batches = (
                session.execute(select(view.table).where(column.in_(ids)))
                for ids in _slices(self._expected, FETCH)
            )
        for rows in batches:
            for row in rows:
                mapping = dict(row._mapping)
                view.fetched[(mapping[column.name],)] = mapping

    def _flush_all(self) -> None:
        for name in self._views:
            self.flush_view(name)

    def flush_view(self, name: str) -> None:
        view = self._views.get(name)
        if view is None or not view.rows:
            return
        replaced = [key for key in view.rows if key in view.stored]
        if replaced:
            self._delete(view, replaced)
        fresh = [row for row in view.rows.values() if row is not None]
        self._insert(view.table, fresh)
        view.stored.difference_update(replaced)
        view.stored.update(key for key, row in view.rows.items() if row is not None)
        for key in view.rows:
            view.fetched.pop(key, None)  # the database now holds what was staged
        self.staged -= len(view.rows)
        view.rows.clear()

    def _delete(self, view: _View, keys: list[Key]) -> None:
        table = view.table
        where = and_(*(table.c[name] == bindparam(f"key_{name}") for name in view.key_names))
        params = [{f"key_{n}": v for n, v in zip(view.key_names, key, strict=True)} for key in keys]
        self.writer.session.execute(delete(table).where(where), params)

    def _insert(self, table: Table, rows: list[Row]) -> None:
        shapes: dict[tuple[str, ...], list[Row]] = {}
        for row in rows:
            shapes.setdefault(tuple(row), []).append(row)
        bulk = bulk_inserts.get(table.name, insert_rows)
        for same in shapes.values():
            bulk(self.writer.session, table, same)


def _slices(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@lru_cache(maxsize=256)
def _fetch_slice(table: Table) -> Select[Any]:
    """The rows whose key is in one array literal."""
    return select(table).where(any_of(table.primary_key.columns.values()[0], "ids", literal=True))

"""Read-model rows written through SQLAlchemy Core, inside the events' transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    Select,
    Table,
    Text,
    Update,
    and_,
    any_,
    bindparam,
    cast,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from infrastructure.projection_tables import positions_table, view_tables

Row = dict[str, Any]


class SqlViewWriter:
    def __init__(self, session: Session, tables: Mapping[str, Table] = view_tables) -> None:
        self.session = session
        self.tables = tables

    def _where(self, table: Table, key: Mapping[str, Any]) -> ColumnElement[bool]:
        return and_(*(table.c[name] == value for name, value in key.items()))

    def get(self, view: str, key: Mapping[str, Any]) -> Row | None:
        table = self.tables[view]
        if None in key.values():
            row = self.session.execute(select(table).where(self._where(table, key))).first()
        else:
            row = self.session.execute(_select(table, tuple(key)), _params(key)).first()
        return dict(row._mapping) if row is not None else None

    def select(self, view: str, where: Mapping[str, Any]) -> list[Row]:
        table = self.tables[view]
        rows = self.session.execute(select(table).where(self._where(table, where)))
        return [dict(row._mapping) for row in rows]

    def upsert(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        table = self.tables[view]
        if values and None not in key.values() and _keyed_by(table, tuple(key)):
            # one statement (INSERT … ON CONFLICT DO UPDATE), not an UPDATE and then an INSERT
            dialect = self.session.get_bind().dialect
            statement = _upsert(table, tuple(key), tuple(values), dialect)
            self.session.execute(statement, {**key, **values})
            return
        result = self._update(view, key, values)
        if result.rowcount == 0:
            self.insert(view, {**key, **values})

    def update(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        self._update(view, key, values)

    def _update(self, view: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
        table = self.tables[view]
        if None in key.values() or not values:
            statement = update(table).where(self._where(table, key)).values(**values)
            return self.session.execute(statement)
        statement = _update(table, tuple(key), tuple(values))
        return self.session.execute(statement, {**_params(key), **_params(values, "v_")})

    def delete(self, view: str, key: Mapping[str, Any]) -> None:
        table = self.tables[view]
        self.session.execute(delete(table).where(self._where(table, key)))

    def insert(self, view: str, values: Mapping[str, Any]) -> None:
        self.session.execute(insert(self.tables[view]), [dict(values)])

    def clear(self, view: str) -> None:
        self.session.execute(delete(self.tables[view]))


# Statements are built once per shape and take their values as parameters: building one with
# the values inside costs more than running it (SQLAlchemy derives a cache key from every value).
def _params(values: Mapping[str, Any], prefix: str = "k_") -> dict[str, Any]:
    return {prefix + name: value for name, value in values.items()}


@lru_cache(maxsize=1024)
def _select(table: Table, key: tuple[str, ...]) -> Select[Any]:
    return select(table).where(and_(*(table.c[name] == bindparam("k_" + name) for name in key)))


@lru_cache(maxsize=1024)
def _update(table: Table, key: tuple[str, ...], columns: tuple[str, ...]) -> Update:
    where = and_(*(table.c[name] == bindparam("k_" + name) for name in key))
    return update(table).where(where).values({name: bindparam("v_" + name) for name in columns})


def any_of(column: Column[Any], name: str, literal: bool = False) -> ColumnElement[bool]:
    """PostgreSQL's `column = ANY(CAST(:name AS type[]))`: the values as one array typed as the
    column, so that its index serves and the statement's text is the same for any number of
    them. The parameter is a list, or with `literal` the array's text (`array_text`)."""
    values = bindparam(name, type_=Text) if literal else bindparam(name)
    return column == any_(cast(values, postgresql.ARRAY(column.type)))


def array_text(values: Iterable[str]) -> str:
    """The values as one PostgreSQL array literal: the driver then quotes one string, not each
    of thousands."""
    return "{" + ",".join('"' + _quoted(value) + '"' for value in values) + "}"


def _quoted(value: str) -> str:
    if "\\" in value or '"' in value:
        return value.replace("\\", "\\\\").replace('"', '\\"')
    return value


def _keyed_by(table: Table, key: tuple[str, ...]) -> bool:
    return {c.name for c in table.primary_key.columns} == set(key)


@lru_cache(maxsize=1024)
def _upsert(table: Table, key: tuple[str, ...], columns: tuple[str, ...], dialect: Any) -> Any:
    """INSERT … ON CONFLICT DO UPDATE, written out once per shape: SQLAlchemy cannot cache the
    compiled form of its dialects' upsert constructs, and compiling one on every call cost more
    than running it. The same text serves SQLite and PostgreSQL; the columns' types still bind
    the values."""
    quote = dialect.identifier_preparer.quote
    names = (*key, *columns)
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join(':' + name for name in names)}) "
        f"ON CONFLICT ({', '.join(quote(name) for name in key)}) DO UPDATE SET "
        + ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in columns)
    )
    return text(sql).bindparams(*(bindparam(name, type_=table.c[name].type) for name in names))


class SqlPositions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> tuple[int, int] | None:
        t = positions_table
        row = self.session.execute(
            select(t.c.version, t.c.position).where(t.c.name == name)
        ).first()
        return (int(row[0]), int(row[1])) if row is not None else None

    def put(self, name: str, version: int, position: int) -> None:
        SqlViewWriter(self.session, {"positions": positions_table}).upsert(
            "positions", {"name": name}, {"version": version, "position": position}
        )

    def all(self) -> dict[str, tuple[int, int]]:
        rows = self.session.execute(_ALL_POSITIONS)
        return {str(name): (int(version), int(position)) for name, version, position in rows}

    def advance(self, names: Collection[str], position: int) -> None:
        if names:
            self.session.execute(_ADVANCE, {"names": list(names), "position": position})


_ALL_POSITIONS = select(
    positions_table.c.name, positions_table.c.version, positions_table.c.position
)
_ADVANCE = (
    update(positions_table)
    .where(positions_table.c.name.in_(bindparam("names", expanding=True)))
    .values(position=bindparam("position"))
)


def prepare_views(engine: Engine, versions: Mapping[str, tuple[int, tuple[str, ...]]]) -> None:
    """Create view tables; drop and recreate those of a projection whose version changed."""
    positions_table.create(engine, checkfirst=True)
    with engine.begin() as connection:
        rows = connection.execute(select(positions_table.c.name, positions_table.c.version))
        stored: dict[str, int] = {row[0]: row[1] for row in rows}
        for name, (version, views) in versions.items():
            if name in stored and stored[name] != version:
                for view in views:
                    view_tables[view].drop(connection, checkfirst=True)
    for table in view_tables.values():
        table.create(engine, checkfirst=True)

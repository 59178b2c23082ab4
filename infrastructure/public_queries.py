"""Reads of the public site: search through the name indexes of `public_tables`, one record, the
feed of changes. The window is checked here, as the SQL twin of `is_public_on`:
`publication_ends > today`."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, Literal, NamedTuple

from sqlalchemy import Column, Integer, Select, String, bindparam, func, select, text
from sqlalchemy.sql.elements import ColumnElement, TextClause

from application.ports import Row
from application.public import PUBLIC_FIELDS, PublicFilter
from application.public_projection import folded, name_grams
from infrastructure.public_tables import SEARCH, public_changes, public_entries, public_keying
from infrastructure.replica import ReplicaReads
from infrastructure.views import any_of

Condition = ColumnElement[bool] | TextClause
t = public_entries
COLUMNS = [t.c[name] for name in PUBLIC_FIELDS] + [t.c.row_no]
TRIGRAM = 3
POSTGRES_BIGRAMS = "string_to_array(public_entries.name_bigrams, ' ')"  # as indexed
NameIndex = Literal["trigrams", "bigram", "like"]
Values = dict[str, Any]


def like_pattern(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(fragment: str) -> str:
    return '"' + fragment.replace('"', '""') + '"'


class Shape(NamedTuple):
    """What a search asks, apart from its values: the statements are made once per shape (their
    compiled form and cache key are then kept), and a search only binds its values."""

    domain: bool
    list_type: bool
    list_types: bool
    hashes: bool
    name: NameIndex | None  # how a name fragment is narrowed, when there is one
    before: bool


class SqlPublicQueries:
    def __init__(self, store: ReplicaReads) -> None:
        self.store = store

    def _rows(self, query: Select[Any], values: Values | None = None) -> list[Row]:
        return self.store.rows(query, values)

    def search(self, where: PublicFilter, today: date, before: int | None, limit: int) -> list[Row]:
        return self.store.kept_rows(*self.search_statement(where, today, before, limit))

    def search_statement(
        self, where: PublicFilter, today: date, before: int | None, limit: int
    ) -> tuple[Select[Any], Values]:
        """The one statement of a search (newest first, from the cursor `before` on) and its
        values."""
        shape, values = self._shape(where, today, before is not None)
        return _searching(shape, self.store.is_postgres), {**values, "before": before, "n": limit}

    def page(self, where: PublicFilter, today: date, offset: int, limit: int) -> list[Row]:
        """The rows of a numbered page: `offset` rows skipped, newest first."""
        shape, values = self._shape(where, today, False)
        statement = _paging(shape, self.store.is_postgres)
        return self.store.kept_rows(statement, {**values, "skip": offset, "n": limit})

    def count(self, where: PublicFilter, today: date) -> int:
        shape, values = self._shape(where, today, False)
        return int(self.store.value(_counting(shape, self.store.is_postgres), values) or 0)

    def _shape(self, where: PublicFilter, today: date, before: bool) -> tuple[Shape, Values]:
        values: Values = {
            "today": today,
            "domain": where.domain,
            "list_type": where.list_type,
            "list_types": _listed(where.list_types),
            "hashes": _listed(where.identifier_hashes),
        }
        name: NameIndex | None = None
        if where.q:
            name, found = _name_values(where.q, self.store.is_postgres)
            values.update(found)
        shape = Shape(
            domain=where.domain is not None,
            list_type=where.list_type is not None,
            list_types=where.list_types is not None,
            hashes=where.identifier_hashes is not None,
            name=name,
            before=before,
        )
        return shape, values

    def last_change(self) -> datetime | None:
        """When the public site last changed (a record published, updated or withdrawn)."""
        at: datetime | None = self.store.value(select(func.max(public_changes.c.at)))
        return at

    def entry(self, entry_id: str, today: date) -> Row | None:
        query = select(*COLUMNS).where(t.c.entry_id == entry_id, t.c.publication_ends > today)
        rows = self._rows(query)
        return rows[0] if rows else None

    def key_fingerprint(self) -> str | None:
        """The fingerprint of the key the stored hashes were made with."""
        k = public_keying
        rows = self._rows(select(k.c.fingerprint).where(k.c.name == "identifier"))
        return str(rows[0]["fingerprint"]) if rows else None

    def changes(self, after: int, limit: int) -> list[Row]:
        c = public_changes
        query = select(c).where(c.c.seq > after).order_by(c.c.seq).limit(limit)
        return self._rows(query)


def _bigram(fragment: str) -> str | None:
    """The bigram a two-character fragment is looked up by, if the index holds such pieces."""
    grams = name_grams(fragment)
    return grams[0] if len(fragment) == 2 and grams and fragment.isalnum() else None


def _name_values(fragment: str, postgres: bool) -> tuple[NameIndex, Values]:
    """How the fragment is narrowed (trigrams from 3 characters, bigrams for 2, else LIKE
    alone) and the values that says; LIKE on the lower-cased name decides in every case."""
    values: Values = {"pattern": like_pattern(folded(fragment))}
    gram = _bigram(fragment)
    if len(fragment) >= TRIGRAM:
        index: NameIndex = "trigrams"
        if not postgres:  # SQLite's FTS5 narrows by the phrase; PostgreSQL's index by the LIKE
            values["phrase"] = f"subject_name : {fts_phrase(fragment)}"
    elif gram is not None:
        index = "bigram"
        values["gram"] = gram if postgres else f"name_bigrams : {fts_phrase(f' {gram} ')}"
    else:
        index = "like"
    return index, values


def _filtered(columns: list[Any], shape: Shape, postgres: bool) -> Select[Any]:
    query = select(*columns).where(t.c.publication_ends > bindparam("today"))
    if shape.domain:
        query = query.where(t.c.domain == bindparam("domain"))
    if shape.list_type:
        query = query.where(t.c.list_type == bindparam("list_type"))
    if shape.list_types:
        query = query.where(_one_of(t.c.list_type, "list_types", postgres))
    if shape.hashes:
        query = query.where(_one_of(t.c.identifier_hash, "hashes", postgres))
    if shape.name is not None:
        query = query.where(*_name_conditions(shape.name, postgres))
    if shape.before:
        query = query.where(t.c.row_no < bindparam("before"))
    return query


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    """A list, which the driver sends as an array (it sends a tuple as a parenthesised list)."""
    return None if values is None else list(values)


def _one_of(column: Column[str], name: str, postgres: bool) -> Condition:
    """The column holds one of a list of values: on PostgreSQL one array, so that the search's
    text is made once (`ReplicaReads.kept_rows`); on SQLite an IN list."""
    return any_of(column, name) if postgres else column.in_(bindparam(name, expanding=True))


def _name_conditions(index: NameIndex, postgres: bool) -> list[Condition]:
    like = t.c.name_folded.like(bindparam("pattern", type_=String), "\\")
    if postgres:  # pg_trgm serves the LIKE itself from three characters
        narrowed = [text(f"{POSTGRES_BIGRAMS} @> ARRAY[:gram]")] if index == "bigram" else []
        return [*narrowed, like]
    fts = {"trigrams": [_fts("phrase")], "bigram": [_fts("gram")], "like": []}[index]
    return [*fts, like]


def _fts(name: str) -> ColumnElement[bool]:
    rows = text(f"SELECT rowid FROM {SEARCH} WHERE {SEARCH} MATCH :{name}")
    return t.c.row_no.in_(rows.columns(rowid=Integer))


@cache
def _searching(shape: Shape, postgres: bool) -> Select[Any]:
    query = _filtered(COLUMNS, shape, postgres).order_by(t.c.row_no.desc())
    return query.limit(bindparam("n"))


@cache
def _paging(shape: Shape, postgres: bool) -> Select[Any]:
    query = _filtered(COLUMNS, shape, postgres).order_by(t.c.row_no.desc())
    return query.offset(bindparam("skip")).limit(bindparam("n"))


@cache
def _counting(shape: Shape, postgres: bool) -> Select[Any]:
    return _filtered([func.count()], shape, postgres)

"""Reads of the public site: search through the name indexes of `public_tables`, one record, the
feed of changes. The window is checked here, as the SQL twin of `is_public_on`:
`publication_ends > today`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Select, func, select, text
from sqlalchemy.sql.elements import ColumnElement, TextClause

from application.ports import Row
from application.public import PUBLIC_FIELDS, PublicFilter
from application.public_projection import name_grams
from infrastructure.public_tables import SEARCH, public_changes, public_entries, public_keying
from infrastructure.replica import ReplicaReads

Condition = ColumnElement[bool] | TextClause
t = public_entries
COLUMNS = [t.c[name] for name in PUBLIC_FIELDS] + [t.c.row_no]
TRIGRAM = 3
POSTGRES_BIGRAMS = "string_to_array(public_entries.name_bigrams, ' ')"  # as indexed


def like_pattern(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(fragment: str) -> str:
    return '"' + fragment.replace('"', '""') + '"'


class SqlPublicQueries:
    def __init__(self, store: ReplicaReads) -> None:
        self.store = store

    def _rows(self, query: Select[Any]) -> list[Row]:
        return self.store.rows(query)

    def _filtered(self, columns: list[Any], where: PublicFilter, today: date) -> Select[Any]:
        query = select(*columns).where(t.c.publication_ends > today)
        for name in ("domain", "list_type"):
            value = getattr(where, name)
            if value is not None:
                query = query.where(t.c[name] == value)
        if where.list_types is not None:
            query = query.where(t.c.list_type.in_(where.list_types))
        if where.identifier_hashes is not None:
            query = query.where(t.c.identifier_hash.in_(where.identifier_hashes))
        if where.q:
            query = query.where(*self._name_contains(where.q))
        return query

    def search(self, where: PublicFilter, today: date, before: int | None, limit: int) -> list[Row]:
        return self._rows(self.search_statement(where, today, before, limit))

    def search_statement(
        self, where: PublicFilter, today: date, before: int | None, limit: int
    ) -> Select[Any]:
        """The one statement of a search: newest first, from the cursor `before` on."""
        query = self._filtered(COLUMNS, where, today)
        if before is not None:
            query = query.where(t.c.row_no < before)
        return query.order_by(t.c.row_no.desc()).limit(limit)

    def page(self, where: PublicFilter, today: date, offset: int, limit: int) -> list[Row]:
        """The rows of a numbered page: `offset` rows skipped, newest first."""
        query = self._filtered(COLUMNS, where, today).order_by(t.c.row_no.desc())
        return self._rows(query.offset(offset).limit(limit))

    def count(self, where: PublicFilter, today: date) -> int:
        return int(self.store.value(self._filtered([func.count()], where, today)) or 0)

    def last_change(self) -> datetime | None:
        """When the public site last changed (a record published, updated or withdrawn)."""
        at: datetime | None = self.store.value(select(func.max(public_changes.c.at)))
        return at

    def _name_contains(self, fragment: str) -> list[Condition]:
        """An index narrows the rows (trigrams from 3 characters, bigrams for 2); LIKE decides."""
        column, pattern = t.c.subject_name, like_pattern(fragment)
        if self.store.is_postgres:
            return [*_postgres_index(fragment), column.ilike(pattern, "\\")]
        return [*_sqlite_index(fragment), column.like(pattern, "\\")]

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


def _postgres_index(fragment: str) -> list[Condition]:
    if len(fragment) >= TRIGRAM:
        return []  # pg_trgm serves the ILIKE itself
    gram = _bigram(fragment)
    if gram is None:
        return []
    return [text(f"{POSTGRES_BIGRAMS} @> ARRAY[:gram]").bindparams(gram=gram)]


def _sqlite_index(fragment: str) -> list[Condition]:
    if len(fragment) >= TRIGRAM:
        return [_fts("subject_name", fragment)]
    gram = _bigram(fragment)
    return [] if gram is None else [_fts("name_bigrams", f" {gram} ")]


def _fts(column: str, phrase: str) -> ColumnElement[bool]:
    rows = text(f"SELECT rowid FROM {SEARCH} WHERE {SEARCH} MATCH :phrase")
    match = f"{column} : {fts_phrase(phrase)}"
    return t.c.row_no.in_(rows.bindparams(phrase=match).columns(rowid=Integer))

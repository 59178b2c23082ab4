"""The public site's read models and their name-search indexes.

`public_entries` holds what the disclosure rule lets the public see, already masked; a subject is
found by a keyed hash (HMAC-SHA256, `application/lookup_keys.py`) of its identifier, a natural
person's of identifier and name together, never by a stored raw one. Entries and subjects are
named by keyed ids too (`entry_id`, `subject_ref`; `public_names.key` is one or the other): the
internal ids derive from identifiers, and a stolen copy must not let anyone test candidates.
`public_keying` names the keys the hashes and ids were made with. `row_no` (the position of the
event that made the row public) orders the site and keys its cursor.

Name search needs substring matching on Chinese text, where words have no spaces:
- SQLite: one FTS5 table with the `trigram` tokenizer, kept by triggers, over the name (fragments
  of three characters or more) and over its two-character pieces written as " ab cd ", so that a
  two-character fragment is the four-character phrase " ab " (trigrams cannot match two
  characters on their own);
- PostgreSQL: a `pg_trgm` GIN index on the lower-cased name, `name_folded` (three characters or
  more), and a GIN index over `string_to_array(name_bigrams, ' ')` (two characters);
- either way LIKE on `name_folded` with a lower-cased fragment decides. (PostgreSQL's ILIKE on the
  name itself lower-cases every row it checks: on 1,000,000 rows a walk through the newest rows
  for a fragment took four times as long as LIKE, and planning it eight times);
- one character: a scan in `row_no` order that stops at the page size (such fragments match
  most names, so the first page fills at once).
Replays pause the SQLite triggers: a bulk insert indexes its rows in one statement and a clear
empties the index at once (an FTS5 write from a trigger, row by row, costs several times more).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    String,
    Table,
    Text,
    delete,
    event,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from infrastructure.bulk_insert import insert_rows
from infrastructure.projection_tables import Position, metadata, view_tables
from infrastructure.staging import bulk_clears, bulk_inserts

SEARCH = "public_entries_search"
PAUSE = "public_entries_search_pause"

public_entries = Table(
    "public_entries",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("row_no", Position, nullable=False, unique=True),
    Column("subject_ref", String(36), nullable=False, index=True),  # keyed: LookupKeys
    Column("identifier_hash", String(64), nullable=False, index=True),
    Column("name_bigrams", Text, nullable=False),
    Column("list_type", String(16), nullable=False),
    Column("domain", String(64), nullable=False),
    Column("severity", String(16)),  # null on the red list
    Column("subject_kind", String(24), nullable=False),
    Column("subject_name", String(200), nullable=False),
    Column("name_folded", String(200), nullable=False),  # lower-cased: what LIKE searches
    Column("identifier", String(40), nullable=False),
    Column("department", String(64), nullable=False),
    Column("decision_no", String(200), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("published_at", Date, nullable=False),
    Column("publication_ends", Date, nullable=False),
    Column("under_objection", Boolean, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("penalty_content", Text, nullable=False),
    Index("ix_public_entries_domain_row", "domain", "row_no"),
    Index("ix_public_entries_list_type_row", "list_type", "row_no"),
)

public_changes = Table(
    "public_changes",
    metadata,
    Column("seq", Position, primary_key=True, autoincrement=False),
    Column("entry_id", String(36), nullable=False),
    Column("kind", String(16), nullable=False),  # entry, licence or commitment
    Column("change", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("position", Position, nullable=False),
    Column("record", Text),
)

public_names = Table(
    "public_names",
    metadata,
    Column("key", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("lookup", String(64), nullable=False),
    Column("position", Position, nullable=False),
)

public_keying = Table(
    "public_keying",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
)

public_feed = Table(
    "public_feed",
    metadata,
    Column("feed", String(16), primary_key=True),
    Column("last_seq", Position, nullable=False),
)

view_tables.update(
    {
        "public_entries": public_entries,
        "public_changes": public_changes,
        "public_names": public_names,
        "public_feed": public_feed,
        "public_keying": public_keying,
    }
)


INDEXED = "(new.row_no, new.subject_name, ' ' || new.name_bigrams || ' ')"
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {SEARCH} USING fts5(subject_name, name_bigrams, tokenize='trigram')",
    f"CREATE TABLE {PAUSE} (paused INTEGER NOT NULL)",
    f"INSERT INTO {PAUSE} VALUES (0)",
    "CREATE TRIGGER public_entries_ai AFTER INSERT ON public_entries "
    f"WHEN (SELECT paused FROM {PAUSE}) = 0 BEGIN "
    f"INSERT INTO {SEARCH}(rowid, subject_name, name_bigrams) VALUES {INDEXED}; END",
    "CREATE TRIGGER public_entries_ad AFTER DELETE ON public_entries "
    f"WHEN (SELECT paused FROM {PAUSE}) = 0 BEGIN "
    f"DELETE FROM {SEARCH} WHERE rowid = old.row_no; END",
    "CREATE TRIGGER public_entries_au AFTER UPDATE OF row_no, subject_name, name_bigrams "
    f"ON public_entries BEGIN DELETE FROM {SEARCH} WHERE rowid = old.row_no; "
    f"INSERT INTO {SEARCH}(rowid, subject_name, name_bigrams) VALUES {INDEXED}; END",
)
SQLITE_DROP = (f"DROP TABLE IF EXISTS {SEARCH}", f"DROP TABLE IF EXISTS {PAUSE}")
SQLITE_INDEX_ROWS = (
    f"INSERT INTO {SEARCH}(rowid, subject_name, name_bigrams) "
    "SELECT row_no, subject_name, ' ' || name_bigrams || ' ' FROM public_entries "
    "WHERE row_no IN (SELECT value FROM json_each(:rows))"
)
POSTGRES_EXTENSION = ("CREATE EXTENSION IF NOT EXISTS pg_trgm",)
# Every search scans a GIN index's pending list whole (4 MB by default): keep it small. Off
# altogether, bulk inserts cost a tenth more.
GIN = "WITH (fastupdate = on, gin_pending_list_limit = 256)"
# A name search either walks the newest rows until it has a page or gathers every match from
# the trigram index and sorts them; which is faster depends on how many names match. With the
# default sample the planner guessed 852 matches for a fragment with 112 and walked 28,000 rows
# (78 ms); a sample of the whole column (up to 300,000 rows) keeps the guess close.
NAME_STATISTICS = 1000
POSTGRES_CREATE = (
    f"ALTER TABLE public_entries ALTER COLUMN name_folded SET STATISTICS {NAME_STATISTICS}",
    "CREATE INDEX ix_public_entries_name_trgm ON public_entries "
    f"USING gin (name_folded gin_trgm_ops) {GIN}",
    "CREATE INDEX ix_public_entries_bigrams ON public_entries "
    f"USING gin (string_to_array(name_bigrams, ' ')) {GIN}",
)


def _on(dialect: str, statements: tuple[str, ...]) -> Callable[..., None]:
    def run(_: Table, connection: Connection, **__: Any) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.execute(text(statement))

    return run


event.listen(public_entries, "before_create", _on("postgresql", POSTGRES_EXTENSION))
event.listen(public_entries, "after_create", _on("sqlite", (*SQLITE_DROP, *SQLITE_CREATE)))
event.listen(public_entries, "after_create", _on("postgresql", POSTGRES_CREATE))
event.listen(public_entries, "after_drop", _on("sqlite", SQLITE_DROP))


def insert_public_entries(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if session.get_bind().dialect.name != "sqlite":
        insert_rows(session, table, rows)
        return
    with _paused(session):
        insert_rows(session, table, rows)
        numbers = json.dumps([row["row_no"] for row in rows])
        session.execute(text(SQLITE_INDEX_ROWS), {"rows": numbers})


def clear_public_entries(session: Session, table: Table) -> None:
    if session.get_bind().dialect.name != "sqlite":
        session.execute(delete(table))
        return
    with _paused(session):
        session.execute(delete(table))
        session.execute(text(f"DELETE FROM {SEARCH}"))


@contextmanager
def _paused(session: Session) -> Iterator[None]:
    """The triggers stand aside while a bulk statement keeps the search index itself."""
    session.execute(text(f"UPDATE {PAUSE} SET paused = 1"))
    yield
    session.execute(text(f"UPDATE {PAUSE} SET paused = 0"))


bulk_inserts[public_entries.name] = insert_public_entries
bulk_clears[public_entries.name] = clear_public_entries

"""What anyone may ask the public site: search, one record, the open-data export and the feed
of changes that third-party credit services follow. Only "today" is decided here; the rows are
already what the disclosure rule lets the public see."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, Literal, Protocol, TypeVar
from uuid import UUID

from application.lookup_keys import LookupKeys
from application.ports import Clock, Row
from application.public_projection import SHOWN_FIELDS
from application.timeline import MAX_POSITION
from domain.disclosure import DisclosedEntry
from domain.errors import NotFound, ValidationFailed
from domain.register_disclosure import DisclosedCommitment, DisclosedLicence

PUBLIC_FIELDS = ("entry_id", *SHOWN_FIELDS)
EXPORT_BATCH = 1000
FORMATS = ("csv", "jsonl")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PublicFilter:
    q: str | None = None
    identifier_hashes: tuple[str, ...] | None = None
    domain: str | None = None
    list_type: str | None = None
    list_types: tuple[str, ...] | None = None  # any of these (the lists, penalties apart)


class PublicQueries(Protocol):
    def search(self, where: PublicFilter, today: date, before: int | None, limit: int) -> list[Row]:
        """Public rows in `row_no` order, newest first, below `before`, inside their window."""

    def page(self, where: PublicFilter, today: date, offset: int, limit: int) -> list[Row]:
        """The same rows as `search`, `offset` of them skipped: a numbered page."""

    def count(self, where: PublicFilter, today: date) -> int: ...

    def last_change(self) -> datetime | None: ...

    def entry(self, entry_id: str, today: date) -> Row | None: ...

    def changes(self, after: int, limit: int) -> list[Row]: ...

    def key_fingerprint(self) -> str | None: ...


DATES = ("decision_date", "published_at", "publication_ends")
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class NumberedPage:
    """One page of a search with its number, the pages there are and the rows in all."""

    items: list[DisclosedEntry]
    number: int
    pages: int
    total: int


@dataclass(frozen=True)
class OpenDataSummary:
    records: int
    last_change: datetime | None


@dataclass(frozen=True)
class Change:
    """One step of the change feed; `record` is what the site shows from then on."""

    seq: int
    entry_id: UUID  # the record's id, whichever its kind
    change: Literal["published", "updated", "withdrawn"]
    at: datetime
    record: DisclosedEntry | DisclosedLicence | DisclosedCommitment | None = None
    kind: Literal["entry", "licence", "commitment"] = "entry"


def encode_cursor(row_no: int) -> str:
    return base64.urlsafe_b64encode(f"p1:{row_no}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix == "p1" and number.isascii() and number.isdigit():
            return _bounded(int(number))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise ValidationFailed("the cursor is not one this site gave out", field="cursor")


def disclosed(row: Mapping[str, Any]) -> DisclosedEntry:
    """A public row, or a record of the feed (its dates in ISO form), as the one public type."""
    shown = {name: row[name] for name in PUBLIC_FIELDS}
    for name in DATES:
        if isinstance(shown[name], str):
            shown[name] = date.fromisoformat(shown[name])
    shown["entry_id"] = UUID(str(shown["entry_id"]))
    return DisclosedEntry(**shown)


def looked_up(
    keys: LookupKeys, q: str | None, identifier: str | None, name: str | None, **rest: Any
) -> PublicFilter:
    """What a public search asks: a name fragment, and the keyed hashes of an identifier (a
    natural person's with their full name)."""
    name = name if name and name.strip() else None
    if name is not None and not identifier:
        raise ValidationFailed("a name is looked up together with the identifier", field="name")
    return PublicFilter(
        q=" ".join(q.split()) if q and q.strip() else None,
        identifier_hashes=keys.wanted(identifier, name) if identifier else None,
        **rest,
    )


def _bounded(number: int) -> int:
    if not 0 <= number <= MAX_POSITION:
        raise ValueError(number)
    return number


def plain(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    return value.isoformat() if isinstance(value, date) else value


class PublicSite:
    def __init__(self, queries: PublicQueries, clock: Clock, keys: LookupKeys) -> None:
        self.queries = queries
        self.clock = clock
        self.keys = keys

    def public_id(self, entry_id: UUID) -> UUID:
        """The id under which the site, its feed and its export show an entry."""
        return self.keys.public_id(entry_id)

    def is_keyed_as_now(self) -> bool:
        """Whether the stored hashes were made with today's key (else: rebuild them)."""
        return self.queries.key_fingerprint() == self.keys.fingerprint

    def search(
        self,
        q: str | None = None,
        identifier: str | None = None,
        domain: str | None = None,
        list_type: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
        name: str | None = None,
        list_types: tuple[str, ...] | None = None,
    ) -> Page[DisclosedEntry]:
        """`identifier` alone finds legal persons and organisations; a natural person is found
        only with their full `name` too."""
        where = self.filter_of(q, identifier, domain, list_type, name, list_types)
        before = decode_cursor(cursor) if cursor else None
        rows = self.queries.search(where, self.clock.today(), before, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(int(rows[-1]["row_no"])) if more else None
        return Page([disclosed(row) for row in rows], next_cursor)

    def filter_of(
        self,
        q: str | None,
        identifier: str | None,
        domain: str | None,
        list_type: str | None,
        name: str | None,
        list_types: tuple[str, ...] | None = None,
    ) -> PublicFilter:
        kinds = {"domain": domain, "list_type": list_type, "list_types": list_types}
        return looked_up(self.keys, q, identifier, name, **kinds)

    def numbered(
        self,
        where: PublicFilter,
        number: int,
        size: int,
    ) -> NumberedPage:
        """Page `number` (from 1) of a search, with the count of every row that matches: the
        public site's pages number their results instead of following cursors."""
        today = self.clock.today()
        total = self.queries.count(where, today)
        pages = max(1, -(-total // size))
        number = min(max(1, number), pages)
        rows = self.queries.page(where, today, (number - 1) * size, size)
        return NumberedPage([disclosed(row) for row in rows], number, pages, total)

    def summary(self) -> OpenDataSummary:
        """How many records the open data holds today, and when the site last changed."""
        records = self.queries.count(PublicFilter(), self.clock.today())
        return OpenDataSummary(records, self.queries.last_change())

    def entry(self, entry_id: UUID) -> DisclosedEntry:
        row = self.queries.entry(str(entry_id), self.clock.today())
        if row is None:
            raise NotFound(f"entry {entry_id} is not on the public site", id=str(entry_id))
        return disclosed(row)

    def changes(self, after: int = 0, limit: int = 50) -> Page[Change]:
        """In seq order. `next_cursor` is the last seq given (pass it as `after`); null once
        there is nothing new, and then the follower asks again with the same `after`."""
        items = [change_item(row) for row in self.queries.changes(after, limit)]
        return Page(items, str(items[-1].seq) if items else None)

    def rows(self) -> Iterator[DisclosedEntry]:
        """Every public entry, in batches: constant memory at any size."""
        today = self.clock.today()
        before: int | None = None
        while rows := self.queries.search(PublicFilter(), today, before, EXPORT_BATCH):
            yield from (disclosed(row) for row in rows)
            before = int(rows[-1]["row_no"])

    def export(self, fmt: str) -> Iterator[str]:
        if fmt not in FORMATS:
            raise ValidationFailed(f"the format is one of {', '.join(FORMATS)}", field="format")
        return self._csv() if fmt == "csv" else self._jsonl()

    def _jsonl(self) -> Iterator[str]:
        for item in self.rows():
            shown = {k: plain(v) for k, v in asdict(item).items()}
            yield json.dumps(shown, ensure_ascii=False) + "\n"

    def _csv(self) -> Iterator[str]:
        rows = ([getattr(item, name) for name in PUBLIC_FIELDS] for item in self.rows())
        return csv_text(PUBLIC_FIELDS, rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV in chunks of EXPORT_BATCH rows, every cell inert for spreadsheets."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow([inert(name) for name in header])
    for count, row in enumerate(rows, start=1):
        out.writerow([csv_value(value) for value in row])
        if count % EXPORT_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return inert(value)
    return plain(value)


def inert(text: str) -> str:
    """A cell a spreadsheet will not run (OWASP CSV injection): text that starts like a formula
    gets a leading single quote, which spreadsheets show as text and drop on input."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def change_item(row: Row) -> Change:
    at: datetime = row["at"]
    kind = row["kind"]
    return Change(
        seq=int(row["seq"]),
        entry_id=UUID(str(row["entry_id"])),
        change=row["change"],
        at=at if at.tzinfo is not None else at.replace(tzinfo=UTC),
        record=RECORDS[kind](json.loads(row["record"])) if row["record"] else None,
        kind=kind,
    )


def dated(kind: type[T], row: Mapping[str, Any], key: str) -> T:
    """A public row of a register, or its record in the feed (dates in ISO form)."""
    shown = {f: row[f] for f in kind.__dataclass_fields__}  # type: ignore[attr-defined]
    for name, value in shown.items():
        if isinstance(value, str) and name in REGISTER_DATES:
            shown[name] = date.fromisoformat(value)
    shown[key] = UUID(str(shown[key]))
    return kind(**shown)


REGISTER_DATES = ("decision_date", "valid_from", "valid_to", "signed_on", "published_at")
RECORDS: dict[str, Any] = {
    "entry": disclosed,
    "licence": lambda row: dated(DisclosedLicence, row, "licence_id"),
    "commitment": lambda row: dated(DisclosedCommitment, row, "commitment_id"),
}

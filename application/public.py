"""What anyone may ask the public site: search, one record, the open-data export and the feed
of changes that third-party credit services follow. Only "today" is decided here; the rows are
already what the disclosure rule lets the public see."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol
from uuid import UUID

from application.ports import Clock, Row
from application.public_projection import SHOWN_FIELDS, identifier_key
from application.timeline import MAX_POSITION
from domain.errors import NotFound, ValidationFailed

PUBLIC_FIELDS = ("entry_id", *SHOWN_FIELDS)
EXPORT_BATCH = 1000
FORMATS = ("csv", "jsonl")


@dataclass(frozen=True)
class PublicFilter:
    q: str | None = None
    identifier_hash: str | None = None
    domain: str | None = None
    list_type: str | None = None


class PublicQueries(Protocol):
    def search(self, where: PublicFilter, today: date, before: int | None, limit: int) -> list[Row]:
        """Public rows in `row_no` order, newest first, below `before`, inside their window."""

    def entry(self, entry_id: str, today: date) -> Row | None: ...

    def changes(self, after: int, limit: int) -> list[Row]: ...


@dataclass(frozen=True)
class Page:
    items: list[Row]
    next_cursor: str | None


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


def _bounded(number: int) -> int:
    if not 0 <= number <= MAX_POSITION:
        raise ValueError(number)
    return number


def public_item(row: Row) -> Row:
    return {name: row[name] for name in PUBLIC_FIELDS}


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class PublicSite:
    def __init__(self, queries: PublicQueries, clock: Clock) -> None:
        self.queries = queries
        self.clock = clock

    def search(
        self,
        q: str | None = None,
        identifier: str | None = None,
        domain: str | None = None,
        list_type: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page:
        where = PublicFilter(
            q=" ".join(q.split()) if q and q.strip() else None,
            identifier_hash=identifier_key(identifier) if identifier else None,
            domain=domain,
            list_type=list_type,
        )
        before = decode_cursor(cursor) if cursor else None
        rows = self.queries.search(where, self.clock.today(), before, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(int(rows[-1]["row_no"])) if more else None
        return Page([public_item(row) for row in rows], next_cursor)

    def entry(self, entry_id: UUID) -> Row:
        row = self.queries.entry(str(entry_id), self.clock.today())
        if row is None:
            raise NotFound(f"entry {entry_id} is not on the public site", id=str(entry_id))
        return public_item(row)

    def changes(self, after: int = 0, limit: int = 50) -> Page:
        """In seq order. `next_cursor` is the last seq given (pass it as `after`); null once
        there is nothing new, and then the follower asks again with the same `after`."""
        items = [change_item(row) for row in self.queries.changes(after, limit)]
        return Page(items, str(items[-1]["seq"]) if items else None)

    def rows(self) -> Iterator[Row]:
        """Every public entry, in batches: constant memory at any size."""
        today = self.clock.today()
        before: int | None = None
        while rows := self.queries.search(PublicFilter(), today, before, EXPORT_BATCH):
            yield from (public_item(row) for row in rows)
            before = int(rows[-1]["row_no"])

    def export(self, fmt: str) -> Iterator[str]:
        if fmt not in FORMATS:
            raise ValidationFailed(f"the format is one of {', '.join(FORMATS)}", field="format")
        return self._csv() if fmt == "csv" else self._jsonl()

    def _jsonl(self) -> Iterator[str]:
        for item in self.rows():
            yield json.dumps({k: plain(v) for k, v in item.items()}, ensure_ascii=False) + "\n"

    def _csv(self) -> Iterator[str]:
        buffer = io.StringIO()
        out = csv.writer(buffer, lineterminator="\n")
        out.writerow(PUBLIC_FIELDS)
        for count, item in enumerate(self.rows(), start=1):
            out.writerow([_csv_value(item[name]) for name in PUBLIC_FIELDS])
            if count % EXPORT_BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return plain(value)


def change_item(row: Row) -> Row:
    at: datetime = row["at"]
    return {
        "seq": int(row["seq"]),
        "entry_id": row["entry_id"],
        "change": row["change"],
        "at": at if at.tzinfo is not None else at.replace(tzinfo=UTC),
        "record": json.loads(row["record"]) if row["record"] else None,
    }

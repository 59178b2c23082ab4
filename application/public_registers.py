"""The public site's licences and credit commitments: search, and the open-data export of each
(its own file; the entries' export is unchanged). Looked up as the public entries are: a name
fragment, an identifier alone for legal persons and organisations, identifier and full name for
a natural person; masked by the same rule."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, fields
from datetime import date
from typing import Any, Literal, Protocol

from application.lookup_keys import LookupKeys
from application.ports import Clock, Row
from application.public import (
    EXPORT_BATCH,
    FORMATS,
    RECORDS,
    Page,
    PublicFilter,
    csv_value,
    decode_cursor,
    encode_cursor,
    looked_up,
    plain,
)
from domain.errors import ValidationFailed
from domain.register_disclosure import DisclosedCommitment, DisclosedLicence

Kind = Literal["licence", "commitment"]
SHOWN: dict[str, type[Any]] = {"licence": DisclosedLicence, "commitment": DisclosedCommitment}


class PublicRegisterQueries(Protocol):
    def search_register(
        self, kind: Kind, where: PublicFilter, today: date, before: int | None, limit: int
    ) -> list[Row]:
        """Public rows of the register in `row_no` order, newest first, shown today."""


class PublicRegisterSite:
    def __init__(self, queries: PublicRegisterQueries, clock: Clock, keys: LookupKeys) -> None:
        self.queries = queries
        self.clock = clock
        self.keys = keys

    def search(
        self,
        kind: Kind,
        q: str | None = None,
        identifier: str | None = None,
        name: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Any]:
        where = looked_up(self.keys, q, identifier, name)
        before = decode_cursor(cursor) if cursor else None
        rows = self.queries.search_register(kind, where, self.clock.today(), before, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(int(rows[-1]["row_no"])) if more else None
        return Page([RECORDS[kind](row) for row in rows], next_cursor)

    def rows(self, kind: Kind) -> Iterator[Any]:
        today = self.clock.today()
        before: int | None = None
        while rows := self.queries.search_register(
            kind, PublicFilter(), today, before, EXPORT_BATCH
        ):
            yield from (RECORDS[kind](row) for row in rows)
            before = int(rows[-1]["row_no"])

    def export(self, kind: Kind, fmt: str) -> Iterator[str]:
        if fmt not in FORMATS:
            raise ValidationFailed(f"the format is one of {', '.join(FORMATS)}", field="format")
        return self._csv(kind) if fmt == "csv" else self._jsonl(kind)

    def _jsonl(self, kind: Kind) -> Iterator[str]:
        for item in self.rows(kind):
            shown = {k: plain(v) for k, v in asdict(item).items()}
            yield json.dumps(shown, ensure_ascii=False) + "\n"

    def _csv(self, kind: Kind) -> Iterator[str]:
        names = [f.name for f in fields(SHOWN[kind])]
        buffer = io.StringIO()
        out = csv.writer(buffer, lineterminator="\n")
        out.writerow(names)
        for count, item in enumerate(self.rows(kind), start=1):
            out.writerow(["" if (v := getattr(item, n)) is None else csv_value(v) for n in names])
            if count % EXPORT_BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

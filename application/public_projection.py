"""The public site (信用中国（淮安）) as a projection of the events.

On every event of a list entry the projection folds the whole entry and asks the disclosure rule
what the public may see of it (`disclosed_record`, the same rule the auditors replay for any past
moment). A record that appears is `published`, one whose shown fields change is `updated`, one
that disappears is `withdrawn`: each change goes to the feed with the next `seq`, written in the
transaction that records the event, so seqs commit in order and a follower never sees a gap.
The time part of the rule (the window) is applied by the queries, so the site never shows an
entry past its window even before the sweep records the expiry.

A subject renamed after its entries were listed shows its new name; a name corrected on one entry
afterwards wins over the rename for that entry (`public_names` keeps the latest of each).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from typing import Any
from uuid import UUID

import orjson

from application.lookup_keys import LookupKeys
from application.ports import Row, ViewWriter
from application.projections import Projection, StateFolder
from application.public_register_projection import EVENTS, PublicRegisters
from domain.disclosure import DisclosedEntry, disclosed_record, mask_name
from domain.entry import ListEntry
from domain.subject import Subject, SubjectKind

PUBLISHED, UPDATED, WITHDRAWN = "published", "updated", "withdrawn"
SHOWN_FIELDS = tuple(f.name for f in fields(DisclosedEntry) if f.name != "entry_id")
FEED = {"feed": "changes"}
KEYING = {"name": "identifier"}
# Every event of an entry may change what the rule shows, so every one is looked at.
ENTRY_EVENTS = tuple(
    kind
    for kind in vars(ListEntry).values()
    if isinstance(kind, type)
    and issubclass(kind, ListEntry.Event)
    and kind not in {ListEntry.Event, ListEntry.Created}
)


def folded(name: str) -> str:
    """A name or a fragment of one as searches compare them: lower-cased."""
    return name.lower()


@lru_cache(maxsize=65_536)  # a subject's entries share its name; a replay asks again and again
def name_grams(name: str) -> tuple[str, ...]:
    """The distinct two-character pieces of a name: the index of two-character searches."""
    lowered = " ".join(folded(name).split())
    pieces = (lowered[i : i + 2] for i in range(len(lowered) - 1))
    return tuple(dict.fromkeys(p for p in pieces if " " not in p))


def display_name(kind: SubjectKind, name: str) -> str:
    return mask_name(name) if kind is SubjectKind.NATURAL_PERSON else name


def shown_of(record: DisclosedEntry) -> Row:
    return {name: getattr(record, name) for name in SHOWN_FIELDS}


RECORD_KEYS = {"entry": "entry_id", "licence": "licence_id", "commitment": "commitment_id"}


def record_json(record_id: str, shown: Row, kind: str = "entry") -> str:
    """The record as the feed carries it (dates in ISO form, Chinese as it is)."""
    return orjson.dumps({RECORD_KEYS[kind]: record_id, **shown}).decode()


class PublicProjection(Projection):
    name = "public"
    # 2: the table keeps fuller statistics of names for its search plans; 3: identifiers masked
    # to the province, keyed hashes (a natural person's of identifier and name together);
    # 4: keyed public ids of entries and references to subjects (`LookupKeys.public_id`);
    # 5: licences and credit commitments, the feed's kinds, entries' legal basis and content
    # 6: a red-list entry shows no severity (null); keyed ids of licences and commitments
    # 7: the name lower-cased beside it (`name_folded`), which searches match with LIKE
    version = 7
    views = (
        "public_entries",
        "public_changes",
        "public_names",
        "public_feed",
        "public_keying",
        "public_licences",
        "public_commitments",
    )

    def __init__(self, folder: StateFolder, keys: LookupKeys) -> None:
        super().__init__()
        self.folder = folder
        self.keys = keys
        for event_type in ENTRY_EVENTS:
            self.on(event_type, self._entry_changed)
        self._keyed_reads = {*ENTRY_EVENTS, ListEntry.Corrected}
        self.on(ListEntry.Corrected, self._corrected)
        self.on(Subject.Renamed, self._renamed)
        self.registers = PublicRegisters(folder, keys, self._change)
        for register_event in EVENTS:
            self.on(register_event, self.registers.changed)

    def keys_read(self, event: Any) -> Iterable[str]:
        """An entry's public rows and names are found by its keyed public id and its subject's
        keyed reference, not by the ids its events carry."""
        if type(event) not in self._keyed_reads:
            return ()
        keys = [str(self.keys.public_id(event.originator_id))]
        subject_id = getattr(event, "subject_id", None)  # on the entry's first event only
        if isinstance(subject_id, UUID):
            keys.append(self.keys.subject_ref(subject_id))
        return keys

    def reset(self, writer: ViewWriter) -> None:
        super().reset(writer)
        self.folder.clear()
        writer.upsert("public_keying", KEYING, {"fingerprint": self.keys.fingerprint})

    def _entry_changed(self, event: Any, position: int, writer: ViewWriter) -> None:
        self._show(self.folder.after(event), event, position, writer)

    def _corrected(self, event: Any, position: int, writer: ViewWriter) -> None:
        entry = self.folder.after(event)
        if "subject_name" in event.changes:
            name = display_name(entry.subject_kind, entry.subject_name)
            lookup = self.keys.of_subject(entry.subject_kind, entry.identifier, entry.subject_name)
            key = {"key": str(self.keys.public_id(entry.id))}
            writer.upsert("public_names", key, _named(name, lookup, position))
        self._show(entry, event, position, writer)

    def _renamed(self, event: Any, position: int, writer: ViewWriter) -> None:
        subject = self.folder.after(event)
        name = display_name(subject.kind, subject.name)
        lookup = self.keys.of_subject(subject.kind, subject.identifier, subject.name)
        ref = self.keys.subject_ref(subject.id)
        writer.upsert("public_names", {"key": ref}, _named(name, lookup, position))
        rows = writer.select("public_entries", {"subject_ref": ref})
        for row in sorted(rows, key=lambda r: str(r["entry_id"])):  # the same seqs on replay
            shown = {**{k: row[k] for k in SHOWN_FIELDS}, "subject_name": name}
            self._write(writer, row, shown, lookup, event, position)
        self.registers.renamed(ref, name, lookup, event, position, writer)

    def _show(self, entry: ListEntry, event: Any, position: int, writer: ViewWriter) -> None:
        if entry.ended_when_recorded:
            return  # brought from history already ended: never on the live site
        record = disclosed_record(entry)
        if record is None and event.originator_version == 1:
            return  # just listed and not shown: there is nothing to take down either
        key = {"entry_id": str(self.keys.public_id(entry.id))}
        row = writer.get("public_entries", key)
        if record is None:
            if row is not None:
                writer.delete("public_entries", key)
                self._change(writer, WITHDRAWN, "entry", key["entry_id"], None, event, position)
            return
        name, lookup = self._name(writer, entry, record)
        shown = {**shown_of(record), "subject_name": name}
        if row is None:
            ref = self.keys.subject_ref(entry.subject_id)
            row = {**key, "row_no": position, "subject_ref": ref}
        self._write(writer, row, shown, lookup, event, position)

    def _write(
        self, writer: ViewWriter, row: Row, shown: Row, lookup: str, event: Any, position: int
    ) -> None:
        """Store what is shown when it differs from the row, and tell the feed what changed
        in sight (a new hash alone, a masked name that reads the same, is no news)."""
        is_new = "list_type" not in row
        same = not is_new and all(row[name] == value for name, value in shown.items())
        if same and row["identifier_hash"] == lookup:
            return
        key = {"entry_id": row["entry_id"]}
        values = {
            **row,
            **shown,
            "identifier_hash": lookup,
            "name_folded": folded(shown["subject_name"]),
            "name_bigrams": " ".join(name_grams(shown["subject_name"])),
        }
        del values["entry_id"]
        writer.upsert("public_entries", key, values)
        if not same:
            change = PUBLISHED if is_new else UPDATED
            self._change(writer, change, "entry", row["entry_id"], shown, event, position)

    def _name(
        self, writer: ViewWriter, entry: ListEntry, record: DisclosedEntry
    ) -> tuple[str, str]:
        """The name shown and the hash found by: the latest of the subject's rename and this
        entry's own name correction."""
        keys = (self.keys.subject_ref(entry.subject_id), str(self.keys.public_id(entry.id)))
        names = [writer.get("public_names", {"key": key}) for key in keys]
        latest = max((n for n in names if n), key=lambda n: int(n["position"]), default=None)
        if latest is not None:
            return str(latest["name"]), str(latest["lookup"])
        lookup = self.keys.of_subject(entry.subject_kind, entry.identifier, entry.subject_name)
        return record.subject_name, lookup

    def _change(
        self,
        writer: ViewWriter,
        change: str,
        kind: str,
        record_id: str,
        shown: Row | None,
        event: Any,
        position: int,
    ) -> None:
        head = writer.get("public_feed", FEED)
        seq = (int(head["last_seq"]) if head else 0) + 1
        writer.upsert("public_feed", FEED, {"last_seq": seq})
        writer.insert(
            "public_changes",
            {
                "seq": seq,
                "entry_id": record_id,
                "kind": kind,
                "change": change,
                "at": event.timestamp,
                "position": position,
                "record": None if shown is None else record_json(record_id, shown, kind),
            },
        )


def _named(name: str, lookup: str, position: int) -> Row:
    return {"name": name, "lookup": lookup, "position": position}

"""Licences and credit commitments on the public site: part of the public projection, so they
share its feed of changes (each change names its `kind`) and its keyed hashes.

As for entries, the aggregate is folded after each of its events and the disclosure rule says
what the public may see; a row that appears is `published`, one whose shown fields change is
`updated`. The name shown follows the subject's latest rename (`public_names`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any

from application.lookup_keys import LookupKeys
from application.ports import Row, ViewWriter
from application.projections import StateFolder
from domain.commitment import Commitment
from domain.licence import Licence
from domain.register_disclosure import (
    DisclosedCommitment,
    DisclosedLicence,
    disclosed_commitment,
    disclosed_licence,
)

# writer, change, kind, record id, what is shown (None: withdrawn), event, position
FeedWriter = Callable[[ViewWriter, str, str, str, Row | None, Any, int], None]
PUBLISHED, UPDATED = "published", "updated"


@dataclass(frozen=True)
class Register:
    kind: str
    view: str
    key: str
    shown: type[Any]
    disclose: Callable[[Any], Any]

    @property
    def shown_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self.shown) if f.name != self.key)


LICENCES = Register("licence", "public_licences", "licence_id", DisclosedLicence, disclosed_licence)
COMMITMENTS = Register(
    "commitment", "public_commitments", "commitment_id", DisclosedCommitment, disclosed_commitment
)
REGISTERS = (LICENCES, COMMITMENTS)
EVENTS: dict[type, Register] = {
    Licence.Granted: LICENCES,
    Licence.Published: LICENCES,
    Commitment.Signed: COMMITMENTS,
    Commitment.Published: COMMITMENTS,
    Commitment.Broken: COMMITMENTS,
    Commitment.Fulfilled: COMMITMENTS,
}


class PublicRegisters:
    def __init__(self, folder: StateFolder, keys: LookupKeys, feed: FeedWriter) -> None:
        self.folder = folder
        self.keys = keys
        self.feed = feed

    def changed(self, event: Any, position: int, writer: ViewWriter) -> None:
        register = EVENTS[type(event)]
        aggregate = self.folder.after(event)
        record = register.disclose(aggregate)
        if record is None:
            return  # recorded, not yet published: nothing is shown
        shown = {k: v for k, v in asdict(record).items() if k != register.key}
        ref = self.keys.subject_ref(aggregate.subject_id)
        renamed = writer.get("public_names", {"key": ref})
        if renamed is not None:
            shown["subject_name"], lookup = str(renamed["name"]), str(renamed["lookup"])
        else:
            kind, identifier = aggregate.subject_kind, aggregate.identifier
            lookup = self.keys.of_subject(kind, identifier, aggregate.subject_name)
        key = {register.key: str(self.keys.public_id(aggregate.id))}  # keyed, as entries'
        row = writer.get(register.view, key) or {
            **key,
            "row_no": position,
            "subject_ref": ref,
        }
        self._write(register, writer, row, shown, lookup, event, position)

    def renamed(
        self,
        subject_ref: str,
        name: str,
        lookup: str,
        event: Any,
        position: int,
        writer: ViewWriter,
    ) -> None:
        for register in REGISTERS:
            rows = writer.select(register.view, {"subject_ref": subject_ref})
            for row in sorted(rows, key=lambda r: str(r[register.key])):  # same seqs on replay
                shown = {field: row[field] for field in register.shown_fields}
                shown["subject_name"] = name
                self._write(register, writer, row, shown, lookup, event, position)

    def _write(
        self,
        register: Register,
        writer: ViewWriter,
        row: Row,
        shown: Row,
        lookup: str,
        event: Any,
        position: int,
    ) -> None:
        is_new = "identifier_hash" not in row
        same = not is_new and all(row[name] == value for name, value in shown.items())
        if same and row["identifier_hash"] == lookup:
            return
        key = {register.key: row[register.key]}
        values = {
            k: v
            for k, v in {**row, **shown, "identifier_hash": lookup}.items()
            if k != register.key
        }
        writer.upsert(register.view, key, values)
        if not same:
            change = PUBLISHED if is_new else UPDATED
            self.feed(writer, change, register.kind, key[register.key], shown, event, position)

"""Use cases of the auditors: a subject's history, its state and public disclosure as of any
moment, and the integrity of the whole store. Every answered read is itself recorded.

State and disclosure come from the events recorded up to the moment, never from read models
(the subject index only says which stored events to read). Disclosure uses the public site's
own rule, `public_on`, so the past and the live site cannot drift apart. Reads that fail (an
unknown subject, a bad moment) answer nothing and are not recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Notification

from application.app import ChengxinApp
from application.audit_projection import RECONSTRUCTED, StreamKind
from application.disclosure_as_of import Disclosure, disclosed_as_of, registers_as_of
from application.integrity import Checkpoint, IntegrityReport, Progress, SealedLog
from application.ports import Row
from application.timeline import (
    Basis,
    Stored,
    city_day,
    decided_by,
    event_data,
    parse_moment,
    reconstruct,
    recorded_by,
)
from domain.audit import AuditQuery, AuditRead
from domain.case import Case
from domain.entry import ListEntry
from domain.errors import InvalidIdentifier, NotFound
from domain.identifiers import Scheme
from domain.repair import RepairApplication
from domain.subject import (
    Subject,
    SubjectKind,
    check_identifier,
    subject_id_for,
    validate_identifier,
)

READ_BATCH = 1000


@dataclass(frozen=True)
class SubjectEvent:
    kind: StreamKind
    notification: Notification


class AuditQueries(Protocol):
    def events_of_subject(
        self, subject_id: UUID, after: int, limit: int, kinds: Sequence[StreamKind]
    ) -> Sequence[SubjectEvent]:
        """Stored events of the subject's aggregates of these kinds, in position order."""

    def audit_log(self, after: int, limit: int) -> list[Row]: ...


class Timepiece(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class HistoryItem:
    position: int
    recorded_at: datetime
    aggregate: str
    aggregate_id: UUID
    version: int
    type: str
    actor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class StateAsOf:
    as_of: datetime
    day: date
    basis: Basis
    subject: Subject | None
    cases: list[Case]
    entries: list[ListEntry]
    repairs: list[RepairApplication]


class AuditService:
    def __init__(
        self,
        app: ChengxinApp,
        reader: AuditQueries,
        sealed: SealedLog,
        time: Timepiece,
        public_id: Callable[[UUID], UUID],
    ) -> None:
        self.app = app
        self.reader = reader
        self.sealed = sealed
        self.time = time
        self.public_id = public_id  # the id the public site shows for an entry

    def moment(self, as_of: str | None) -> datetime:
        """The moment asked for (see `parse_moment`); none means now."""
        now = self.time.now()
        return now if as_of is None else parse_moment(as_of, now)

    def history(self, subject_id: UUID, after: int, limit: int) -> list[HistoryItem]:
        found = self.reader.events_of_subject(subject_id, after, limit, tuple(StreamKind))
        if not found and after == 0:
            raise _unknown(subject_id)
        items = [self._item(e) for e in found]
        self._record(AuditQuery.HISTORY, subject_id, None, f"after position {after}")
        return items

    def state_as_of(
        self, subject_id: UUID, moment: datetime, basis: Basis = Basis.DECIDED
    ) -> StateAsOf:
        streams = self._streams_as_of(subject_id, RECONSTRUCTED, moment, basis)
        if not streams and not self.app.exists(subject_id):
            raise _unknown(subject_id)
        aggregates = [reconstruct([stored.event for stored in stream]) for stream in streams]
        self._record(AuditQuery.STATE, subject_id, moment, f"basis {basis.value}")
        return StateAsOf(
            as_of=moment,
            day=city_day(moment),
            basis=basis,
            subject=next((a for a in aggregates if isinstance(a, Subject)), None),
            cases=[a for a in aggregates if isinstance(a, Case)],
            entries=[a for a in aggregates if isinstance(a, ListEntry)],
            repairs=[a for a in aggregates if isinstance(a, RepairApplication)],
        )

    def disclosure_as_of(
        self,
        identifier: str,
        moment: datetime,
        basis: Basis = Basis.DECIDED,
        nationality: str | None = None,
    ) -> Disclosure:
        """What the public site showed of the subject at the moment: the live rule, applied to
        the subject and its entries, licences and commitments as they stood then (by `basis`),
        on that day. A passport number is named with its `nationality`."""
        subject_id = subject_id_for(valid_identifier(identifier, nationality), nationality)
        kinds = (StreamKind.SUBJECT, StreamKind.ENTRY, StreamKind.LICENCE, StreamKind.COMMITMENT)
        streams = self._streams_as_of(subject_id, kinds, moment, basis)
        day = city_day(moment)
        licences, commitments = registers_as_of(streams, day)
        entries = [
            replace(record, entry_id=self.public_id(record.entry_id))
            for record in disclosed_as_of(streams, day)
        ]
        licences = [replace(held, licence_id=self.public_id(held.licence_id)) for held in licences]
        commitments = [
            replace(taken, commitment_id=self.public_id(taken.commitment_id))
            for taken in commitments
        ]
        self._record(AuditQuery.DISCLOSURE, subject_id, moment, f"basis {basis.value}")
        return Disclosure(entries, licences, commitments)

    def check_integrity(
        self, on_progress: Progress | None = None, anchor: Checkpoint | None = None
    ) -> IntegrityReport:
        """Every event against its seal; with an `anchor`, against that checkpoint too."""
        report = self.sealed.verify(on_progress, anchor)
        against = "" if anchor is None else f" against the checkpoint at {anchor.position}"
        self._record(AuditQuery.INTEGRITY, None, None, report.summary() + against)
        return report

    def checkpoint(self) -> Checkpoint:
        """The chain's head now, signed with the seal key, to be kept elsewhere."""
        return self.sealed.checkpoint(self.time.now())

    def log(self, after: int, limit: int) -> list[Row]:
        rows = self.reader.audit_log(after, limit)
        self._record(AuditQuery.LOG, None, None, f"after {after}")
        return rows

    def _item(self, found: SubjectEvent) -> HistoryItem:
        event: Any = self.app.mapper.to_domain_event(found.notification)
        return HistoryItem(
            position=found.notification.id,
            recorded_at=event.timestamp,
            aggregate=found.kind.value,
            aggregate_id=event.originator_id,
            version=event.originator_version,
            type=type(event).__qualname__,
            actor=event.actor,
            data=event_data(event),
        )

    def _streams_as_of(
        self, subject_id: UUID, kinds: Sequence[StreamKind], moment: datetime, basis: Basis
    ) -> list[list[Stored]]:
        """Each aggregate's events as they stood at the moment (recorded by it, or in effect on
        its day by what is recorded now), from one ordered read of the subject's events:
        folding them is what `repository.get(id, version=v)` does."""
        streams: dict[UUID, list[Stored]] = {}
        for found in self._all_events(subject_id, kinds):
            event: Any = self.app.mapper.to_domain_event(found.notification)
            streams.setdefault(event.originator_id, []).append(Stored(found.notification.id, event))
        day = city_day(moment)
        return [
            then
            for stream in streams.values()
            if (
                then := recorded_by(stream, moment)
                if basis is Basis.RECORDED
                else decided_by(stream, day)
            )
        ]

    def _all_events(self, subject_id: UUID, kinds: Sequence[StreamKind]) -> Iterator[SubjectEvent]:
        after = 0
        while batch := self.reader.events_of_subject(subject_id, after, READ_BATCH, kinds):
            yield from batch
            after = batch[-1].notification.id

    def _record(
        self,
        query: AuditQuery,
        subject_id: UUID | None,
        as_of: datetime | None,
        detail: str | None = None,
    ) -> None:
        self.app.save(AuditRead(query=query, subject_id=subject_id, as_of=as_of, detail=detail))


def valid_identifier(identifier: str, nationality: str | None = None) -> str:
    """A personal document's number or a unified social credit code, in compact form; with a
    nationality, a passport number."""
    if nationality:
        return check_identifier(
            SubjectKind.NATURAL_PERSON, identifier, None, Scheme.PASSPORT, nationality
        ).compact
    for kind in (SubjectKind.NATURAL_PERSON, SubjectKind.LEGAL_PERSON):
        try:
            return validate_identifier(kind, identifier)
        except InvalidIdentifier:
            continue
    raise InvalidIdentifier(
        f"{identifier!r} is neither a valid resident id nor a valid uscc", field="identifier"
    )


def _unknown(subject_id: UUID) -> NotFound:
    return NotFound(f"nothing is recorded about subject {subject_id}", id=str(subject_id))

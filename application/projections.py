"""Read models as projections of the event log.

A projection is one piece of code that serves both the live update (inside the transaction that
records the events, so a command's effect is visible to the very next request) and a full rebuild
from the log. Each keeps its (version, position): events at or below the position are never
applied twice, and a projection whose code version changed is rebuilt, so read-model tables need
no hand-written migrations.
"""

from __future__ import annotations

import logging
from abc import ABC
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any, ClassVar, Protocol
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.persistence import Mapper, Notification, Recording

from application.ports import EventLog, ProjectionPositions, ViewWriter, WriteUnit

log = logging.getLogger("chengxin.projections")
Handler = Callable[[Any, int, ViewWriter], None]
Progress = Callable[[int, int], None]
BATCH = 1000
STAGE_LIVE_FROM = 100  # events in one save


class StagedWriter(ViewWriter, Protocol):
    """A writer for replays that may hold rows back until `flush` (in bulk is faster)."""

    def flush(self) -> None: ...

    def finish(self) -> None: ...

    def expect(self, ids: Iterable[str]) -> None: ...


Staging = Callable[[ViewWriter], StagedWriter]


class Projection(ABC):
    name: ClassVar[str]
    version: ClassVar[int]
    views: ClassVar[tuple[str, ...]]

    def __init__(self) -> None:
        self._handlers: dict[type, Handler] = {}

    def on(self, event_type: type, handler: Handler) -> None:
        self._handlers[event_type] = handler

    def handles(self, event: Any) -> bool:
        return type(event) in self._handlers

    def handler(self, event_type: type) -> Handler | None:
        return self._handlers.get(event_type)

    def apply(self, event: Any, position: int, writer: ViewWriter) -> None:
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event, position, writer)

    def reset(self, writer: ViewWriter) -> None:
        for view in self.views:
            writer.clear(view)

    def keys_read(self, event: Any) -> Iterable[str]:
        """Keys other than the event's own ids by which this projection reads its views for
        the event: a bulk save reads them ahead with the ids, in one query per view."""
        return ()


class Projector:
    """Keeps every projection up to date: live, on catch-up and on rebuild."""

    def __init__(
        self,
        projections: Sequence[Projection],
        mapper: Mapper[Any],
        log: EventLog,
        unit: WriteUnit,
        staging: Staging | None = None,
    ) -> None:
        self.projections = list(projections)
        self.mapper = mapper
        self.log = log
        self.unit = unit
        self.staging = staging

    def apply_live(
        self,
        writer: ViewWriter,
        positions: ProjectionPositions,
        recordings: Sequence[Recording[Any]],
    ) -> None:
        if not recordings:
            return
        staged = None
        if self.staging is not None and len(recordings) >= STAGE_LIVE_FROM:
            writer = staged = self.staging(writer)  # a bulk save (an import): rows in bulk too
            events = [r.domain_event for r in recordings]
            staged.expect(chain(ids_in(events), self._keys_read(events)))
        last = recordings[-1].notification.id
        stored = positions.all()  # one read and one write of positions per save, not per view
        advanced = []
        for projection in self.projections:
            version, done = stored.get(projection.name, (None, 0))
            if version != projection.version:
                continue  # not built yet at this version: catch-up builds it whole
            for recording in recordings:
                if recording.notification.id > done:
                    projection.apply(recording.domain_event, recording.notification.id, writer)
            advanced.append(projection.name)
        positions.advance(advanced, last)
        if staged is not None:
            staged.flush()

    def _keys_read(self, events: Sequence[Any]) -> Iterator[str]:
        for projection in self.projections:
            for event in events:
                yield from projection.keys_read(event)

    def catch_up(self, on_progress: Progress | None = None) -> int:
        """Build projections that are new or changed, then apply what they missed."""
        with self._replaying() as (writer, positions):
            behind: list[tuple[Projection, int]] = []
            for projection in self.projections:
                stored = positions.get(projection.name)
                if stored is None or stored[0] != projection.version:
                    log.info(
                        "building the read model %s (version %d) from the first event",
                        projection.name,
                        projection.version,
                    )
                    projection.reset(writer)
                    behind.append((projection, 0))
                elif stored[1] < self.log.max_position():
                    behind.append((projection, stored[1]))
            return self._replay(writer, positions, behind, on_progress)

    def rebuild(
        self, on_progress: Progress | None = None, only: Collection[str] | None = None
    ) -> tuple[int, int]:
        """Every projection (or those named) from the first event; readers see the old rows
        until commit."""
        chosen = [p for p in self.projections if only is None or p.name in only]
        with self._replaying() as (writer, positions):
            for projection in chosen:
                projection.reset(writer)
            events = self._replay(writer, positions, [(p, 0) for p in chosen], on_progress)
        return events, len(chosen)

    @contextmanager
    def _replaying(self) -> Iterator[tuple[ViewWriter, ProjectionPositions]]:
        """The replay's one transaction, its rows staged and written in bulk at the end."""
        with self.unit.transaction() as (writer, positions):
            if self.staging is None:
                yield writer, positions
                return
            staged = self.staging(writer)
            yield staged, positions
            staged.finish()

    def _replay(
        self,
        writer: ViewWriter,
        positions: ProjectionPositions,
        behind: Iterable[tuple[Projection, int]],
        on_progress: Progress | None,
    ) -> int:
        behind = list(behind)
        if not behind:
            return 0
        start = min(position for _, position in behind)
        total = self.log.max_position()
        count = 0
        routes: dict[type, list[tuple[Handler, int]]] = {}  # who handles each event type
        for batch in self._batches(start):
            for notification in batch:
                event = self.mapper.to_domain_event(notification)
                route = routes.get(type(event))
                if route is None:
                    route = routes[type(event)] = self._route(type(event), behind)
                for handler, done in route:
                    if notification.id > done:
                        handler(event, notification.id, writer)
            count += len(batch)
            if on_progress is not None:
                on_progress(batch[-1].id, total)
        for projection, _ in behind:
            positions.put(projection.name, projection.version, total)
        return count

    @staticmethod
    def _route(event_type: type, behind: list[tuple[Projection, int]]) -> list[tuple[Handler, int]]:
        route = [(p.handler(event_type), done) for p, done in behind]
        return [(handler, done) for handler, done in route if handler is not None]

    def _batches(self, after: int) -> Iterable[Sequence[Notification]]:
        while True:
            batch: Sequence[Notification] = self.log.read(after, BATCH)
            if not batch:
                return
            yield batch
            after = batch[-1].id


def ids_in(events: Iterable[Any]) -> Iterator[str]:
    """Every id an event names (its aggregate's, a subject's, ...): what views are keyed by."""
    for event in events:
        for value in vars(event).values():
            if isinstance(value, UUID):
                yield str(value)


class StateFolder:
    """The state of an aggregate right after a given event, for projections that need the
    whole record (the public site's masking, for one). Folds events onto a bounded cache and
    reads the repository only when the cache does not hold the version just before."""

    def __init__(self, repository: Repository[UUID], maxsize: int = 10_000) -> None:
        self.repository = repository
        self.maxsize = maxsize
        self._cache: OrderedDict[UUID, Any] = OrderedDict()

    def after(self, event: Any) -> Any:
        aggregate_id: UUID = event.originator_id
        aggregate = self._cache.pop(aggregate_id, None)
        previous = event.originator_version - 1
        if aggregate is not None and aggregate.version != previous:
            aggregate = None
        if aggregate is None and previous >= 1:
            aggregate = self.repository.get(aggregate_id, version=previous)
        aggregate = event.mutate(aggregate)
        self._cache[aggregate_id] = aggregate
        if len(self._cache) > self.maxsize:
            self._cache.popitem(last=False)
        return aggregate

    def clear(self) -> None:
        self._cache.clear()

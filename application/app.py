"""The one event-sourced application that holds every Chengxin aggregate.

One application means one global order of events: projections, audit history and the seal chain
all follow it. Every save goes through the write unit, so that events, their seals and the read
models they change commit together or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Recording, Transcoder
from eventsourcing.utils import register_topic

import domain
from application.ports import EventPositions, WriteUnit
from application.transcodings import FastJSONTranscoder, register_all
from domain.base import AttributedAggregate
from domain.errors import DamagedRecord, NotFound, VersionConflict

T = TypeVar("T", bound=AttributedAggregate)
log = logging.getLogger("chengxin.records")

# Stores written before the layers moved to the top level name their events `chengxin.domain.…`.
LEGACY_DOMAIN_TOPIC = "chengxin.domain"
register_topic(LEGACY_DOMAIN_TOPIC, domain)


def not_found(what: str, aggregate_id: UUID) -> NotFound:
    """What a missing record answers; a record the caller may not see answers the same."""
    return NotFound(f"{what} {aggregate_id} does not exist", id=str(aggregate_id))


class ChengxinApp(Application[UUID]):
    name = "chengxin"

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(env=env)
        self.write_unit: WriteUnit | None = None
        self.positions: EventPositions | None = None
        self._damage_logged: set[tuple[UUID, int | None]] = set()

    def construct_transcoder(self) -> Transcoder:
        transcoder = FastJSONTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_all(transcoder)

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        def write() -> list[Recording[UUID]]:
            return super(ChengxinApp, self)._record(processing_event)

        try:
            if self.write_unit is None:
                return write()
            return self.write_unit.record(write)
        except IntegrityError:
            raise VersionConflict(
                "someone else changed this record at the same moment; reload and try again"
            ) from None

    def load(self, kind: type[T], aggregate_id: UUID, what: str) -> T:
        """The aggregate, or NotFound naming what was looked for."""
        try:
            aggregate: Any = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise not_found(what, aggregate_id) from None
        except Exception as error:
            damage = self.find_damage(aggregate_id)
            if damage is None:
                raise
            raise damage from error
        if not isinstance(aggregate, kind):
            raise not_found(what, aggregate_id)
        return aggregate

    def find_damage(self, aggregate_id: UUID) -> DamagedRecord | None:
        """Replays the stored events one by one: the first that cannot be decoded or applied
        names the damage (logged once per process); None when every one replays."""
        aggregate: Any = None
        for stored in self.recorder.select_events(aggregate_id):
            try:
                event: Any = self.mapper.to_domain_event(stored)
                aggregate = event.mutate(aggregate)
            except Exception as error:
                return self._damaged(aggregate_id, stored.originator_version, error)
        return None

    def _damaged(self, aggregate_id: UUID, version: int, error: Exception) -> DamagedRecord:
        position = (
            None if self.positions is None else self.positions.position_of(aggregate_id, version)
        )
        if (aggregate_id, position) not in self._damage_logged:
            self._damage_logged.add((aggregate_id, position))
            log.error(
                "damaged record: aggregate %s, version %d, position %s cannot be replayed (%s)",
                aggregate_id,
                version,
                position,
                type(error).__name__,
            )
        return DamagedRecord(
            f"the stored record {aggregate_id} is damaged at position {position}: it cannot be "
            "read; the integrity check tells more",
            aggregate_id=str(aggregate_id),
            position=position,
        )

    def exists(self, aggregate_id: UUID) -> bool:
        return self.latest_version(aggregate_id) is not None

    def latest_version(self, aggregate_id: UUID) -> int | None:
        """The stored version of an aggregate (None: there is none), read without a replay."""
        if self.positions is not None:
            return self.positions.latest_version(aggregate_id)
        if aggregate_id not in self.repository:
            return None
        return int(self.repository.get(aggregate_id).version)

    def load_expected(
        self,
        kind: type[T],
        aggregate_id: UUID,
        what: str,
        expected_version: int | None,
        visible: Callable[[T], None] | None = None,
    ) -> T:
        """Load for a command; a stale If-Match version is a conflict. `visible` refuses what
        the caller may not see before the version is compared, so a conflict never tells."""
        aggregate = self.load(kind, aggregate_id, what)
        if visible is not None:
            visible(aggregate)
        if expected_version is not None and aggregate.version != expected_version:
            raise VersionConflict(
                f"{what} is at version {aggregate.version}, not {expected_version}",
                current_version=aggregate.version,
            )
        return aggregate

    def save_all(self, *aggregates: Any) -> None:
        self.save(*aggregates)

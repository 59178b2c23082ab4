"""The base of every Chengxin aggregate: who did it is recorded on every event.

The acting user is set once per command (a context variable), never threaded through every
signature. Event bodies only change state; checks live in the public command methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Self

from eventsourcing.domain import Aggregate, CanInitAggregate, CanMutateAggregate

SYSTEM_ACTOR = "system"

_actor: ContextVar[str] = ContextVar("chengxin_actor", default=SYSTEM_ACTOR)


def current_actor() -> str:
    return _actor.get()


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Every event triggered inside the block records `actor` as the one who acted."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


class AttributedAggregate(Aggregate):
    """An aggregate whose every event says who acted."""

    class Event(Aggregate.Event):
        actor: str

    class Created(Event, Aggregate.Created):
        pass

    @classmethod
    def _create(
        cls,
        event_class: type[CanInitAggregate[Any]],
        *,
        id: Any = None,
        **kwargs: Any,
    ) -> Self:
        kwargs.setdefault("actor", current_actor())
        return super()._create(event_class, id=id, **kwargs)

    def trigger_event(self, event_class: type[CanMutateAggregate[Any]], **kwargs: Any) -> None:
        kwargs.setdefault("actor", current_actor())
        super().trigger_event(event_class, **kwargs)


def set_current_actor(actor: str) -> None:
    """For a request that runs in its own context: everything after this acts as `actor`."""
    _actor.set(actor)

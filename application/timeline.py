"""Reading the log as a timeline: moments, what was recorded by one, and events as plain data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any, Protocol, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.errors import ValidationFailed

CITY = ZoneInfo("Asia/Shanghai")
# The days a request may name: wide enough for any real record, narrow enough that a day and a
# moment on it stay representable in every zone (date.max + a day, or 9999-12-31 in UTC, is not)
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)
MAX_POSITION = 2**63 - 1  # positions, sequence numbers and cursors are BIGINTs in every store
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$")
# "…T10:00:00+08:00" typed into a URL arrives as "…T10:00:00 08:00": a query's + is a space
UNENCODED_PLUS = re.compile(r"(:\d{2}(?:\.\d{1,6})?) (\d{2}:\d{2})$")
# The fields that say when a business fact took effect, in the order they are looked for: an
# entry's decision and publication, its end, an objection's or a repair's steps, a case's.
EFFECTIVE_FIELDS = (
    "decision_date",
    "published_on",
    "expired_on",
    "repaired_on",
    "revoked_on",
    "resolved_on",
    "performed_on",
    "applied_on",
    "served_on",
    "received_on",
    "filed_on",
    "accepted_on",
    "rejected_on",
    "approved_on",
    "denied_on",
    "withdrawn_on",
    "opened_on",
    "closed_on",
    "checked_on",
    "signed_on",
    "found_on",
    "fulfilled_on",
)
ENVELOPE = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "actor"}
)


class Recorded(Protocol):
    @property
    def timestamp(self) -> datetime: ...


E = TypeVar("E", bound=Recorded)


def parse_moment(text: str, now: datetime) -> datetime:
    """An RFC 3339 timestamp, or a date meaning the end of that day in the city, in UTC.
    A moment in the future means now: nothing was recorded after now."""
    value = UNENCODED_PLUS.sub(r"\1+\2", text.strip())
    try:
        moment = _moment_of(value)
    except ValueError:
        raise ValidationFailed(
            f"as_of must be an RFC 3339 timestamp with an offset or a date, not {text!r}",
            field="as_of",
        ) from None
    if not EARLIEST_DAY <= moment.date() <= LATEST_DAY:
        raise ValidationFailed(
            f"as_of must fall between {EARLIEST_DAY} and {LATEST_DAY}, not {text!r}",
            field="as_of",
        )
    return min(moment, now).astimezone(UTC)


def _moment_of(value: str) -> datetime:
    if DAY.match(value):
        day = date.fromisoformat(value)
        return datetime.combine(day, time.max, CITY)
    if RFC3339.match(value):
        return datetime.fromisoformat(value.upper())
    raise ValueError(value)


def city_day(moment: datetime) -> date:
    """The calendar day in the city at that moment: the day the rules are evaluated on."""
    return moment.astimezone(CITY).date()


@dataclass(frozen=True)
class Stored:
    """A stored event with its position in the log."""

    position: int
    event: Any

    @property
    def timestamp(self) -> datetime:
        moment: datetime = self.event.timestamp
        return moment


def recorded_by(events: Iterable[E], moment: datetime) -> list[E]:
    """An aggregate's events (in version order) as they stood at the moment: each version is
    recorded after the one before, so the first one recorded later ends them."""
    prefix: list[E] = []
    for event in events:
        if event.timestamp > moment:
            break
        prefix.append(event)
    return prefix


class Basis(Enum):
    """How "as of" reads the log: by the dates the facts took effect (`decided`), or by what
    had been recorded by the moment (`recorded`)."""

    DECIDED = "decided"
    RECORDED = "recorded"


def took_effect_on(event: object) -> date | None:
    """The date the event's business fact took effect, where it has one of its own."""
    for name in EFFECTIVE_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, date):
            return value
    return None


def decided_by(events: Iterable[E], day: date) -> list[E]:
    """An aggregate's events (in version order) as the facts stood on the day, by the dates
    they took effect, whenever they were recorded. An event without a date of its own (a
    registration, a rename, a correction, an extension) takes effect with the fact before it;
    a stream's first fact without one (a subject's registration) counts from the beginning.
    The first fact that took effect after the day ends the stream: later versions build on it."""
    prefix: list[E] = []
    effective = date.min
    for event in events:
        effective = took_effect_on(getattr(event, "event", event)) or effective
        if effective > day:
            break
        prefix.append(event)
    return prefix


def reconstruct(events: Sequence[Any]) -> Any:
    """The aggregate these events make, as `repository.get(id, version=len(events))` would."""
    aggregate = None
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def event_data(event: object) -> dict[str, Any]:
    """The event's own fields (not who, when or which version: those are said apart)."""
    return {k: json_safe(v) for k, v in vars(event).items() if k not in ENVELOPE}


def json_safe(value: Any) -> Any:
    if isinstance(value, Enum):
        return json_safe(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return json_safe(asdict(value))
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    return value

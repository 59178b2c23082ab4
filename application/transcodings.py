"""How domain values are written into stored events and read back."""

from __future__ import annotations

from datetime import date
from enum import Enum
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.accounts import Role
from domain.audit import AuditQuery
from domain.case import Outcome
from domain.entry_values import ObjectionStatus
from domain.reference import ListType, Purpose, Severity
from domain.subject import SubjectKind


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EnumAsValue(Transcoding):
    """A plain Enum by its value (StrEnum would come back as a bare str)."""

    def __init__(self, enum_type: type[Enum]) -> None:
        self.type = enum_type
        self.name = f"enum:{enum_type.__name__}"

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        member: Enum = self.type(data)
        return member


ENUMS: list[type[Enum]] = [
    SubjectKind,
    Role,
    ListType,
    Severity,
    Purpose,
    Outcome,
    ObjectionStatus,
    AuditQuery,
]


def register_enum(enum_type: type[Enum]) -> type[Enum]:
    """Modules that add enums to events register them here."""
    if enum_type not in ENUMS:
        ENUMS.append(enum_type)
    return enum_type


def register_all(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for enum_type in ENUMS:
        transcoder.register(EnumAsValue(enum_type))


class FastJSONTranscoder(JSONTranscoder):
    """Reads stored events with orjson, several times faster than the json module (a rebuild
    decodes every event). A document orjson refuses (it is stricter about lone surrogates) or
    may have misread (integers beyond 64 bits become floats) is read the usual way. Writing
    stays with the json module, its encoder made once rather than per event: orjson writes
    dates, UUIDs and enums its own way, not as the registered transcodings do."""

    def __init__(self) -> None:
        super().__init__()
        # What `json.JSONEncoder.encode` builds anew for every event, built once (no circular
        # reference check: an event's state is a tree). None where json has no C speedups.
        self._encode_once = (
            None
            if c_make_encoder is None
            else c_make_encoder(
                None, self._encode_obj, encode_basestring, None, ":", ",", False, False, True
            )
        )

    def encode(self, obj: Any) -> bytes:
        if self._encode_once is None:
            return super().encode(obj)
        return "".join(self._encode_once(obj, 0)).encode("utf8")

    def decode(self, data: bytes) -> Any:
        try:
            return self._revive(orjson.loads(data))
        except (orjson.JSONDecodeError, _HasFloat):
            return super().decode(data)

    def _revive(self, value: Any) -> Any:
        """What the json module's object hook does: innermost objects first."""
        if type(value) is dict:
            return self._revive_object(value)
        if type(value) is list:
            return self._revive_list(value)
        if type(value) is float:
            raise _HasFloat
        return value

    def _revive_object(self, value: dict[str, Any]) -> Any:
        for key, item in value.items():
            kind = type(item)
            if kind is dict:
                value[key] = self._revive_object(item)
            elif kind is list:
                value[key] = self._revive_list(item)
            elif kind is float:
                raise _HasFloat
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            transcoding = self.names.get(value["_type_"])
            if transcoding is None:
                return self._decode_obj(value)  # its error names the type
            return transcoding.decode(value["_data_"])
        return value

    def _revive_list(self, value: list[Any]) -> list[Any]:
        return [self._revive(item) for item in value]


class _HasFloat(Exception):
    """orjson reads an integer beyond 64 bits as a float: a document with a float in it (events
    rarely have one) is read again by the json module."""

"""How domain values are written into stored events and read back."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from chengxin.domain.accounts import Role
from chengxin.domain.audit import AuditQuery
from chengxin.domain.case import Outcome
from chengxin.domain.entry import ObjectionStatus
from chengxin.domain.reference import ListType, Purpose, Severity
from chengxin.domain.subject import SubjectKind


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

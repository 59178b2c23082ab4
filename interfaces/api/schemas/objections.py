"""Objections: the request bodies (each builds its application command) and the answers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from application.objections import ExtendObjection, FileObjection, ResolveObjection
from domain.entry import ListEntry
from domain.entry_values import Channel, Objection
from interfaces.api.schemas.common import Body, Day, Text
from interfaces.api.schemas.entries import ObjectionOut


class NewObjection(Body):
    grounds: Text
    channel: Literal["window", "letter", "credit_china", "online"] | None = Field(
        None, description="filed by the deciding department on the subject's behalf: how it came"
    )
    received_on: Day | None = Field(
        None, description="on the subject's behalf: the day received (deadlines run from it)"
    )

    def command(self, entry_id: UUID, expected: int | None) -> FileObjection:
        return FileObjection(
            entry_id,
            self.grounds,
            expected,
            channel=Channel(self.channel) if self.channel else None,
            received_on=self.received_on,
        )


class ObjectionExtension(Body):
    reason: Text

    def command(self, entry_id: UUID, objection_id: UUID, expected: int | None) -> ExtendObjection:
        return ExtendObjection(entry_id, objection_id, self.reason, expected)


class Resolution(Body):
    outcome: Literal["upheld", "rejected"]
    reason: Text
    correction: dict[str, Annotated[str, Field(max_length=500)] | None] | None = Field(
        None,
        description="fields to correct; a null severity only where the list takes none (red)",
    )
    revoke: bool = False

    def command(self, entry_id: UUID, objection_id: UUID, expected: int | None) -> ResolveObjection:
        return ResolveObjection(
            entry_id=entry_id,
            objection_id=objection_id,
            upheld=self.outcome == "upheld",
            reason=self.reason,
            correction=self.correction,
            revoke=self.revoke,
            expected_version=expected,
        )


class FiledObjectionOut(ObjectionOut):
    """The new objection, with the entry it disputes and that entry's new version."""

    entry_id: UUID
    entry_version: int

    @classmethod
    def filed(cls, entry: ListEntry, objection: Objection) -> FiledObjectionOut:
        shown = ObjectionOut.of(objection).model_dump()
        return cls(**shown, entry_id=entry.id, entry_version=entry.version)


class ObjectionItem(ObjectionOut):
    overdue: bool


class EntryObjections(BaseModel):
    items: list[ObjectionItem]


class ObjectionRow(BaseModel):
    """An objection in the deciding departments' worklist."""

    objection_id: UUID
    entry_id: UUID
    subject_id: UUID
    department: str
    status: str
    filed_on: date
    deadline: date
    channel: str
    received_on: date
    position: int

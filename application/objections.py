"""Use cases of objections: a subject disputes a record; the deciding department resolves it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

from application.accounts import Principal
from application.app import ChengxinApp
from application.entries import end_open_repair
from application.permissions import require_deciding_department, require_may_read
from application.ports import Clock
from domain.accounts import Role
from domain.calendar import WorkingCalendar, add_working_days
from domain.entry import ListEntry
from domain.entry_values import Objection
from domain.errors import Forbidden
from domain.reference import ReferenceData


@dataclass(frozen=True)
class FileObjection:
    entry_id: UUID
    grounds: str
    expected_version: int | None = None


@dataclass(frozen=True)
class ExtendObjection:
    entry_id: UUID
    objection_id: UUID
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class ResolveObjection:
    """Upheld (with an optional correction of the record, or its revocation) or rejected."""

    entry_id: UUID
    objection_id: UUID
    upheld: bool
    reason: str
    correction: dict[str, Any] | None = None
    revoke: bool = False
    expected_version: int | None = None


class ObjectionService:
    def __init__(
        self, app: ChengxinApp, reference: ReferenceData, calendar: WorkingCalendar, clock: Clock
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock

    def _load(self, entry_id: UUID, expected_version: int | None) -> ListEntry:
        return self.app.load_expected(ListEntry, entry_id, "entry", expected_version)

    def file(self, principal: Principal, command: FileObjection) -> tuple[ListEntry, Objection]:
        def visible(entry: ListEntry) -> None:
            require_may_read(principal, entry.subject_id, "entry", command.entry_id)

        entry = self.app.load_expected(
            ListEntry, command.entry_id, "entry", command.expected_version, visible
        )
        if principal.role is not Role.SUBJECT:
            raise Forbidden("only the subject of a record objects to it")
        today = self.clock.today()
        regime = self.reference.regime_on(today)
        deadline = add_working_days(self.calendar, today, regime.objection_decide_working_days)
        objection_id = uuid4()
        entry.file_objection(objection_id, command.grounds, today, deadline)
        self.app.save(entry)
        return entry, entry.objection(objection_id)

    def extend(self, principal: Principal, command: ExtendObjection) -> ListEntry:
        """Once, with a reason, to the regime's extended deadline counted from filing."""
        entry = self._load(command.entry_id, command.expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        objection = entry.objection(command.objection_id)
        regime = self.reference.regime_on(objection.filed_on)
        deadline = add_working_days(
            self.calendar, objection.filed_on, regime.objection_extended_working_days
        )
        entry.extend_objection(command.objection_id, command.reason, deadline)
        self.app.save(entry)
        return entry

    def resolve(self, principal: Principal, command: ResolveObjection) -> ListEntry:
        entry = self._load(command.entry_id, command.expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        today = self.clock.today()
        open_repair = entry.open_repair_id
        entry.resolve_objection(
            command.objection_id,
            command.upheld,
            command.reason,
            today,
            correction=command.correction,
            revoke=command.revoke,
        )
        self.app.save(entry, *end_open_repair(self.app, open_repair, entry, today))
        return entry

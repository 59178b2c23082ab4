"""Use cases of objections: a subject disputes a record; the deciding department resolves it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from application.accounts import Principal
from application.app import ChengxinApp
from application.entries import EntryService, end_open_repair
from application.permissions import require_deciding_department, require_may_read
from application.ports import Clock
from domain.accounts import Role
from domain.calendar import WorkingCalendar, add_working_days
from domain.entry import ListEntry
from domain.entry_values import (
    TERM_FIELDS,
    Channel,
    Objection,
    Recomputed,
    corrected_value,
    corrected_values,
)
from domain.errors import Forbidden, ValidationFailed
from domain.list_terms import Facts, terms_of
from domain.reference import ListType, ReferenceData
from domain.rules import (
    decision_date_is_not_future,
    publish_deadline,
    red_list_excludes_dishonesty,
)


@dataclass(frozen=True)
class FileObjection:
    """The subject's own (online, today), or recorded by the deciding department on the
    subject's behalf with the channel it came by and the day it was received."""

    entry_id: UUID
    grounds: str
    expected_version: int | None = None
    channel: Channel | None = None
    received_on: date | None = None


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
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        calendar: WorkingCalendar,
        clock: Clock,
        entries: EntryService | None = None,
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock
        self.entries = entries  # to keep red and black apart when a list type is corrected

    def _load(self, entry_id: UUID, expected_version: int | None) -> ListEntry:
        return self.app.load_expected(ListEntry, entry_id, "entry", expected_version)

    def file(self, principal: Principal, command: FileObjection) -> tuple[ListEntry, Objection]:
        def visible(entry: ListEntry) -> None:
            require_may_read(principal, entry.subject_id, "entry", command.entry_id)

        entry = self.app.load_expected(
            ListEntry, command.entry_id, "entry", command.expected_version, visible
        )
        today = self.clock.today()
        channel, received_on = self._channel_of(principal, entry, command)
        received = received_on or today
        regime = self.reference.regime_on(received)
        deadline = add_working_days(self.calendar, received, regime.objection_decide_working_days)
        objection_id = uuid4()
        entry.file_objection(
            objection_id, command.grounds, today, deadline, channel.value, received_on
        )
        self.app.save(entry)
        return entry, entry.objection(objection_id)

    def _channel_of(
        self, principal: Principal, entry: ListEntry, command: FileObjection
    ) -> tuple[Channel, date | None]:
        """The subject objects online, today; the deciding department records one that came
        by another channel, with the day it was received (deadlines run from that day)."""
        if principal.role is Role.SUBJECT:
            if command.received_on is not None or command.channel not in (None, Channel.ONLINE):
                raise ValidationFailed(
                    "the channel and the day received are recorded by the department",
                    field="channel",
                )
            return Channel.ONLINE, None
        if principal.role not in (Role.OFFICER, Role.ADMIN):
            raise Forbidden("only the subject, or the deciding department on its behalf, objects")
        require_deciding_department(principal, entry.department, self.reference)
        if command.channel is None or command.received_on is None:
            missing = "channel" if command.channel is None else "received_on"
            raise ValidationFailed(
                "an objection filed on the subject's behalf names its channel and the day it "
                "was received",
                field=missing,
            )
        return command.channel, command.received_on

    def extend(self, principal: Principal, command: ExtendObjection) -> ListEntry:
        """Once, with a reason, to the regime's extended deadline counted from receipt."""
        entry = self._load(command.entry_id, command.expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        objection = entry.objection(command.objection_id)
        regime = self.reference.regime_on(objection.received)
        deadline = add_working_days(
            self.calendar, objection.received, regime.objection_extended_working_days
        )
        entry.extend_objection(command.objection_id, command.reason, deadline)
        self.app.save(entry)
        return entry

    def resolve(self, principal: Principal, command: ResolveObjection) -> ListEntry:
        entry = self._load(command.entry_id, command.expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        today = self.clock.today()
        open_repair = entry.open_repair_id
        changes = corrected_values(command.correction) if command.correction else {}
        terms = self._terms_after(entry, changes, today) if command.upheld else None
        entry.resolve_objection(
            command.objection_id,
            command.upheld,
            command.reason,
            today,
            correction=changes or None,
            revoke=command.revoke,
            terms=terms,
        )
        ended = self.entries.honours_ended_by(entry, today) if self.entries and terms else []
        self.app.save(entry, *end_open_repair(self.app, open_repair, entry, today), *ended)
        return entry

    def _terms_after(
        self, entry: ListEntry, changes: dict[str, Any], today: date
    ) -> Recomputed | None:
        """A correction of list type, severity or decision date: the terms the rules give the
        corrected facts, by the regime in force on the (corrected) decision date."""
        if not TERM_FIELDS & set(changes):
            return None
        facts = corrected_facts(entry, changes)
        decision_date_is_not_future(facts.decision_date, today)
        terms = terms_of(self.reference, facts)
        if self.entries is not None and facts.list_type is not entry.list_type:
            others = self.entries.dishonesty_of(entry.subject_id, today)
            red_list_excludes_dishonesty(facts.list_type, [i for i in others if i != str(entry.id)])
        by_rule = terms.repairable_by_rule
        return Recomputed(
            regime=terms.regime.code,
            special_list=terms.special.code if terms.special else None,
            min_end=terms.window.min_end,
            max_end=terms.window.max_end,
            publishable=terms.publishable,
            publish_deadline=publish_deadline(self.calendar, terms.regime, facts.decision_date),
            repairable=by_rule and entry.not_repairable_reason is None,
        )


def corrected_facts(entry: ListEntry, changes: dict[str, Any]) -> Facts:
    """The entry's facts as the correction leaves them (a red-list entry loses its severity)."""
    values = {name: corrected_value(name, value) for name, value in changes.items()}
    list_type = values.get("list_type", entry.list_type)
    severity = values.get("severity", entry.severity)
    return Facts(
        list_type=list_type,
        severity=None if list_type is ListType.RED else severity,
        decision_date=values.get("decision_date", entry.decision_date),
        domain=entry.domain,
        department=entry.department,
        subject_kind=entry.subject_kind,
        penalty_kind=entry.penalty_kind if list_type is ListType.PENALTY else None,
        extension_months=entry.extension_months,
    )

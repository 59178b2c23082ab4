"""Use cases of credit repair. Every step that touches the entry saves both together."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.permissions import (
    require_deciding_department,
    require_may_read,
    require_subject_or_deciding_department,
)
from application.ports import Clock
from domain.accounts import Role
from domain.calendar import WorkingCalendar, add_working_days
from domain.entry import ListEntry
from domain.errors import Forbidden
from domain.reference import ReferenceData
from domain.repair import RepairApplication, check_materials, repair_is_eligible


@dataclass(frozen=True)
class FileRepair:
    entry_id: UUID
    commitment_signed: bool
    obligations_evidence: list[str]
    note: str | None = None


@dataclass(frozen=True)
class AcceptRepair:
    """Accepted for a decision, or rejected as incomplete (with a reason)."""

    repair_id: UUID
    accepted: bool
    reason: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class DecideRepair:
    repair_id: UUID
    approved: bool
    reason: str
    false_materials: bool = False
    expected_version: int | None = None


class RepairService:
    def __init__(
        self, app: ChengxinApp, reference: ReferenceData, calendar: WorkingCalendar, clock: Clock
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock

    def get(self, repair_id: UUID) -> RepairApplication:
        return self.app.load(RepairApplication, repair_id, "repair application")

    def file(self, principal: Principal, command: FileRepair) -> RepairApplication:
        entry = self.app.load(ListEntry, command.entry_id, "entry")
        require_subject_or_deciding_department(
            principal,
            entry.subject_id,
            entry.department,
            self.reference,
            ("entry", command.entry_id),
        )
        evidence = command.obligations_evidence
        check_materials(command.commitment_signed, evidence)
        today = self.clock.today()
        repair_is_eligible(entry, today)
        regime = self.reference.regime_on(today)
        repair = RepairApplication(
            entry_id=entry.id,
            subject_id=entry.subject_id,
            department=entry.department,
            commitment_signed=command.commitment_signed,
            obligations_evidence=[item.strip() for item in evidence if item.strip()],
            note=command.note,
            filed_on=today,
            regime=regime.code,
            feedback_deadline=add_working_days(
                self.calendar, today, regime.repair_feedback_working_days
            ),
        )
        entry.open_repair(repair.id)
        self.app.save(repair, entry)
        return repair

    def _load(
        self, principal: Principal, repair_id: UUID, expected: int | None
    ) -> tuple[RepairApplication, ListEntry]:
        repair = self.app.load_expected(
            RepairApplication, repair_id, "repair application", expected
        )
        require_deciding_department(principal, repair.department, self.reference)
        return repair, self.app.load(ListEntry, repair.entry_id, "entry")

    def accept(self, principal: Principal, command: AcceptRepair) -> RepairApplication:
        repair, entry = self._load(principal, command.repair_id, command.expected_version)
        today = self.clock.today()
        if command.accepted:
            regime = self.reference.regime_on(repair.filed_on)
            deadline = add_working_days(self.calendar, today, regime.repair_decision_working_days)
            repair.accept(today, deadline)
            self.app.save(repair)
            return repair
        repair.reject(command.reason or "the application is incomplete", today)
        entry.close_repair(repair.id)
        self.app.save(repair, entry)
        return repair

    def decide(self, principal: Principal, command: DecideRepair) -> RepairApplication:
        """Approval repairs the entry in the same atomic save: publication ends, measures lift."""
        repair, entry = self._load(principal, command.repair_id, command.expected_version)
        today = self.clock.today()
        if command.approved:
            repair.approve(command.reason, today)
            entry.repair(repair.id, today)
        else:
            repair.deny(command.reason, command.false_materials, today)
            regime = self.reference.regime_on(repair.filed_on)
            entry.close_repair(repair.id, repair.bar_ends(regime.false_materials_bar_years))
        self.app.save(repair, entry)
        return repair

    def withdraw(
        self, principal: Principal, repair_id: UUID, expected: int | None = None
    ) -> RepairApplication:
        def visible(repair: RepairApplication) -> None:
            require_may_read(principal, repair.subject_id, "repair application", repair_id)

        repair = self.app.load_expected(
            RepairApplication, repair_id, "repair application", expected, visible
        )
        if principal.role is not Role.SUBJECT:
            raise Forbidden("only the subject who applied may withdraw the application")
        entry = self.app.load(ListEntry, repair.entry_id, "entry")
        repair.withdraw(self.clock.today())
        entry.close_repair(repair.id)
        self.app.save(repair, entry)
        return repair

"""What happens to a demo entry after the decision: measures, objections, rectification, repair.

Outcomes are dealt in turn from fixed cycles, so the city always holds objections and repair
applications in every state; those still open were filed recently, the overdue ones not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import cycle
from uuid import UUID

from application.accounts import Principal
from application.entries import ApplyMeasure, EntryService, RecordRectification
from application.objections import (
    ExtendObjection,
    FileObjection,
    ObjectionService,
    ResolveObjection,
)
from application.repairs import AcceptRepair, DecideRepair, FileRepair, RepairService
from demo.services import DemoServices
from domain.accounts import Role
from domain.base import acting_as
from domain.entry import ListEntry
from domain.entry_values import EntryStatus
from domain.reference import ListType
from domain.subject import SubjectKind
from infrastructure.clock import FixedClock

OPEN_OBJECTIONS = ("open", "overdue", "extended")
CLOSED_OBJECTIONS = ("upheld_corrected", "rejected", "upheld_revoked", "rejected")
OPEN_REPAIRS = ("filed", "accepted", "filed_overdue")
CLOSED_REPAIRS = ("approved", "rejected", "approved", "denied", "withdrawn", "approved")


@dataclass
class Cyclers:
    open_objections: cycle[str] = field(default_factory=lambda: cycle(OPEN_OBJECTIONS))
    closed_objections: cycle[str] = field(default_factory=lambda: cycle(CLOSED_OBJECTIONS))
    open_repairs: cycle[str] = field(default_factory=lambda: cycle(OPEN_REPAIRS))
    closed_repairs: cycle[str] = field(default_factory=lambda: cycle(CLOSED_REPAIRS))


def diligence(domain_number: int) -> float:
    """How keenly a domain's subjects rectify: it makes some domains meet the target."""
    return 0.3 + (domain_number * 37 % 60) / 100


def subject_of(entry: ListEntry) -> Principal:
    return Principal(f"subject.{entry.identifier}", Role.SUBJECT, subject_id=entry.subject_id)


class Aftermath:
    def __init__(
        self,
        services: DemoServices,
        clock: FixedClock,
        rng: random.Random,
        today: date,
        cyclers: Cyclers,
    ) -> None:
        app, reference, calendar = services.app, services.reference, services.calendar
        self.reference = reference
        self.clock = clock
        self.rng = rng
        self.today = today
        self.cyclers = cyclers
        self.entries = EntryService(app, reference, calendar, clock, services.worklists)
        self.objections = ObjectionService(app, reference, calendar, clock)
        self.repairs = RepairService(app, reference, calendar, clock)
        self.account_subject: UUID | None = None

    def _on(self, day: date) -> bool:
        """Move the clock to `day` if that is no later than today."""
        if day > self.today:
            return False
        self.clock.day = day
        return True

    def follow(self, officer: Principal, entry: ListEntry) -> None:
        if not entry.is_active_on(entry.recorded_on):
            return  # recorded after its window closed: nothing more happens to it
        self._measures(officer, entry)
        if entry.list_type is ListType.RED:
            return
        number = self.reference.domain(entry.domain).number
        roll = self.rng.random()
        if entry.status is EntryStatus.PUBLISHED and roll < 0.15:
            self._objection(officer, entry)
        elif roll < diligence(number):
            self._rectify(officer, entry)

    def _measures(self, officer: Principal, entry: ListEntry) -> None:
        measures = self.reference.measures_for(entry.list_type, entry.domain)
        if not measures or self.rng.random() < 0.3:
            return
        chosen = self.rng.sample(measures, min(len(measures), self.rng.choice((1, 2))))
        for number, measure in enumerate(chosen, start=1):
            if not self._on(entry.recorded_on + timedelta(days=number)):
                return
            if entry.is_active_on(self.clock.day):
                with acting_as(officer.actor):
                    self.entries.apply_measure(
                        officer, ApplyMeasure(entry.id, measure.code, "联合奖惩")
                    )

    def _is_current(self, entry: ListEntry) -> bool:
        return entry.max_end > self.today + timedelta(days=10)

    def _objection(self, officer: Principal, entry: ListEntry) -> None:
        if self._is_current(entry) and entry.recorded_on < self.today - timedelta(days=30):
            self._open_objection(officer, entry, next(self.cyclers.open_objections))
            return
        filed = entry.recorded_on + timedelta(days=self.rng.randrange(5, 30))
        if filed + timedelta(days=5) >= min(self.today, entry.max_end):
            return
        self._remember(entry)
        outcome = next(self.cyclers.closed_objections)
        self.clock.day = filed
        with acting_as(subject_of(entry).actor):
            _, objection = self.objections.file(
                subject_of(entry), FileObjection(entry.id, "认定事实有误")
            )
        self.clock.day = filed + timedelta(days=3)
        with acting_as(officer.actor):
            self.objections.resolve(
                officer,
                ResolveObjection(
                    entry.id,
                    objection.id,
                    upheld=outcome != "rejected",
                    reason="经复核" + ("，异议不成立" if outcome == "rejected" else "，异议成立"),
                    correction={"legal_basis": entry.legal_basis + "（更正）"}
                    if outcome == "upheld_corrected"
                    else None,
                    revoke=outcome == "upheld_revoked",
                ),
            )

    def _open_objection(self, officer: Principal, entry: ListEntry, outcome: str) -> None:
        self._remember(entry)
        days = {"open": 1, "overdue": 25, "extended": 8}[outcome]
        self.clock.day = self.today - timedelta(days=days)
        with acting_as(subject_of(entry).actor):
            _, objection = self.objections.file(
                subject_of(entry), FileObjection(entry.id, "已履行全部义务")
            )
        if outcome == "extended":
            self.clock.day = self.today - timedelta(days=2)
            with acting_as(officer.actor):
                self.objections.extend(
                    officer, ExtendObjection(entry.id, objection.id, "需会同其他单位核查")
                )

    def _rectify(self, officer: Principal, entry: ListEntry) -> None:
        performed = entry.recorded_on + timedelta(days=self.rng.randrange(20, 90))
        if performed >= entry.max_end or not self._on(performed):
            return
        subject = subject_of(entry)
        with acting_as(subject.actor):
            self.entries.record_rectification(
                subject,
                RecordRectification(entry.id, "已整改到位并消除不良影响", performed, ["整改报告"]),
            )
        verified = performed + timedelta(days=self.rng.randrange(3, 15))
        if (
            self.rng.random() < 0.85
            and self._on(verified)
            and entry.status is not EntryStatus.REVOKED
        ):
            with acting_as(officer.actor):
                self.entries.verify_rectification(officer, entry.id, "经核查，整改属实")
        if entry.repairable and self.rng.random() < 0.5:
            self._repair(entry, performed)

    def _repair(self, entry: ListEntry, rectified: date) -> None:
        earliest = max(entry.min_end, rectified) + timedelta(days=1)
        if self._is_current(entry) and earliest < self.today - timedelta(days=35):
            outcome = next(self.cyclers.open_repairs)
            days = {"filed": 2, "accepted": 6, "filed_overdue": 30}[outcome]
            filed = self.today - timedelta(days=days)
        else:
            outcome = next(self.cyclers.closed_repairs)
            filed = earliest + timedelta(days=self.rng.randrange(1, 30))
            if filed + timedelta(days=10) >= min(self.today, entry.max_end):
                return
        self._remember(entry)
        self.clock.day = filed
        subject = subject_of(entry)
        regime = self.reference.regime_on(entry.decision_date)
        trained = entry.severity in regime.repair_training_required_for
        certificate = f"XYPX-{filed.year}-{str(entry.id)[:8].upper()}" if trained else None
        with acting_as(subject.actor):
            repair = self.repairs.file(
                subject,
                FileRepair(
                    entry.id,
                    True,
                    ["罚款缴纳凭证"],
                    "申请信用修复",
                    training_certificate_no=certificate,
                ),
            )
        self._decide_repair(entry, repair.id, outcome, filed)

    def _decide_repair(self, entry: ListEntry, repair_id: UUID, outcome: str, filed: date) -> None:
        if outcome in {"filed", "filed_overdue"}:
            return
        officer = Principal(f"officer.{entry.department}", Role.OFFICER, entry.department)
        if outcome == "withdrawn":
            self.clock.day = filed + timedelta(days=2)
            with acting_as(subject_of(entry).actor):
                self.repairs.withdraw(subject_of(entry), repair_id)
            return
        self.clock.day = filed + timedelta(days=2)
        with acting_as(officer.actor):
            self.repairs.accept(
                officer, AcceptRepair(repair_id, outcome != "rejected", "材料不齐全")
            )
            if outcome in {"approved", "denied"}:
                self.clock.day = filed + timedelta(days=5)
                self.repairs.decide(
                    officer,
                    DecideRepair(
                        repair_id,
                        approved=outcome == "approved",
                        reason="符合信用修复条件" if outcome == "approved" else "修复材料不实",
                        false_materials=outcome == "denied",
                    ),
                )

    def _remember(self, entry: ListEntry) -> None:
        person = entry.subject_kind is SubjectKind.NATURAL_PERSON
        if self.account_subject is None and person:
            self.account_subject = entry.subject_id

"""Use cases of list entries: record a decision, apply measures, rectify, revoke, expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.permissions import (
    is_deciding_department,
    may_act_in_domain,
    owns_or_staff,
)
from application.ports import Clock, WorklistQueries
from domain.calendar import WorkingCalendar
from domain.entry import ListEntry, entry_id_for
from domain.entry_values import EntryStatus, clean_decision_no, clean_legal_basis
from domain.errors import DuplicateEntry, MeasureNotApplicable, ValidationFailed
from domain.reference import ListType, ReferenceData, Severity
from domain.repair import RepairApplication
from domain.rules import (
    decision_date_is_not_future,
    is_published_by_rule,
    minor_is_protected,
    publication_window,
    publish_deadline,
)
from domain.subject import Subject

SWEEP_BATCH = 200
MOOT = {
    EntryStatus.REVOKED: "记录已撤销，无需修复 (the entry was revoked)",
    EntryStatus.EXPIRED: "公示期已满，无需修复 (the publication period ended)",
}


def end_open_repair(
    app: ChengxinApp, repair_id: UUID | None, entry: ListEntry, today: date
) -> list[Any]:
    """When an entry ends, its open repair application lapses in the same save."""
    if repair_id is None or entry.status not in MOOT:
        return []
    repair = app.load(RepairApplication, repair_id, "repair application")
    repair.lapse(MOOT[entry.status], today)
    return [repair]


@dataclass(frozen=True)
class NewEntry:
    subject_id: UUID
    list_type: ListType
    domain: str
    severity: Severity
    decision_no: str
    decision_date: date
    legal_basis: str
    repairable: bool
    department: str


class EntryService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        calendar: WorkingCalendar,
        clock: Clock,
        queries: WorklistQueries,
    ) -> None:
        self.app = app
        self.reference = reference
        self.calendar = calendar
        self.clock = clock
        self.queries = queries

    def get(self, entry_id: UUID) -> ListEntry:
        return self.app.load(ListEntry, entry_id, "entry")

    def make(self, new: NewEntry, case_id: UUID | None = None) -> ListEntry:
        """A new entry that passed every listing rule, published at once where the rules say."""
        return self.make_for(self.app.load(Subject, new.subject_id, "subject"), new, case_id)

    def make_for(
        self, subject: Subject, new: NewEntry, case_id: UUID | None = None, known_new: bool = False
    ) -> ListEntry:
        """The same for a subject in hand (an import, which also knows the entry is new)."""
        today = self.clock.today()
        self.reference.domain(new.domain)
        if not self.reference.has_department(new.department):
            raise ValidationFailed(f"unknown department {new.department!r}", field="department")
        decision_no = clean_decision_no(new.decision_no)
        legal_basis = clean_legal_basis(new.legal_basis)
        decision_date_is_not_future(new.decision_date, today)
        minor_is_protected(subject.is_minor_on(new.decision_date), new.list_type)
        if not known_new:
            self._refuse_recorded(subject, new)
        regime = self.reference.regime_on(new.decision_date)
        window = publication_window(regime, new.list_type, new.severity, new.decision_date)
        entry = ListEntry(
            subject_id=subject.id,
            subject_kind=subject.kind,
            subject_name=subject.name,
            identifier=subject.identifier,
            list_type=new.list_type,
            domain=new.domain,
            severity=new.severity,
            department=new.department,
            legal_basis=legal_basis,
            decision_no=decision_no,
            decision_date=new.decision_date,
            repairable=new.repairable,
            case_id=case_id,
            regime=regime.code,
            min_end=window.min_end,
            max_end=window.max_end,
            publishable=is_published_by_rule(regime, new.list_type, new.severity, subject.kind),
            publish_deadline=publish_deadline(self.calendar, regime, new.decision_date),
            recorded_on=today,
        )
        if entry.publishable and entry.is_active_on(today):
            entry.publish(today)
        return entry

    def _refuse_recorded(self, subject: Subject, new: NewEntry) -> None:
        entry_id = entry_id_for(subject.id, new.list_type, new.decision_no)
        if self.app.exists(entry_id):
            raise DuplicateEntry(
                f"decision {new.decision_no} is already recorded for this subject",
                entry_id=str(entry_id),
            )

    def record(self, principal: Principal, new: NewEntry) -> ListEntry:
        """A decision taken outside a case (imports, red lists, penalties)."""
        may_act_in_domain(principal, new.domain, self.reference)
        entry = self.make(new)
        self.app.save(entry)
        return entry

    def apply_measure(
        self,
        principal: Principal,
        entry_id: UUID,
        code: str,
        note: str | None,
        expected_version: int | None = None,
    ) -> ListEntry:
        entry = self.app.load_expected(ListEntry, entry_id, "entry", expected_version)
        may_act_in_domain(principal, entry.domain, self.reference)
        measure = self.reference.measure(code)
        if not measure.applies_to(entry.list_type, entry.domain):
            raise MeasureNotApplicable(
                f"measure {code} does not apply to a {entry.list_type.value} entry "
                f"in {entry.domain}",
                measure_code=code,
            )
        entry.apply_measure(code, note, self.clock.today())
        self.app.save(entry)
        return entry

    def record_rectification(
        self,
        principal: Principal,
        entry_id: UUID,
        description: str,
        performed_on: date,
        evidence: list[str],
        expected_version: int | None = None,
    ) -> ListEntry:
        entry = self.app.load_expected(ListEntry, entry_id, "entry", expected_version)
        owns_or_staff(principal, entry.subject_id)
        entry.record_rectification(description, performed_on, evidence, self.clock.today())
        self.app.save(entry)
        return entry

    def revoke(
        self,
        principal: Principal,
        entry_id: UUID,
        reason: str,
        expected_version: int | None = None,
    ) -> ListEntry:
        entry = self.app.load_expected(ListEntry, entry_id, "entry", expected_version)
        is_deciding_department(principal, entry.department)
        today = self.clock.today()
        open_repair = entry.open_repair_id
        entry.revoke(reason, today)
        self.app.save(entry, *end_open_repair(self.app, open_repair, entry, today))
        return entry

    def active_entries_of(self, subject_id: UUID, on: date) -> list[ListEntry]:
        entries = [self.get(i) for i in self.queries.entry_ids_of_subject(subject_id)]
        return [e for e in entries if e.is_active_on(on)]

    def sweep(self, as_of: date | None = None) -> int:
        """Record an expiry for every entry whose maximum period has ended (idempotent)."""
        as_of = as_of or self.clock.today()
        expired = 0
        while due := self.queries.expiries_due(as_of, SWEEP_BATCH):
            changed = self.expire(due, as_of)
            expired += changed
            if changed < len(due):
                break  # the read model lags for the rest: the next sweep takes them
        return expired

    def expire(self, entry_ids: list[UUID], as_of: date) -> int:
        """Expire those of the entries that are due, with their open repairs, in one save."""
        batch = [self.get(entry_id) for entry_id in entry_ids]
        open_repairs = {entry.id: entry.open_repair_id for entry in batch}
        changed = [entry for entry in batch if entry.expire(as_of)]
        lapsed = [
            repair
            for entry in changed
            for repair in end_open_repair(self.app, open_repairs[entry.id], entry, as_of)
        ]
        self.app.save(*changed, *lapsed)
        return len(changed)

    def status_of(self, entry: ListEntry) -> EntryStatus:
        return entry.status_on(self.clock.today())

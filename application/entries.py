"""Use cases of list entries: record a decision, apply measures, rectify, revoke, expire."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.permissions import (
    require_deciding_department,
    require_may_act_for,
    require_may_act_in_domain,
    require_may_apply_measure,
    require_subject_or_deciding_department,
)
from application.ports import Clock, WorklistQueries
from domain.accounts import Role
from domain.calendar import WorkingCalendar
from domain.entry import ListEntry, entry_id_for
from domain.entry_values import (
    EndReason,
    EntryStatus,
    Source,
    clean_decision_no,
    clean_legal_basis,
    clean_penalty_content,
)
from domain.errors import DuplicateEntry, MeasureNotApplicable, ValidationFailed
from domain.list_terms import Facts, repairable_as_asked, terms_of
from domain.red_and_black import dishonesty_among, end_honours, ends_honours
from domain.reference import ListType, ReferenceData, Severity
from domain.repair import RepairApplication
from domain.rules import (
    decision_date_is_not_future,
    history_end_is_possible,
    minor_is_protected,
    publish_deadline,
    red_list_excludes_dishonesty,
)
from domain.subject import Subject, SubjectKind

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
    severity: Severity | None  # None on the red list
    decision_no: str
    decision_date: date
    legal_basis: str
    repairable: bool | None  # None: as the rules derive it; False with a reason
    department: str
    ended_on: date | None = None  # a record brought from history that had ended ...
    end_reason: EndReason | None = None  # ... for this reason
    source: Source | None = None  # none: a case's decision when it has one, else external
    external_ref: str | None = None
    penalty_content: str = ""  # what the penalty is (处罚内容), shown with the public record
    penalty_kind: str | None = None  # a penalty's kind (行政处罚法 Art. 9), from the catalogue
    extension_months: int = 0  # a court defaulter's listing lengthened for obstruction
    not_repairable_reason: str | None = None


@dataclass(frozen=True)
class ApplyMeasure:
    entry_id: UUID
    measure_code: str
    note: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordRectification:
    entry_id: UUID
    description: str
    performed_on: date
    evidence: list[str]
    expected_version: int | None = None


@dataclass(frozen=True)
class RevokeEntry:
    entry_id: UUID
    reason: str
    expected_version: int | None = None


def facts_of_new(new: NewEntry, kind: SubjectKind) -> Facts:
    return Facts(
        list_type=new.list_type,
        severity=new.severity,
        decision_date=new.decision_date,
        domain=new.domain,
        department=new.department,
        subject_kind=kind,
        penalty_kind=new.penalty_kind,
        extension_months=new.extension_months,
    )


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
        self.reference.department_in_force(new.department, new.decision_date)
        new = replace(
            new,
            decision_no=clean_decision_no(new.decision_no),
            legal_basis=clean_legal_basis(new.legal_basis),
            penalty_content=clean_penalty_content(new.penalty_content),
        )
        decision_date_is_not_future(new.decision_date, today)
        history_end_is_possible(new.decision_date, new.ended_on, new.end_reason, today)
        minor_is_protected(subject.is_minor_on(new.decision_date), new.list_type)
        if not known_new:
            self._refuse_recorded(subject, new)
            if new.ended_on is None:  # history is recorded as it was
                red_list_excludes_dishonesty(new.list_type, self.dishonesty_of(subject.id, today))
        entry = self._listed(subject, new, case_id, today)
        if entry.ended_when_recorded:
            entry.record_history()
        elif entry.publishable and entry.is_active_on(today):
            entry.publish(today)
        return entry

    def _listed(
        self, subject: Subject, new: NewEntry, case_id: UUID | None, today: date
    ) -> ListEntry:
        terms = terms_of(self.reference, facts_of_new(new, subject.kind))
        regime, window = terms.regime, terms.window
        repairable, why_not = repairable_as_asked(
            terms.repairable_by_rule, new.repairable, new.not_repairable_reason
        )
        return ListEntry(
            subject_id=subject.id,
            subject_kind=subject.kind,
            subject_name=subject.name,
            identifier=subject.identifier,
            list_type=new.list_type,
            domain=new.domain,
            severity=new.severity,
            department=new.department,
            legal_basis=new.legal_basis,
            decision_no=new.decision_no,
            decision_date=new.decision_date,
            repairable=repairable,
            case_id=case_id,
            regime=regime.code,
            min_end=window.min_end,
            max_end=window.max_end,
            publishable=terms.publishable,
            publish_deadline=publish_deadline(self.calendar, regime, new.decision_date),
            recorded_on=today,
            source=(new.source or (Source.CASE if case_id else Source.EXTERNAL)).value,
            external_ref=new.external_ref,
            history_end_on=new.ended_on,
            history_end_reason=new.end_reason.value if new.end_reason else None,
            penalty_content=new.penalty_content,
            special_list=terms.special.code if terms.special else None,
            penalty_kind=new.penalty_kind,
            extension_months=new.extension_months,
            not_repairable_reason=why_not,
        )

    def _refuse_recorded(self, subject: Subject, new: NewEntry) -> None:
        entry_id = entry_id_for(subject.id, new.list_type, new.decision_no)
        if self.app.exists(entry_id):
            raise DuplicateEntry(
                f"decision {new.decision_no} is already recorded for this subject",
                entry_id=str(entry_id),
            )

    def dishonesty_of(self, subject_id: UUID, today: date) -> list[str]:
        return dishonesty_among(self.active_entries_of(subject_id, today))

    def honours_ended_by(self, entry: ListEntry, today: date) -> list[ListEntry]:
        """A new dishonesty listing ends the subject's active red-list entries: save them with
        it."""
        if not ends_honours(entry, today):
            return []
        return end_honours(entry, self.active_entries_of(entry.subject_id, today), today)

    def record(self, principal: Principal, new: NewEntry) -> ListEntry:
        """A decision taken outside a case (imports, red lists, penalties), in the name of the
        officer's department or of one it succeeded (a predecessor's decision from history)."""
        require_may_act_in_domain(principal, new.domain, self.reference)
        own = principal.department if principal.role is Role.OFFICER else None
        if own and new.department not in self.reference.acts_for(own):
            new = replace(new, department=own)  # an officer records as their own, as always
        require_may_act_for(principal, new.department, self.reference)
        entry = self.make(new)
        self.app.save(entry, *self.honours_ended_by(entry, self.clock.today()))
        return entry

    def _load(self, entry_id: UUID, expected_version: int | None) -> ListEntry:
        return self.app.load_expected(ListEntry, entry_id, "entry", expected_version)

    def apply_measure(self, principal: Principal, command: ApplyMeasure) -> ListEntry:
        entry = self._load(command.entry_id, command.expected_version)
        code = command.measure_code
        measure = self.reference.measure(code)
        require_may_apply_measure(principal, entry.department, measure, self.reference)
        if not measure.applies_to(entry.list_type, entry.domain):
            raise MeasureNotApplicable(
                f"measure {code} does not apply to a {entry.list_type.value} entry "
                f"in {entry.domain}",
                measure_code=code,
            )
        outlives = measure.lifetime or measure.term_months is not None
        entry.apply_measure(code, command.note, self.clock.today(), outlives_entry=outlives)
        self.app.save(entry)
        return entry

    def record_rectification(self, principal: Principal, command: RecordRectification) -> ListEntry:
        def visible(entry: ListEntry) -> None:
            require_subject_or_deciding_department(
                principal,
                entry.subject_id,
                entry.department,
                self.reference,
                ("entry", command.entry_id),
            )

        entry = self.app.load_expected(
            ListEntry, command.entry_id, "entry", command.expected_version, visible
        )
        entry.record_rectification(
            command.description, command.performed_on, command.evidence, self.clock.today()
        )
        self.app.save(entry)
        return entry

    def verify_rectification(
        self,
        principal: Principal,
        entry_id: UUID,
        note: str,
        expected_version: int | None = None,
    ) -> ListEntry:
        """The deciding department confirms the conduct corrected: now it counts as governed."""
        entry = self._load(entry_id, expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        today = self.clock.today()
        entry.verify_rectification(note.strip(), today)
        if self._ends_on_performance(entry) and entry.is_active_on(today):
            entry.remove_on_performance(today)  # a court defaulter is removed on performance
        self.app.save(entry)
        return entry

    def _ends_on_performance(self, entry: ListEntry) -> bool:
        special = self.reference.special_list(
            entry.list_type, entry.domain, entry.department, entry.decision_date
        )
        return special is not None and special.ends_on_performance

    def revoke(self, principal: Principal, command: RevokeEntry) -> ListEntry:
        entry = self._load(command.entry_id, command.expected_version)
        require_deciding_department(principal, entry.department, self.reference)
        today = self.clock.today()
        open_repair = entry.open_repair_id
        entry.revoke(command.reason, today)
        self.app.save(entry, *end_open_repair(self.app, open_repair, entry, today))
        return entry

    def entries_of(self, subject_id: UUID) -> list[ListEntry]:
        return [self.get(i) for i in self.queries.entry_ids_of_subject(subject_id)]

    def active_entries_of(self, subject_id: UUID, on: date) -> list[ListEntry]:
        return [e for e in self.entries_of(subject_id) if e.is_active_on(on)]

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

"""Random sequences of commands through the real application services (in memory) never break
an invariant, and replaying the events reproduces every aggregate."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from application.accounts import Principal
from application.app import ChengxinApp
from application.cases import CaseService, OpenCase, RecordStatement, ServeNotice
from application.entries import ApplyMeasure, EntryService, NewEntry, RevokeEntry
from application.objections import FileObjection, ObjectionService, ResolveObjection
from application.repairs import AcceptRepair, DecideRepair, FileRepair, RepairService
from domain.accounts import Role
from domain.case import Case, CaseStatus, Listing
from domain.entry import ListEntry
from domain.entry_values import EntryStatus
from domain.errors import DomainError
from domain.list_terms import Facts, terms_of
from domain.reference import ListType, Severity
from domain.repair import RepairApplication, RepairStatus, repair_is_eligible
from domain.repair_values import training_is_evidenced
from domain.rules import is_dishonesty
from domain.subject import Subject, SubjectKind
from infrastructure.calendar import ChineseWorkingCalendar
from infrastructure.clock import FixedClock
from infrastructure.reference_data.loader import load_reference_data

REFERENCE = load_reference_data()
CALENDAR = ChineseWorkingCalendar()
OFFICER = Principal("li.ming", Role.OFFICER, department="public_security")
COMPANY = "91110000600037341L"
MACHINE_SETTINGS = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


MCA = Principal("zhou.min", Role.OFFICER, department="civil_affairs")
LIFETIME = "charity_award_lifetime_ban"
MEASURES = (LIFETIME, "restrict_bidding", "strict_licence_review", "green_channel")
LISTS = (ListType.PENALTY, ListType.BLACKLIST, ListType.FOCUS)
SEVERITY_VALUES = st.sampled_from([*(s.value for s in Severity), None])


class NoQueries:
    def entry_ids_of_subject(self, subject_id: UUID) -> list[UUID]:
        return []

    def expiries_due(self, as_of: date, limit: int) -> list[UUID]:
        return []


class KnownEntries(NoQueries):
    """The one subject's entries, as the read model would list them."""

    def __init__(self, ids: list[UUID]) -> None:
        self.ids = ids

    def entry_ids_of_subject(self, subject_id: UUID) -> list[UUID]:
        return list(self.ids)


def facts_of(entry: ListEntry) -> Facts:
    return Facts(
        list_type=entry.list_type,
        severity=entry.severity,
        decision_date=entry.decision_date,
        domain=entry.domain,
        department=entry.department,
        subject_kind=entry.subject_kind,
        penalty_kind=entry.penalty_kind,
        extension_months=entry.extension_months,
    )


def replayed(app: ChengxinApp, aggregate_id: UUID) -> Any:
    aggregate = None
    for event in app.events.get(aggregate_id):
        aggregate = event.mutate(aggregate)
    return aggregate


class World(RuleBasedStateMachine):
    """A company, one case and the entries and repair applications that follow from it."""

    @initialize()
    def start(self) -> None:
        self.app = ChengxinApp(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.clock = FixedClock(date(2025, 1, 6))
        self.entry_ids: list[UUID] = []
        queries = KnownEntries(self.entry_ids)
        entries = EntryService(self.app, REFERENCE, CALENDAR, self.clock, queries)
        self.entries = entries
        self.cases = CaseService(self.app, REFERENCE, CALENDAR, self.clock, entries)
        self.objections = ObjectionService(self.app, REFERENCE, CALENDAR, self.clock, entries)
        self.repairs = RepairService(self.app, REFERENCE, CALENDAR, self.clock)
        subject = Subject.register(SubjectKind.LEGAL_PERSON, COMPANY, "某有限公司")
        self.app.save(subject)
        self.subject_id = subject.id
        self.owner = Principal("owner", Role.SUBJECT, subject_id=subject.id)
        self.case_id = self.cases.open(OFFICER, OpenCase(subject.id, "telecom_fraud", "案情")).id
        self.repair_ids: list[UUID] = []
        self.approved_eligible: dict[UUID, bool] = {}
        self.numbers = iter(range(10_000))

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        """A refused command leaves no event."""
        before = self.app.recorder.max_notification_id()
        try:
            return command(*args, **kwargs)
        except DomainError:
            assert self.app.recorder.max_notification_id() == before
            return None

    @rule(days=st.integers(min_value=0, max_value=200))
    def time_passes(self, days: int) -> None:
        self.clock.day += timedelta(days=days)

    @rule(statement_days=st.integers(min_value=1, max_value=10), back=st.integers(0, 5))
    def serve_notice(self, statement_days: int, back: int) -> None:
        self.attempt(
            self.cases.serve_notice,
            OFFICER,
            ServeNotice(
                self.case_id,
                ListType.BLACKLIST,
                self.clock.day - timedelta(days=back),
                statement_days,
            ),
        )

    @rule()
    def receive_statement(self) -> None:
        self.attempt(
            self.cases.receive_statement,
            OFFICER,
            RecordStatement(self.case_id, "陈述", self.clock.day),
        )

    @rule(
        list_type=st.sampled_from(ListType),
        severity=st.sampled_from([*Severity, None]),
        back=st.integers(0, 400),
    )
    def decide(self, list_type: ListType, severity: Severity | None, back: int) -> None:
        listing = Listing(
            list_type,
            severity,
            f"D-{next(self.numbers)}",
            self.clock.day - timedelta(days=back),
            "依据",
            None,
        )
        decided = self.attempt(self.cases.decide_listing, OFFICER, self.case_id, listing)
        if decided is not None:
            self.entry_ids.append(decided[1])

    @rule(
        list_type=st.sampled_from(LISTS),
        severity=st.sampled_from([*Severity, None]),
        back=st.integers(0, 1500),
        repairable=st.sampled_from([None, False, True]),
        charity=st.booleans(),
    )
    def record_entry(
        self,
        list_type: ListType,
        severity: Severity | None,
        back: int,
        repairable: bool | None,
        charity: bool,
    ) -> None:
        new = NewEntry(
            self.subject_id,
            list_type,
            "charity" if charity else "telecom_fraud",
            severity,
            f"E-{next(self.numbers)}",
            self.clock.day - timedelta(days=back),
            "依据",
            repairable,
            "civil_affairs" if charity else "public_security",
            not_repairable_reason="情节严重" if repairable is False else None,
        )
        entry = self.attempt(self.entries.record, MCA if charity else OFFICER, new)
        if entry is not None:
            self.entry_ids.append(entry.id)

    @rule(back=st.integers(0, 1500), severity=st.sampled_from([None, Severity.GENERAL]))
    def record_red(self, back: int, severity: Severity | None) -> None:
        new = NewEntry(
            self.subject_id,
            ListType.RED,
            "telecom_fraud",
            severity,
            f"R-{next(self.numbers)}",
            self.clock.day - timedelta(days=back),
            "依据",
            None,
            "public_security",
        )
        entry = self.attempt(self.entries.record, OFFICER, new)
        assert entry is None or severity is None
        if entry is not None:
            self.entry_ids.append(entry.id)

    def officer_of(self, entry: ListEntry) -> Principal:
        return MCA if entry.department == "civil_affairs" else OFFICER

    @precondition(lambda self: self.entry_ids)
    @rule(data=st.data(), code=st.sampled_from(MEASURES))
    def apply_measure(self, data: st.DataObject, code: str) -> None:
        entry = self.entries.get(data.draw(st.sampled_from(self.entry_ids)))
        self.attempt(
            self.entries.apply_measure, self.officer_of(entry), ApplyMeasure(entry.id, code)
        )

    @precondition(lambda self: self.entry_ids)
    @rule(
        data=st.data(),
        correction=st.one_of(
            st.fixed_dictionaries(
                {"severity": st.sampled_from([*(s.value for s in Severity), None])}
            ),
            st.fixed_dictionaries({"list_type": st.sampled_from([t.value for t in ListType])}),
            st.fixed_dictionaries(
                {"list_type": st.sampled_from([t.value for t in ListType])},
                optional={"severity": SEVERITY_VALUES},
            ),
            st.integers(0, 1500).map(lambda back: {"decision_back": back}),
        ),
    )
    def correct(self, data: st.DataObject, correction: dict[str, Any]) -> None:
        """An upheld objection that corrects list type, severity or decision date."""
        entry = self.entries.get(data.draw(st.sampled_from(self.entry_ids)))
        if "decision_back" in correction:
            back = correction.pop("decision_back")
            correction["decision_date"] = (self.clock.day - timedelta(days=back)).isoformat()
        self.attempt(self.objections.file, self.owner, FileObjection(entry.id, "有误"))
        objection = self.entries.get(entry.id).open_objection
        if objection is None:
            return
        self.attempt(
            self.objections.resolve,
            self.officer_of(entry),
            ResolveObjection(entry.id, objection.id, True, "更正", correction),
        )

    @precondition(lambda self: self.entry_ids)
    @rule(data=st.data())
    def object_and_resolve(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self.entry_ids))
        filed = self.attempt(self.objections.file, self.owner, FileObjection(entry_id, "有误"))
        entry = self.entries.get(entry_id)
        objection = entry.open_objection
        if objection is not None and data.draw(st.booleans()):
            self.attempt(
                self.objections.resolve,
                OFFICER,
                ResolveObjection(
                    entry_id,
                    objection.id,
                    data.draw(st.booleans()),
                    "复核",
                    None,
                    data.draw(st.booleans()),
                ),
            )
        assert filed is None or filed[1].status.value == "open"

    @precondition(lambda self: self.entry_ids)
    @rule(data=st.data())
    def file_repair(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self.entry_ids))
        entry = self.entries.get(entry_id)
        trained = data.draw(st.booleans())  # brings a credit-training certificate
        try:
            repair_is_eligible(entry, self.clock.day)
            certificate = "信用修复培训 2026-001" if trained else None
            training_is_evidenced(entry, REFERENCE.regime_on(entry.decision_date), certificate)
            eligible = True
        except DomainError:
            eligible = False
        repair = self.attempt(
            self.repairs.file,
            self.owner,
            FileRepair(
                entry_id,
                True,
                ["凭证"],
                None,
                training_certificate_no="信用修复培训 2026-001" if trained else None,
            ),
        )
        assert (repair is not None) == eligible
        if repair is not None:
            self.repair_ids.append(repair.id)

    @precondition(lambda self: self.repair_ids)
    @rule(data=st.data(), step=st.sampled_from(["accept", "reject", "approve", "deny", "withdraw"]))
    def handle_repair(self, data: st.DataObject, step: str) -> None:
        repair_id = data.draw(st.sampled_from(self.repair_ids))
        commands = {
            "accept": lambda: self.repairs.accept(OFFICER, AcceptRepair(repair_id, True, None)),
            "reject": lambda: self.repairs.accept(OFFICER, AcceptRepair(repair_id, False, "不全")),
            "approve": lambda: self.repairs.decide(OFFICER, DecideRepair(repair_id, True, "准予")),
            "deny": lambda: self.repairs.decide(
                OFFICER, DecideRepair(repair_id, False, "不予", True)
            ),
            "withdraw": lambda: self.repairs.withdraw(self.owner, repair_id),
        }
        self.attempt(commands[step])

    @precondition(lambda self: self.entry_ids)
    @rule(data=st.data())
    def expire_or_revoke(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self.entry_ids))
        if data.draw(st.booleans()):
            self.attempt(self.entries.expire, [entry_id], self.clock.day)
        else:
            self.attempt(self.entries.revoke, OFFICER, RevokeEntry(entry_id, "撤销"))

    @invariant()
    def red_and_black_exclude_each_other(self) -> None:
        """No subject is on the red list while a dishonesty entry of it is active."""
        day = self.clock.day if hasattr(self, "clock") else None
        active = [
            entry
            for entry in map(self.entries.get, getattr(self, "entry_ids", []))
            if day is not None and entry.is_active_on(day)
        ]
        honoured = [e for e in active if e.list_type is ListType.RED]
        dishonest = [
            e for e in active if is_dishonesty(e.list_type, e.severity, e.published_on is not None)
        ]
        assert not (honoured and dishonest), (honoured, dishonest)

    @invariant()
    def lifetime_measures_are_never_lifted(self) -> None:
        for entry_id in getattr(self, "entry_ids", []):
            entry: ListEntry = self.entries.get(entry_id)
            assert all(m.lifted_on is None for m in entry.measures if m.code == LIFETIME)

    @invariant()
    def published_windows_are_the_rules(self) -> None:
        """Every published entry's window is the one its regime (and list) gives for its
        current decision date and severity; its severity fits its list."""
        for entry_id in getattr(self, "entry_ids", []):
            entry: ListEntry = self.entries.get(entry_id)
            if entry.list_type is ListType.RED:
                assert entry.severity is None and not entry.repairable
            if entry.status is not EntryStatus.PUBLISHED:
                continue
            terms = terms_of(REFERENCE, facts_of(entry))
            assert (entry.min_end, entry.max_end) == (terms.window.min_end, terms.window.max_end)
            assert entry.regime == terms.regime.code and terms.publishable

    @invariant()
    def entries_are_consistent(self) -> None:
        for entry_id in getattr(self, "entry_ids", []):
            entry: ListEntry = self.entries.get(entry_id)
            assert not (entry.status is EntryStatus.REPAIRED and entry.is_active_on(self.clock.day))
            if entry.status not in {EntryStatus.LISTED, EntryStatus.PUBLISHED}:
                assert entry.open_repair_id is None
                assert all(m.outlives_entry for m in entry.active_measures)
            assert len([o for o in entry.objections if o.status.value == "open"]) <= 1
            assert replayed(self.app, entry_id) == entry

    @invariant()
    def repairs_are_consistent(self) -> None:
        for repair_id in getattr(self, "repair_ids", []):
            repair: RepairApplication = self.repairs.get(repair_id)
            entry = self.entries.get(repair.entry_id)
            if repair.status is RepairStatus.APPROVED:
                assert entry.status is EntryStatus.REPAIRED
                assert repair.filed_on >= entry.min_end
            if repair.is_open:
                assert entry.open_repair_id == repair.id
            assert replayed(self.app, repair_id) == repair

    @invariant()
    def the_case_is_consistent(self) -> None:
        if not hasattr(self, "case_id"):
            return
        case: Case = self.cases.get(self.case_id)
        if case.status is CaseStatus.DECIDED:
            assert case.decision is not None and case.entry_id is not None
            listing = case.decision.listing
            assert listing is not None
            if listing.list_type in {ListType.BLACKLIST, ListType.FOCUS}:
                assert case.notice is not None
        assert replayed(self.app, self.case_id) == case


TestWorld = World.TestCase
TestWorld.settings = MACHINE_SETTINGS

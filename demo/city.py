"""The demo city: subjects, cases and entries in all 19 domains over the years since 2019.

Domains are worked by today's units (市场监管局 for 食药监's domain, 生态环境局 for 环保's), and
two subjects in five by the units of 清江浦区 or 涟水县: the counties decide most penalties.

Everything goes through the application services with a clock that walks through the business
dates of each story, so every event is one the system would record in real use. A seeded random
generator makes the same city every time (the dates follow today's date).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID

from application.accounts import Principal
from application.cases import AddEvidence, CaseService, OpenCase, RecordStatement, ServeNotice
from application.entries import EntryService, NewEntry
from demo.aftermath import Aftermath, Cyclers
from demo.people import Resident, residents
from demo.services import DemoAccount, DemoServices, DemoSummary
from domain.accounts import Role, account_id_for
from domain.base import acting_as
from domain.case import Listing
from domain.entry import ListEntry
from domain.errors import DishonestyActive
from domain.reference import GovernanceDomain, ListType, Severity
from domain.subject import Subject
from infrastructure.clock import FixedClock

SEED = 2018
SUBJECTS = 300
EARLIEST = date(2019, 7, 1)
YEARS = 7
LIST_TYPES = (
    ListType.PENALTY,
    ListType.BLACKLIST,
    ListType.BLACKLIST,
    ListType.FOCUS,
    ListType.RED,
)
SEVERITIES = (Severity.MINOR, Severity.GENERAL, Severity.GENERAL, Severity.SERIOUS)
NOT_REPAIRABLE = "危害后果严重，经集体研究不予提前修复"
LEGAL_BASIS = {
    ListType.PENALTY: "《中华人民共和国行政处罚法》",
    ListType.BLACKLIST: "《江苏省社会信用条例》",
    ListType.FOCUS: "《江苏省社会信用条例》",
    ListType.RED: "《关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》",
}
STATEMENT = "当事人提交书面陈述申辩意见"
TARGET_GOAL = "电信网络诈骗失信主体全部纳入治理，按季度通报"
DELAYS = (0, 1, 2, 3, 5, 8, 12, 20)  # days from decision to recording: the last ones are late
COUNTIES = ("320812", "320826", None, None, None)  # 清江浦区, 涟水县, then the city's units


class DemoCity:
    def __init__(self, services: DemoServices, today: date, seed: int = SEED) -> None:
        self.s = services
        self.today = today
        self.start = max(EARLIEST, date(today.year - YEARS, today.month, 1))
        self.rng = random.Random(seed)
        self.clock = FixedClock(today)
        self.entries = EntryService(
            services.app, services.reference, services.calendar, self.clock, services.worklists
        )
        self.cases = CaseService(
            services.app, services.reference, services.calendar, self.clock, self.entries
        )
        self.aftermath = Aftermath(services, self.clock, self.rng, today, Cyclers())
        self.officers: dict[str, Principal] = {}
        self.summary = DemoSummary(as_of=today)
        self.numbers = 0
        self.subjects: list[Subject] = []

    def load(self) -> DemoSummary:
        self._accounts()
        plans = [
            (resident, self.rng.sample(self.s.reference.domains, self.rng.choice((1, 1, 1, 2))))
            for resident in residents(self.rng, self.today, SUBJECTS)
        ]
        subjects = self._register(plans)
        self.subjects = list(subjects.values())
        for index, (resident, domains) in enumerate(plans):
            county = COUNTIES[index % len(COUNTIES)]
            for domain in domains:
                officer = self.officer_of(domain, county)
                with acting_as(officer.actor):
                    self._episode(officer, subjects[resident.identifier], domain)
        self.clock.day = self.today
        with acting_as("system:sweep"):
            self.summary.expired = self.entries.sweep(self.today)
        self._subject_account()
        self._target()
        return self.summary

    def _register(self, plans: list[tuple[Resident, list[GovernanceDomain]]]) -> dict[str, Subject]:
        """Each subject registered by the officer of its first domain, a batch per officer."""
        by_officer: dict[str, list[Resident]] = {}
        for resident, domains in plans:
            by_officer.setdefault(self.officer_of(domains[0]).department or "", []).append(resident)
        subjects: dict[str, Subject] = {}
        for unit, group in by_officer.items():
            with acting_as(self.officers[unit].actor):
                batch = [Subject.register(r.kind, r.identifier, r.name) for r in group]
                self.s.app.save(*batch)
            subjects.update((subject.identifier, subject) for subject in batch)
        self.summary.subjects = len(subjects)
        return subjects

    def _account(
        self,
        username: str,
        role: Role,
        department: str | None = None,
        subject_id: UUID | None = None,
    ) -> None:
        """A new account with a fresh password; one that exists already is left alone."""
        if self.s.app.exists(account_id_for(username)):
            return
        password = secrets.token_urlsafe(9)
        self.s.accounts.register(username, password, role, department, subject_id)
        self.summary.accounts.append(DemoAccount(username, password, role, department, subject_id))

    def _accounts(self) -> None:
        with acting_as("system:demo"):
            self._account("admin", Role.ADMIN)
            self._account("auditor", Role.AUDITOR)
            self._account("office", Role.OFFICE)
            for domain in self.s.reference.domains:
                self.officer_of(domain)

    def officer_of(self, domain: GovernanceDomain, county: str | None = None) -> Principal:
        """An officer of the domain's first lead unit as it is today, in the county if it
        has a unit of that kind."""
        reference = self.s.reference
        unit = domain.lead_units[0]
        if not reference.department(unit).is_valid_on(self.today):
            unit = reference.current_successor(unit, self.today) or unit
        if county is not None and reference.has_department(f"{unit}@{county}"):
            unit = f"{unit}@{county}"
        if unit not in self.officers:
            username = f"officer.{unit}"
            with acting_as("system:demo"):
                self._account(username, Role.OFFICER, department=unit)
            self.officers[unit] = Principal(username, Role.OFFICER, unit)
        return self.officers[unit]

    def _episode(self, officer: Principal, subject: Subject, domain: GovernanceDomain) -> None:
        decided = self.start + timedelta(days=self.rng.randrange((self.today - self.start).days))
        list_type = self._list_type(subject, decided)
        allowed = self.s.reference.severities_of(list_type)  # the red list takes none
        fitting = [s for s in SEVERITIES if s in allowed]
        severity = self.rng.choice(fitting) if fitting else None
        procedural = list_type in {ListType.BLACKLIST, ListType.FOCUS}
        if procedural and decided > self.today - timedelta(days=45):
            self._open_case(officer, subject, domain, list_type)
            return
        number = self._decision_no(officer, decided)
        # mostly as the rules derive it; sometimes an officer makes a repairable one not repairable
        repairable = None if self.rng.random() < 0.85 or list_type is ListType.RED else False
        listing = Listing(list_type, severity, number, decided, LEGAL_BASIS[list_type], repairable)
        if procedural and self.rng.random() < 0.5:
            entry = self._decided_case(officer, subject, domain, listing)
        else:
            entry = self._recorded(officer, subject, domain, listing)
        self.summary.entries += 1
        self.aftermath.follow(officer, entry)

    def _list_type(self, subject: Subject, decided: date) -> ListType:
        list_type = self.rng.choice(LIST_TYPES)
        if subject.is_minor_on(decided) and list_type in {ListType.BLACKLIST, ListType.FOCUS}:
            return ListType.RED
        return list_type

    def _decision_no(self, officer: Principal, decided: date) -> str:
        self.numbers += 1
        short = self.s.reference.department(officer.department or "").name_zh[1]
        return f"淮{short}决〔{decided.year}〕{self.numbers}号"

    def _recorded(
        self, officer: Principal, subject: Subject, domain: GovernanceDomain, listing: Listing
    ) -> ListEntry:
        """A decision taken outside a case, recorded a few days (sometimes too many) later."""
        self.clock.day = min(self.today, listing.decision_date + timedelta(self.rng.choice(DELAYS)))
        new = NewEntry(
            subject_id=subject.id,
            list_type=listing.list_type,
            domain=domain.code,
            severity=listing.severity,
            decision_no=listing.decision_no,
            decision_date=listing.decision_date,
            legal_basis=listing.legal_basis,
            repairable=listing.repairable,
            department=officer.department or "",
            not_repairable_reason=NOT_REPAIRABLE if listing.repairable is False else None,
        )
        try:
            return self.entries.record(officer, new)
        except DishonestyActive:  # no honour for a subject with dishonesty: a penalty instead
            penalty = replace(new, list_type=ListType.PENALTY, severity=Severity.GENERAL)
            return self.entries.record(officer, penalty)

    def _decided_case(
        self, officer: Principal, subject: Subject, domain: GovernanceDomain, listing: Listing
    ) -> ListEntry:
        """The full procedure: opened, evidence, notice, sometimes a statement, decided, closed."""
        opened = listing.decision_date - timedelta(days=30)
        case = self._noticed_case(officer, subject, domain, listing.list_type, opened)
        if self.rng.random() < 0.4:
            self.clock.day = opened + timedelta(days=6)
            self.cases.receive_statement(
                officer, RecordStatement(case, "当事人提交书面陈述申辩意见", self.clock.day)
            )
        self.clock.day = listing.decision_date
        why = {"not_repairable_reason": NOT_REPAIRABLE} if listing.repairable is False else {}
        _, entry_id = self.cases.decide_listing(officer, case, listing, extras=why)
        self.clock.day = min(self.today, listing.decision_date + timedelta(days=3))
        self.cases.close(officer, case)
        self.summary.cases += 1
        return self.entries.get(entry_id)

    def _noticed_case(
        self,
        officer: Principal,
        subject: Subject,
        domain: GovernanceDomain,
        proposed: ListType,
        opened: date,
    ) -> UUID:
        self.clock.day = opened
        summary = f"{domain.name_zh}：{subject.name}涉嫌失信行为"
        case = self.cases.open(officer, OpenCase(subject.id, domain.code, summary))
        self.cases.add_evidence(
            officer, AddEvidence(case.id, "现场检查笔录及询问笔录", f"JC-{opened:%Y%m%d}")
        )
        self.clock.day = opened + timedelta(days=2)
        self.cases.serve_notice(officer, ServeNotice(case.id, proposed, self.clock.day, None))
        return case.id

    def _open_case(
        self, officer: Principal, subject: Subject, domain: GovernanceDomain, proposed: ListType
    ) -> None:
        """A recent case still in progress: open, or noticed and awaiting the decision."""
        opened = self.today - timedelta(days=self.rng.randrange(3, 40))
        if self.rng.random() < 0.3:
            self.clock.day = opened
            self.cases.open(
                officer, OpenCase(subject.id, domain.code, f"{domain.name_zh}：线索核查")
            )
        else:
            self._noticed_case(officer, subject, domain, proposed, opened)
        self.summary.cases += 1

    def _subject_account(self) -> None:
        subject_id = self.aftermath.account_subject
        if subject_id is not None:
            with acting_as("system:demo"):
                self._account("demo.subject", Role.SUBJECT, subject_id=subject_id)

    def _target(self) -> None:
        office = Principal("office", Role.OFFICE)
        with acting_as(office.actor):
            self.s.governance.set_target(
                office, "telecom_fraud", self.today.year, 0.85, TARGET_GOAL
            )

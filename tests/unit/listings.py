"""Memorable records for the aggregates' unit tests, made as the services make them: the regime
in force on the decision date fixes the window, from the JSON reference data (no database).

淮安运河物流有限公司 (Huai'an Canal Logistics) is blacklisted by the public security bureau's
decision 淮公罚〔2025〕88号 of Monday 1 September 2025, under the 2025 State Council regime:
repairable from 1 December 2025, published until 1 September 2026."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from domain.entry import ListEntry
from domain.reference import ListType, Severity
from domain.repair import RepairApplication
from domain.rules import is_published_by_rule, publication_window, publish_deadline
from domain.subject import Subject, SubjectKind
from infrastructure.calendar import ChineseWorkingCalendar
from infrastructure.reference_data.loader import load_reference_data

REFERENCE = load_reference_data()
CALENDAR = ChineseWorkingCalendar()
CANAL_LOGISTICS_USCC = "91110000600037341L"
CANAL_LOGISTICS = "淮安运河物流有限公司"
DECISION_NO = "淮公罚〔2025〕88号"
DECIDED = date(2025, 9, 1)
REPAIRABLE_FROM = date(2025, 12, 1)
PUBLISHED_UNTIL = date(2026, 9, 1)
AUTUMN = date(2025, 10, 20)  # inside the window, before repair is possible
WINTER = date(2026, 1, 5)  # inside the window, repair possible


def canal_logistics() -> Subject:
    return Subject.register(SubjectKind.LEGAL_PERSON, CANAL_LOGISTICS_USCC, CANAL_LOGISTICS)


def listed(
    list_type: ListType = ListType.BLACKLIST,
    severity: Severity = Severity.GENERAL,
    decided_on: date = DECIDED,
    repairable: bool = True,
    subject: Subject | None = None,
) -> ListEntry:
    """A fresh entry, recorded on its decision date and not yet published."""
    subject = subject or canal_logistics()
    regime = REFERENCE.regime_on(decided_on)
    window = publication_window(regime, list_type, severity, decided_on)
    return ListEntry(
        subject_id=subject.id,
        subject_kind=subject.kind,
        subject_name=subject.name,
        identifier=subject.identifier,
        list_type=list_type,
        domain="telecom_fraud",
        severity=severity,
        department="public_security",
        legal_basis="《中华人民共和国反电信网络诈骗法》第三十一条",
        decision_no=DECISION_NO,
        decision_date=decided_on,
        repairable=repairable,
        case_id=None,
        regime=regime.code,
        min_end=window.min_end,
        max_end=window.max_end,
        publishable=is_published_by_rule(regime, list_type, severity, subject.kind),
        publish_deadline=publish_deadline(CALENDAR, regime, decided_on),
        recorded_on=decided_on,
    )


def published(**kwargs: object) -> ListEntry:
    entry = listed(**kwargs)  # type: ignore[arg-type]
    entry.publish(DECIDED)
    return entry


def repair_filed(entry: ListEntry, filed_on: date = WINTER) -> RepairApplication:
    """An application as the service files it: the entry marks it open in the same save."""
    repair = RepairApplication(
        entry_id=entry.id,
        subject_id=entry.subject_id,
        department=entry.department,
        commitment_signed=True,
        obligations_evidence=["罚款缴纳凭证 (receipt of the fine)"],
        note=None,
        filed_on=filed_on,
        regime=entry.regime,
        feedback_deadline=date(2026, 1, 19),
    )
    entry.open_repair(repair.id)
    return repair


def replayed(aggregate: object) -> object:
    """The aggregate rebuilt from its own events, as loading it from the store would."""
    rebuilt = None
    for stored in aggregate.collect_events():  # type: ignore[attr-defined]
        rebuilt = stored.mutate(rebuilt)
    return rebuilt


def some_id() -> UUID:
    return uuid4()

"""The credit check: a department looks at a subject before granting anything."""

from __future__ import annotations

from datetime import date

from application.app import ChengxinApp
from application.entries import EntryService
from application.ports import Clock
from domain.credit_check import CreditCheck
from domain.entry import ListEntry
from domain.entry_values import EntryStatus
from domain.reference import Measure, MeasureKind, Purpose, ReferenceData
from domain.rules import measure_outlives_entry
from domain.subject import Subject, normalise_identifier, subject_id_for

OUTLIVED = (EntryStatus.REPAIRED, EntryStatus.EXPIRED)


class CreditCheckService:
    def __init__(
        self, app: ChengxinApp, reference: ReferenceData, clock: Clock, entries: EntryService
    ) -> None:
        self.app = app
        self.reference = reference
        self.clock = clock
        self.entries = entries

    def check(
        self, identifier: str, purpose: Purpose | None, nationality: str | None = None
    ) -> tuple[CreditCheck, Subject | None]:
        """The subject's active entries and the measures that apply; the check is recorded.
        A passport number is looked up with its `nationality`."""
        today = self.clock.today()
        subject_id = subject_id_for(identifier, nationality)
        subject = (
            self.app.load(Subject, subject_id, "subject") if self.app.exists(subject_id) else None
        )
        entries = self.entries.entries_of(subject_id) if subject else []
        active = [entry for entry in entries if entry.is_active_on(today)]
        sanctions: set[str] = set()
        rewards: set[str] = set()
        for entry in entries:
            for measure in self._measures_of(entry, purpose, today):
                (sanctions if measure.kind is MeasureKind.SANCTION else rewards).add(measure.code)
        if sanctions:
            rewards.clear()  # a sanction and a reward never go together (red excludes black)
        check = CreditCheck(
            subject_id=subject_id,
            identifier=normalise_identifier(identifier),
            purpose=purpose,
            checked_on=today,
            entries=[
                {
                    "entry_id": str(e.id),
                    "list_type": e.list_type.value,
                    "domain": e.domain,
                    "status": e.status_on(today).value,
                }
                for e in active
            ],
            sanctions=sorted(sanctions),
            rewards=sorted(rewards),
        )
        self.app.save(check)
        return check, subject

    def _measures_of(self, entry: ListEntry, purpose: Purpose | None, today: date) -> list[Measure]:
        """An active entry's measures; of an entry repaired or expired, those that outlive it."""
        measures = self.reference.measures_for(entry.list_type, entry.domain, purpose)
        if entry.is_active_on(today):
            return list(measures)
        if entry.status_on(today) not in OUTLIVED:
            return []  # a revoked decision was wrong: nothing of it stays
        return [m for m in measures if measure_outlives_entry(m, entry.decision_date, today)]

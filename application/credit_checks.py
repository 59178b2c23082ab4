"""The credit check: a department looks at a subject before granting anything."""

from __future__ import annotations

from application.app import ChengxinApp
from application.entries import EntryService
from application.ports import Clock
from domain.credit_check import CreditCheck
from domain.reference import MeasureKind, Purpose, ReferenceData
from domain.subject import Subject, normalise_identifier, subject_id_for


class CreditCheckService:
    def __init__(
        self, app: ChengxinApp, reference: ReferenceData, clock: Clock, entries: EntryService
    ) -> None:
        self.app = app
        self.reference = reference
        self.clock = clock
        self.entries = entries

    def check(self, identifier: str, purpose: Purpose | None) -> tuple[CreditCheck, Subject | None]:
        """The subject's active entries and the measures that apply; the check is recorded."""
        today = self.clock.today()
        subject_id = subject_id_for(identifier)
        subject = (
            self.app.load(Subject, subject_id, "subject") if self.app.exists(subject_id) else None
        )
        active = self.entries.active_entries_of(subject_id, today) if subject else []
        sanctions: set[str] = set()
        rewards: set[str] = set()
        for entry in active:
            for measure in self.reference.measures_for(entry.list_type, entry.domain, purpose):
                (sanctions if measure.kind is MeasureKind.SANCTION else rewards).add(measure.code)
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

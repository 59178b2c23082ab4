"""Use cases of credit subjects."""

from __future__ import annotations

from uuid import UUID

from application.app import ChengxinApp
from application.ports import Clock
from domain.errors import DuplicateSubject, VersionConflict
from domain.identifiers import Scheme
from domain.subject import Subject, SubjectKind, subject_id_for, validate_identifier


class SubjectService:
    def __init__(self, app: ChengxinApp, clock: Clock | None = None) -> None:
        self.app = app
        self.clock = clock

    def register(
        self,
        kind: SubjectKind,
        identifier: str,
        name: str,
        scheme: Scheme | None = None,
        nationality: str | None = None,
    ) -> Subject:
        today = self.clock.today() if self.clock is not None else None
        subject = Subject.register(kind, identifier, name, today, scheme, nationality)
        try:  # the id follows from the identifier: a subject already there conflicts
            self.app.save(subject)
        except VersionConflict:
            if not self.app.exists(subject.id):
                raise
            raise DuplicateSubject(
                f"a subject with identifier {subject.identifier} is already registered",
                subject_id=str(subject.id),
            ) from None
        return subject

    def get(self, subject_id: UUID) -> Subject:
        return self.app.load(Subject, subject_id, "subject")

    def find(self, identifier: str, nationality: str | None = None) -> Subject | None:
        subject_id = subject_id_for(identifier, nationality)
        return self.get(subject_id) if self.app.exists(subject_id) else None

    def find_valid(self, kind: SubjectKind, identifier: str) -> Subject | None:
        return self.find(validate_identifier(kind, identifier))

    def rename(self, subject_id: UUID, name: str, expected_version: int | None) -> Subject:
        subject = self.app.load_expected(Subject, subject_id, "subject", expected_version)
        subject.rename(name)
        self.app.save(subject)
        return subject

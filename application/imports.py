"""Bulk import of existing lists: one row per entry, each row recorded atomically or not at all.

Rows stream through in chunks. Each row is checked in full (the same rules and errors as the
API) before it joins its chunk; a chunk's subjects and entries are saved together for speed. If
that save fails, its rows are retried one by one, so a row never half-lands and one bad row
never takes its neighbours down. Entry ids are derived from the subject, list and decision
number: a row already recorded is counted as unchanged, so a file imported twice adds nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol
from uuid import UUID

from application.accounts import Principal
from application.app import ChengxinApp
from application.entries import EntryService
from application.import_rows import ImportRow, header_columns, is_blank, parse_row
from application.permissions import require_may_act_for, require_may_act_in_domain
from domain.accounts import Role
from domain.entry import ListEntry
from domain.errors import (
    Conflict,
    DomainError,
    DuplicateEntry,
    Forbidden,
    ValidationFailed,
    VersionConflict,
)
from domain.red_and_black import dishonesty_among, end_honours, ends_honours
from domain.reference import ReferenceData
from domain.rules import red_list_excludes_dishonesty
from domain.subject import Subject

# Rows per save. Each commit writes every index page its rows touched, and in big tables
# nearly every row touches pages of its own: larger chunks share more pages (100,000 rows into
# SQLite: about 1,500 rows/s at 500, 1,650-1,840 at 2,000). Other writers wait for one chunk,
# about a second.
CHUNK = 2000
MAX_REPORTED = 1000
SUBJECT_CACHE = 10_000
RETRIES = 3
Numbered = tuple[int, Sequence[object]]


class AggregateIndex(Protocol):
    def existing(self, ids: Collection[UUID]) -> set[UUID]:
        """Which of these aggregate ids are already recorded."""


class Statistics(Protocol):
    def refresh(self, added: int) -> list[str]:
        """Bring the database's planner statistics up to a bulk change of about `added` rows
        a table, just committed (where it keeps any); the tables refreshed."""


Parsed = tuple[int, ImportRow]


@dataclass(frozen=True)
class Rejection:
    row: int
    code: str
    message: str


@dataclass
class ImportReport:
    accepted: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    rejected_total: int = 0

    def reject(self, row: int, error: DomainError) -> None:
        self.rejected_total += 1
        if len(self.rejected) < MAX_REPORTED:
            self.rejected.append(Rejection(row, error.code, clipped(error.message)))


MAX_MESSAGE = 300  # a rule that quotes a whole cell is cut short here


def clipped(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "…"


@dataclass
class Batch:
    rows: list[Parsed] = field(default_factory=list)
    aggregates: list[Any] = field(default_factory=list)
    subjects: dict[UUID, Subject] = field(default_factory=dict)
    entry_ids: set[UUID] = field(default_factory=set)
    # each subject's entries as this batch leaves them: stored ones read once, then its own
    entries_of: dict[UUID, list[ListEntry]] = field(default_factory=dict)


def numbered_chunks(rows: Iterator[Sequence[object]], size: int) -> Iterator[list[Numbered]]:
    """Data rows with their row number in the file (the header is row 1)."""
    numbered = enumerate(rows, start=2)
    while chunk := list(islice(numbered, size)):
        yield chunk


class ImportService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        entries: EntryService,
        index: AggregateIndex,
        statistics: Statistics | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self.app = app
        self.reference = reference
        self.entries = entries
        self.index = index
        self.statistics = statistics
        self.chunk = chunk

    def department_for(self, principal: Principal, department: str | None) -> str:
        """An officer imports for their own department (or one it succeeded: its history); an
        admin names one."""
        if principal.role is Role.OFFICER and principal.department:
            if department and department != principal.department:
                require_may_act_for(principal, department, self.reference)
                return department
            return principal.department
        if principal.role is not Role.ADMIN:
            raise Forbidden("only officers and admins import records")
        if not department or not self.reference.has_department(department):
            raise ValidationFailed(
                "name the deciding department of the records", field="department"
            )
        return department

    def run(
        self,
        principal: Principal,
        rows: Iterable[Sequence[object]],
        department: str | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        department = self.department_for(principal, department)
        stream = iter(rows)
        header = next(stream, None)
        if header is None:
            raise ValidationFailed("the file is empty: it needs a header row", field="file")
        run = ImportRun(self, principal, department, header_columns(header))
        for chunk in numbered_chunks(stream, self.chunk):
            run.record(run.parse(chunk))
            if on_progress is not None:
                on_progress(chunk[-1][0] - 1)
        self.refresh_statistics(run.report)
        return run.report

    def refresh_statistics(self, report: ImportReport) -> None:
        """After rows were recorded: searches are planned for the tables as they now are."""
        if report.accepted and self.statistics is not None:
            self.statistics.refresh(report.accepted)


class ImportRun:
    """One file's import: its report and the subjects it has already seen."""

    def __init__(
        self, service: ImportService, principal: Principal, department: str, columns: dict[str, int]
    ) -> None:
        self.app = service.app
        self.reference = service.reference
        self.entries = service.entries
        self.index = service.index
        self.principal = principal
        self.department = department
        self.columns = columns
        self.report = ImportReport()
        self.today = service.entries.clock.today()
        self.subjects: OrderedDict[UUID, Subject] = OrderedDict()

    def parse(self, chunk: list[Numbered]) -> list[Parsed]:
        parsed = []
        for number, values in chunk:
            try:
                if is_blank(values):
                    continue
                row = parse_row(values, self.columns, self.reference, self.department, self.today)
                require_may_act_in_domain(self.principal, row.entry.domain, self.reference)
            except DomainError as error:
                self.report.reject(number, error)
            else:
                parsed.append((number, row))
        return parsed

    def record(self, parsed: list[Parsed]) -> None:
        batch = self._batch(parsed)
        if not batch.aggregates:
            return
        try:
            self.app.save(*batch.aggregates)
        except Conflict:
            for one in batch.rows:  # someone wrote the same records meanwhile: row by row
                self._record_one(one)
            return
        self._saved(batch)

    def _record_one(self, numbered: Parsed) -> None:
        for _ in range(RETRIES):
            batch = self._batch([numbered])
            if not batch.aggregates:
                return  # now recorded by someone else (unchanged), or refused
            try:
                self.app.save(*batch.aggregates)
            except Conflict:
                continue
            self._saved(batch)
            return
        self.report.reject(
            numbered[0], VersionConflict("the records changed while this row was imported")
        )

    def _saved(self, batch: Batch) -> None:
        self.report.accepted += len(batch.rows)
        self._remember(batch.subjects.values())

    def _batch(self, parsed: list[Parsed]) -> Batch:
        known = self.index.existing(
            {row.subject_id for _, row in parsed} | {row.entry_id for _, row in parsed}
        )
        batch = Batch()
        for number, row in parsed:
            if row.entry_id in known or row.entry_id in batch.entry_ids:
                self.report.unchanged += 1
                continue
            try:
                self._add(batch, row, known)
            except DuplicateEntry:
                self.report.unchanged += 1
            except DomainError as error:
                self.report.reject(number, error)
            else:
                batch.rows.append((number, row))
        return batch

    def _add(self, batch: Batch, row: ImportRow, known: set[UUID]) -> None:
        """The row's entry, and its subject when new: both join the batch, or neither."""
        subject = batch.subjects.get(row.subject_id)
        is_new = subject is None and row.subject_id not in known
        if subject is None:
            subject = (
                Subject.register_identified(row.identifier, row.name)
                if is_new
                else self._subject(row.subject_id)
            )
        if subject.kind is not row.kind:
            raise ValidationFailed(
                f"{row.identifier.compact} is registered as {subject.kind.value}, "
                f"not {row.kind.value}",
                field="kind",
            )
        entry = self.entries.make_for(subject, row.entry, known_new=True)
        entries_of = self._entries_of(batch, subject.id, stored=row.subject_id in known)
        ended = self._red_and_black(batch, entry, entries_of)
        if is_new:
            batch.subjects[subject.id] = subject
            batch.aggregates.append(subject)
        batch.aggregates.extend((entry, *ended))
        batch.entry_ids.update(e.id for e in (entry, *ended))
        entries_of.append(entry)

    def _entries_of(self, batch: Batch, subject_id: UUID, stored: bool) -> list[ListEntry]:
        """The subject's entries, the stored ones read once per batch (none for a subject
        that is new in this file)."""
        entries_of = batch.entries_of.get(subject_id)
        if entries_of is None:
            entries_of = self.entries.entries_of(subject_id) if stored else []
            batch.entries_of[subject_id] = entries_of
        return entries_of

    def _red_and_black(
        self, batch: Batch, entry: ListEntry, entries_of: list[ListEntry]
    ) -> list[ListEntry]:
        """The subject's red and dishonesty entries exclude each other, as for one entry: those
        stored and those earlier in this batch alike."""
        active = [e for e in entries_of if e.is_active_on(self.today)]
        red_list_excludes_dishonesty(entry.list_type, dishonesty_among(active))
        if not ends_honours(entry, self.today):
            return []
        ended = end_honours(entry, active, self.today)
        return [red for red in ended if red.id not in batch.entry_ids]

    def _subject(self, subject_id: UUID) -> Subject:
        subject = self.subjects.pop(subject_id, None)
        if subject is None:
            subject = self.app.load(Subject, subject_id, "subject")
        self._remember([subject])
        return subject

    def _remember(self, subjects: Iterable[Subject]) -> None:
        for subject in subjects:
            self.subjects[subject.id] = subject
            if len(self.subjects) > SUBJECT_CACHE:
                self.subjects.popitem(last=False)

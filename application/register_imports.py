"""Bulk import of licences and credit commitments, one row a record, read like the entries'
import (the same header matching, value words, dates and refusals) and recorded like the API's
request: each row with its new subject in one save, or not at all. A row already recorded (the
same licence number of the department, the same commitment) counts as unchanged."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from application.accounts import Principal
from application.app import ChengxinApp
from application.commitments import CommitmentService, RecordCommitment
from application.import_rows import (
    HEADER_ALIASES,
    choice,
    decision_day,
    domain_code,
    header_columns,
    is_blank,
    required,
    text,
)
from application.imports import ImportReport, ImportService
from application.licences import LicenceService, RecordLicence
from application.permissions import require_may_act_for
from domain.errors import DomainError, DuplicateCommitment, DuplicateLicence, ValidationFailed
from domain.reference import ReferenceData
from domain.subject import Subject, SubjectKind, clean_name, identify

RegisterKind = Literal["licences", "commitments"]
Cells = Mapping[str, str]
SUBJECT_FIELDS = ("kind", "identifier", "name")
ALIASES = {
    **HEADER_ALIASES,
    "行政许可决定文书号": "licence_no",
    "许可证书编号": "licence_no",
    "许可编号": "licence_no",
    "许可类别": "licence_kind",
    "许可内容": "content",
    "许可决定日期": "decision_date",
    "有效期自": "valid_from",
    "有效期至": "valid_to",
    "承诺事项": "matter",
    "承诺内容": "text",
    "承诺日期": "signed_on",
}


@dataclass(frozen=True)
class Layout:
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return self.required + self.optional


LAYOUTS: dict[str, Layout] = {
    "licences": Layout(
        (*SUBJECT_FIELDS, "licence_no", "licence_kind", "content", "decision_date"),
        ("valid_from", "valid_to"),
    ),
    "commitments": Layout((*SUBJECT_FIELDS, "matter", "text", "signed_on"), ("domain",)),
}


class RegisterImportService:
    def __init__(
        self,
        app: ChengxinApp,
        reference: ReferenceData,
        imports: ImportService,
        licences: LicenceService,
        commitments: CommitmentService,
    ) -> None:
        self.app = app
        self.reference = reference
        self.imports = imports
        self.licences = licences
        self.commitments = commitments

    def run(
        self,
        principal: Principal,
        kind: RegisterKind,
        rows: Iterable[Sequence[object]],
        department: str | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        department = self.imports.department_for(principal, department)
        require_may_act_for(principal, department, self.reference)
        layout = LAYOUTS[kind]
        stream = iter(rows)
        header = next(stream, None)
        if header is None:
            raise ValidationFailed("the file is empty: it needs a header row", field="file")
        columns = header_columns(header, layout.fields, layout.required, ALIASES)
        report = ImportReport()
        for number, values in enumerate(stream, start=2):
            if is_blank(values):
                continue
            try:
                self._record(kind, layout, columns, values, department, report)
            except DomainError as error:
                report.reject(number, error)
            if on_progress is not None:
                on_progress(number - 1)
        self.imports.refresh_statistics(report)
        return report

    def _record(
        self,
        kind: RegisterKind,
        layout: Layout,
        columns: dict[str, int],
        values: Sequence[object],
        department: str,
        report: ImportReport,
    ) -> None:
        cells = {f: text(values[i]) if i < len(values) else "" for f, i in columns.items()}
        cells.update({f: "" for f in layout.optional if f not in cells})
        subject, is_new = self._subject(cells)
        try:
            if kind == "licences":
                record: Any = self.licences.make_for(
                    subject, self._licence(values, columns, cells, subject, department)
                )
            else:
                record = self.commitments.make_for(
                    subject, self._commitment(values, columns, cells, subject, department)
                )
        except (DuplicateLicence, DuplicateCommitment):
            report.unchanged += 1
            return
        self.app.save(*((subject,) if is_new else ()), record)
        report.accepted += 1

    def _subject(self, cells: Cells) -> tuple[Subject, bool]:
        kind = choice(SubjectKind, required(cells, "kind"), "kind")
        identifier = identify(kind, required(cells, "identifier"))
        name = clean_name(required(cells, "name"))
        if not self.app.exists(identifier.subject_id):
            return Subject.register_identified(identifier, name), True
        subject = self.app.load(Subject, identifier.subject_id, "subject")
        if subject.kind is not kind:
            raise ValidationFailed(
                f"{identifier.compact} is registered as {subject.kind.value}, not {kind.value}",
                field="kind",
            )
        return subject, False

    @staticmethod
    def _licence(
        values: Sequence[object],
        columns: Mapping[str, int],
        cells: Cells,
        subject: Subject,
        department: str,
    ) -> RecordLicence:
        decided = decision_day(values, columns, cells)
        valid_from = (
            decision_day(values, columns, cells, "valid_from") if cells["valid_from"] else decided
        )
        valid_to = decision_day(values, columns, cells, "valid_to") if cells["valid_to"] else None
        return RecordLicence(
            subject_id=subject.id,
            licence_no=required(cells, "licence_no"),
            kind=required(cells, "licence_kind"),
            content=required(cells, "content"),
            decision_date=decided,
            valid_from=valid_from,
            valid_to=valid_to,
            department=department,
        )

    def _commitment(
        self,
        values: Sequence[object],
        columns: Mapping[str, int],
        cells: Cells,
        subject: Subject,
        department: str,
    ) -> RecordCommitment:
        return RecordCommitment(
            subject_id=subject.id,
            matter=required(cells, "matter"),
            text=required(cells, "text"),
            signed_on=decision_day(values, columns, cells, "signed_on"),
            department=department,
            domain=domain_code(self.reference, cells["domain"]) if cells["domain"] else None,
        )

"""Bulk import of existing lists from CSV or XLSX."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, UploadFile

from infrastructure.tabular import open_table
from interfaces.api.deps import Staff, System
from interfaces.api.errors import ApiError
from interfaces.api.schemas.imports import ImportReportOut

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])
MAX_BYTES = 64 * 1024 * 1024


@router.post("", response_model=ImportReportOut)
def import_records(
    system: System,
    staff: Staff,
    file: UploadFile,
    department: Annotated[str | None, Form(max_length=64)] = None,
    kind: Annotated[Literal["entries", "licences", "commitments"], Form()] = "entries",
) -> ImportReportOut:
    """One entry per row (header `kind, identifier, name, list_type, domain, severity,
    decision_no, decision_date, legal_basis[, repairable]`; CSV in UTF-8 or GB18030, or XLSX).
    Good rows are recorded, each atomically; a row already recorded counts as unchanged; bad
    rows come back with their row number (the header is row 1). An admin names the
    `department`; an officer's rows belong to their own department.

    `kind=licences`: header `kind, identifier, name, licence_no, licence_kind, content,
    decision_date[, valid_from, valid_to]`; `kind=commitments`: `kind, identifier, name, matter,
    text, signed_on[, domain]` (Chinese headers such as 许可证书编号 or 承诺事项 too)."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ApiError(
            413, "payload_too_large", f"an import file is at most {MAX_BYTES // 2**20} MiB"
        )
    table = open_table(file.file)
    if kind == "entries":
        return ImportReportOut.of(system.imports.run(staff, table.rows, department))
    return ImportReportOut.of(system.register_imports.run(staff, kind, table.rows, department))

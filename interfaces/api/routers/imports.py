"""Bulk import of existing lists from CSV or XLSX."""

from __future__ import annotations

from typing import Annotated

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
) -> ImportReportOut:
    """One entry per row (header `kind, identifier, name, list_type, domain, severity,
    decision_no, decision_date, legal_basis[, repairable]`; CSV in UTF-8 or GB18030, or XLSX).
    Good rows are recorded, each atomically; a row already recorded counts as unchanged; bad
    rows come back with their row number (the header is row 1). An admin names the
    `department`; an officer's rows belong to their own department."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ApiError(
            413, "payload_too_large", f"an import file is at most {MAX_BYTES // 2**20} MiB"
        )
    table = open_table(file.file)
    return ImportReportOut.of(system.imports.run(staff, table.rows, department))

"""Credit subjects: register, read, find by identifier."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from application.permissions import require_may_read
from domain.entry_values import EntryStatus, effective_status
from domain.identifiers import Scheme
from domain.subject import SubjectKind
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.errors import ApiError
from interfaces.api.schemas.common import Page
from interfaces.api.schemas.subjects import EntrySummary, NewSubject, SubjectName, SubjectOut

router = APIRouter(prefix="/api/v1/subjects", tags=["subjects"])


@router.post("", response_model=SubjectOut, status_code=201)
def register_subject(body: NewSubject, system: System, _: Staff, response: Response) -> SubjectOut:
    if body.nationality is not None and body.scheme != "passport":
        raise ApiError(422, "validation_error", "nationality goes with scheme passport only")
    scheme = Scheme(body.scheme) if body.scheme else None
    subject = system.subjects.register(
        SubjectKind(body.kind), body.identifier, body.name, scheme, body.nationality
    )
    response.headers["ETag"] = f'"{subject.version}"'
    response.headers["Location"] = f"/api/v1/subjects/{subject.id}"
    return SubjectOut.of(subject)


@router.get("/{subject_id}", response_model=SubjectOut)
def get_subject(
    subject_id: UUID, system: System, principal: CurrentUser, response: Response
) -> SubjectOut:
    """The subject with its entries (ids, list types, statuses as of today)."""
    require_may_read(principal, subject_id, "subject", subject_id)
    subject = system.subjects.get(subject_id)
    today = system.clock.today()
    rows = system.worklists.list_entries(EntryFilter(subject_id=str(subject_id)), None, 500)
    response.headers["ETag"] = f'"{subject.version}"'
    out = SubjectOut.of(subject)
    out.entries = [
        EntrySummary(
            id=row["entry_id"],
            list_type=row["list_type"],
            status=effective_status(EntryStatus(row["status"]), row["max_end"], today).value,
        )
        for row in rows
    ]
    return out


@router.get("", response_model=Page[SubjectOut])
def find_subjects(
    system: System,
    _: Reader,
    identifier: Annotated[str, Query(min_length=1, max_length=40)],
    nationality: Annotated[
        str | None, Query(min_length=3, max_length=3, description="a passport's nationality")
    ] = None,
) -> Page[SubjectOut]:
    subject = system.subjects.find(identifier, nationality)
    return Page[SubjectOut](items=[SubjectOut.of(subject)] if subject else [])


@router.patch("/{subject_id}", response_model=SubjectOut)
def rename_subject(
    subject_id: UUID,
    body: SubjectName,
    system: System,
    _: Staff,
    expected: ExpectedVersion,
    response: Response,
) -> SubjectOut:
    """Correct a subject's registered name (a company renamed, a typo)."""
    subject = system.subjects.rename(subject_id, body.name, expected)
    response.headers["ETag"] = f'"{subject.version}"'
    return SubjectOut.of(subject)

"""Credit subjects: register, read, find by identifier."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from application.accounts import Principal
from domain.accounts import Role
from domain.entry_values import EntryStatus, effective_status
from domain.subject import Subject, SubjectKind
from infrastructure.worklists_queries import EntryFilter
from interfaces.api.deps import CurrentUser, ExpectedVersion, Reader, Staff, System
from interfaces.api.errors import ApiError
from interfaces.api.schemas import EntrySummary, NewSubject, Page, SubjectName, SubjectOut

router = APIRouter(prefix="/api/v1/subjects", tags=["subjects"])


def subject_out(subject: Subject) -> SubjectOut:
    return SubjectOut(
        id=subject.id,
        kind=subject.kind.value,
        identifier=subject.identifier,
        name=subject.name,
        birth_date=subject.birth_date,
        version=subject.version,
    )


def may_read_subject(principal: Principal, subject_id: UUID) -> None:
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise ApiError(403, "forbidden", "a subject account sees only its own records")
    if principal.role is Role.OFFICE:
        raise ApiError(403, "forbidden", "the office reads statistics, not single records")


@router.post("", response_model=SubjectOut, status_code=201)
def register_subject(body: NewSubject, system: System, _: Staff, response: Response) -> SubjectOut:
    subject = system.subjects.register(SubjectKind(body.kind), body.identifier, body.name)
    response.headers["ETag"] = f'"{subject.version}"'
    response.headers["Location"] = f"/api/v1/subjects/{subject.id}"
    return subject_out(subject)


@router.get("/{subject_id}", response_model=SubjectOut)
def get_subject(
    subject_id: UUID, system: System, principal: CurrentUser, response: Response
) -> SubjectOut:
    """The subject with its entries (ids, list types, statuses as of today)."""
    may_read_subject(principal, subject_id)
    subject = system.subjects.get(subject_id)
    today = system.clock.today()
    rows = system.worklists.list_entries(EntryFilter(subject_id=str(subject_id)), None, 500)
    response.headers["ETag"] = f'"{subject.version}"'
    out = subject_out(subject)
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
) -> Page[SubjectOut]:
    subject = system.subjects.find(identifier)
    return Page[SubjectOut](items=[subject_out(subject)] if subject else [])


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
    return subject_out(subject)

"""Who may act on which record, beyond the role a route declares."""

from __future__ import annotations

from uuid import UUID

from application.accounts import Principal
from domain.accounts import Role
from domain.errors import Forbidden, ForbiddenDomain
from domain.reference import ReferenceData
from domain.rules import department_may_act


def may_act_in_domain(principal: Principal, domain_code: str, reference: ReferenceData) -> None:
    domain = reference.domain(domain_code)
    if principal.role is Role.ADMIN:
        return
    if principal.department is None or not department_may_act(domain, principal.department):
        raise ForbiddenDomain(
            f"your department is neither lead nor participating unit of {domain.name_zh}",
            domain=domain_code,
        )


def is_deciding_department(principal: Principal, department: str) -> None:
    if principal.role is Role.ADMIN:
        return
    if principal.role is not Role.OFFICER or principal.department != department:
        raise Forbidden(
            "only an officer of the deciding department may do this", department=department
        )


def owns_or_staff(principal: Principal, subject_id: UUID) -> None:
    """A subject account acts only on its own records; officers and admins on any."""
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise Forbidden("a subject account acts only on its own records")
    if principal.role in {Role.AUDITOR, Role.OFFICE}:
        raise Forbidden("auditors and the office read; they change no record")


def may_read(principal: Principal, subject_id: UUID) -> None:
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise Forbidden("a subject account sees only its own records")
    if principal.role is Role.OFFICE:
        raise Forbidden("the office reads statistics and progress sheets, not single records")

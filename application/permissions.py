"""Who may act on which record, beyond the role a route declares: the one place of that rule.

A record belongs to the department that opened or decided it. Only that department's officers
(and admins) act on it; officers of other departments, even participating units of the domain,
may read it and open cases of their own. Subjects act on their own records; auditors only read.
"""

from __future__ import annotations

from uuid import UUID

from application.accounts import Principal
from domain.accounts import Role
from domain.errors import Forbidden, ForbiddenDomain
from domain.reference import Measure, ReferenceData
from domain.rules import department_may_act


def may_act_in_domain(principal: Principal, domain_code: str, reference: ReferenceData) -> None:
    """Opening a case or recording a decision: the department must be a unit of the domain."""
    domain = reference.domain(domain_code)
    if principal.role is Role.ADMIN:
        return
    if principal.department is None or not department_may_act(domain, principal.department):
        raise ForbiddenDomain(
            f"your department is neither lead nor participating unit of {domain.name_zh}",
            domain=domain_code,
        )


def is_deciding_department(principal: Principal, department: str) -> None:
    """Acting on a case, entry, objection or repair: only the department it belongs to."""
    if principal.role is Role.ADMIN:
        return
    if principal.role is not Role.OFFICER or principal.department != department:
        raise Forbidden(
            "only an officer of the deciding department may do this", department=department
        )


def subject_or_deciding_department(principal: Principal, subject_id: UUID, department: str) -> None:
    """The record's own subject, or the department it belongs to acting on the subject's behalf."""
    if principal.role is Role.SUBJECT:
        if principal.subject_id != subject_id:
            raise Forbidden("a subject account acts only on its own records")
        return
    is_deciding_department(principal, department)


def may_apply_measure(principal: Principal, department: str, measure: Measure) -> None:
    """Joint measures: the deciding department, or a department the catalogue names for it."""
    if principal.role is Role.OFFICER and principal.department in measure.departments:
        return
    is_deciding_department(principal, department)


def owns_or_staff(principal: Principal, subject_id: UUID) -> None:
    """A subject account acts only on its own records; officers and admins on any."""
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise Forbidden("a subject account acts only on its own records")
    if principal.role is Role.AUDITOR:
        raise Forbidden("auditors read; they change nothing")


def may_read(principal: Principal, subject_id: UUID) -> None:
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise Forbidden("a subject account sees only its own records")

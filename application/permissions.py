"""Guards: who may act on which record, beyond the role a route declares: the one place of that
rule.

A record belongs to the department that opened or decided it. Only that department's officers
(and admins) act on it, and the officers of the unit that succeeded it in a reorganisation
(市场监管局 for 工商、食药监、物价; 生态环境局 for 环保; a merged district's units for those of the
districts it replaced): `ReferenceData.acts_for`, "the department or its predecessors". Officers
of other departments, even participating units of the domain, may read it and open cases of
their own. A county unit takes part in the domains of the city unit of its kind (and of its
predecessors): `ReferenceData.involves`. Subjects act on their own records; auditors only read.

Each `require_*` returns nothing when the principal may go on and raises `Forbidden` (or a
subclass, or `NotFound` where telling would reveal a record) when not, so a call reads as the
condition it enforces.
"""

from __future__ import annotations

from uuid import UUID

from application.accounts import Principal
from application.app import not_found
from domain.accounts import Role
from domain.errors import Forbidden, ForbiddenDomain
from domain.reference import Measure, ReferenceData


def require_may_act_in_domain(
    principal: Principal, domain_code: str, reference: ReferenceData
) -> None:
    """An admin, or an officer of a lead or participating unit of the domain."""
    domain = reference.domain(domain_code)
    if principal.role is Role.ADMIN:
        return
    if principal.department is None or not reference.involves(domain, principal.department):
        raise ForbiddenDomain(
            f"your department is neither lead nor participating unit of {domain.name_zh}",
            domain=domain_code,
        )


def acts_for(principal: Principal, department: str, reference: ReferenceData) -> bool:
    """An officer of the department, or of the unit that succeeded it."""
    return (
        principal.role is Role.OFFICER
        and principal.department is not None
        and department in reference.acts_for(principal.department)
    )


def require_deciding_department(
    principal: Principal, department: str, reference: ReferenceData
) -> None:
    """An admin, or an officer of the department that took the decision or of its successor."""
    if principal.role is Role.ADMIN:
        return
    if not acts_for(principal, department, reference):
        raise Forbidden(
            "only an officer of the deciding department (or of its successor) may do this",
            department=department,
        )


def require_may_act_for(principal: Principal, department: str, reference: ReferenceData) -> None:
    """Recording or importing in a department's name: an admin names any department, an
    officer their own or one their unit succeeded (its history)."""
    require_deciding_department(principal, department, reference)


def require_subject_or_deciding_department(
    principal: Principal,
    subject_id: UUID,
    department: str,
    reference: ReferenceData,
    record: tuple[str, UUID],
) -> None:
    """The record's own subject, or the department it belongs to acting on the subject's behalf
    (another subject's record is missing to a subject account)."""
    if principal.role is Role.SUBJECT:
        require_may_read(principal, subject_id, *record)
        return
    require_deciding_department(principal, department, reference)


def require_may_apply_measure(
    principal: Principal, department: str, measure: Measure, reference: ReferenceData
) -> None:
    """Joint measures: the deciding department, or a department the catalogue names for it
    (a county unit or a successor counts as the city unit of its kind)."""
    own = principal.department if principal.role is Role.OFFICER else None
    if own and reference.kinds_of(own) & set(measure.departments):
        return
    require_deciding_department(principal, department, reference)


def require_owner_or_staff(
    principal: Principal, subject_id: UUID, what: str, record_id: UUID
) -> None:
    """A subject account acts only on its own records (another's is missing to it, as in
    `require_may_read`); officers and admins on any."""
    require_may_read(principal, subject_id, what, record_id)
    if principal.role in {Role.AUDITOR, Role.OFFICE}:
        raise Forbidden("auditors and the office read; they change no record")


def require_may_read(principal: Principal, subject_id: UUID, what: str, record_id: UUID) -> None:
    """A subject account sees only its own records. Another's answers exactly as a record that
    does not exist (the same 404, the same body), or the answer would tell that it exists:
    entry ids derive from subject, list and decision number, so they can be guessed."""
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise not_found(what, record_id)
    if principal.role is Role.OFFICE:
        raise Forbidden("the office reads statistics and progress sheets, not single records")

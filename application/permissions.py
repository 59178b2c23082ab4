"""Guards: who may act on which record, beyond the role a route declares.

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
from domain.reference import ReferenceData
from domain.rules import department_may_act


def require_may_act_in_domain(
    principal: Principal, domain_code: str, reference: ReferenceData
) -> None:
    """An admin, or an officer of a lead or participating unit of the domain."""
    domain = reference.domain(domain_code)
    if principal.role is Role.ADMIN:
        return
    if principal.department is None or not department_may_act(domain, principal.department):
        raise ForbiddenDomain(
            f"your department is neither lead nor participating unit of {domain.name_zh}",
            domain=domain_code,
        )


def require_deciding_department(principal: Principal, department: str) -> None:
    """An admin, or an officer of the department that took the decision."""
    if principal.role is Role.ADMIN:
        return
    if principal.role is not Role.OFFICER or principal.department != department:
        raise Forbidden(
            "only an officer of the deciding department may do this", department=department
        )


def require_owner_or_staff(
    principal: Principal, subject_id: UUID, what: str, record_id: UUID
) -> None:
    """A subject account acts only on its own records (another's is missing to it, as in
    `require_may_read`); officers and admins on any."""
    require_may_read(principal, subject_id, what, record_id)
    if principal.role is Role.AUDITOR:
        raise Forbidden("auditors read; they change nothing")


def require_may_read(principal: Principal, subject_id: UUID, what: str, record_id: UUID) -> None:
    """A subject account sees only its own records. Another's answers exactly as a record that
    does not exist (the same 404, the same body), or the answer would tell that it exists:
    entry ids derive from subject, list and decision number, so they can be guessed."""
    if principal.role is Role.SUBJECT and principal.subject_id != subject_id:
        raise not_found(what, record_id)

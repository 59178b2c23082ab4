"""Refusals of the domain: each carries a stable code and structured context.

The HTTP layer maps these to problem responses in one place; the domain knows nothing of HTTP.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A command refused by a rule. `code` is stable; `context` is machine-readable detail."""

    code = "domain_error"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class ValidationFailed(DomainError):
    code = "validation_error"


class InvalidIdentifier(DomainError):
    code = "invalid_identifier"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class DuplicateSubject(Conflict):
    code = "duplicate_subject"


class InvalidState(Conflict):
    code = "invalid_state"


class VersionConflict(Conflict):
    code = "version_conflict"


class Forbidden(DomainError):
    code = "forbidden"


class RuleRefused(DomainError):
    """A business rule refused the command (422)."""

    code = "rule_refused"

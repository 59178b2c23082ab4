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


class InvalidEncoding(ValidationFailed):
    """A file that is not in one encoding we read (UTF-8 or GB18030) from start to end."""

    code = "invalid_encoding"


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


class ForbiddenDomain(Forbidden):
    code = "forbidden_domain"


class DuplicateEntry(Conflict):
    code = "duplicate_entry"


class DuplicateLicence(Conflict):
    code = "duplicate_licence"


class DuplicateCommitment(Conflict):
    code = "duplicate_commitment"


class ObjectionOpen(Conflict):
    code = "objection_open"


class RepairOpen(Conflict):
    code = "repair_open"


class MinorProtected(RuleRefused):
    code = "minor_protected"


class NoticeRequired(RuleRefused):
    code = "notice_required"


class StatementPeriodOpen(RuleRefused):
    code = "statement_period_open"


class DecisionBeforeNotice(RuleRefused):
    """A decision dated before the notice (告知) that announced it was served."""

    code = "decision_before_notice"


class CommitmentRequired(RuleRefused):
    code = "commitment_required"


class RepairNotEligible(RuleRefused):
    code = "repair_not_eligible"


class MeasureNotApplicable(RuleRefused):
    code = "measure_not_applicable"


class DishonestyActive(RuleRefused):
    """The red list honours a subject that no active dishonesty entry names."""

    code = "dishonesty_active"


class SeverityNotAllowed(RuleRefused):
    """The list type does not take that severity (a blacklist is serious, a red list has none)."""

    code = "severity_not_allowed"


class NotRepairableByRule(RuleRefused):
    """Asked to make repairable an entry the rules make not repairable."""

    code = "not_repairable_by_rule"


class WeakPassword(RuleRefused):
    """Too short, the username itself, or one of the passwords every attacker tries first."""

    code = "weak_password"


class TooManyAttempts(DomainError):
    """Sign-in refused for a while after repeated failures; `retry_after` is in seconds."""

    code = "too_many_attempts"


class DamagedRecord(DomainError):
    """A record whose stored events cannot be decoded or replayed (context: aggregate_id,
    position). Not the user's fault: the HTTP layer answers 500 and names the record."""

    code = "damaged_record"


class FileTooComplex(ValidationFailed):
    """An uploaded spreadsheet past the import limits (columns, rows, a cell's length, shared
    strings, decompressed size)."""

    code = "file_too_complex"


class SheetIncomplete(RuleRefused):
    """A progress sheet submitted before the unit wrote every row (422, names the domains)."""

    code = "sheet_incomplete"


class EvidenceUnconfirmed(RuleRefused):
    """A repair approved while an uploaded evidence file is neither confirmed nor rejected."""

    code = "evidence_unconfirmed"


class TrainingRequired(RuleRefused):
    """A repair the regime grants only with a credit-training certificate."""

    code = "training_required"


class FileTooLarge(DomainError):
    """An uploaded file past its limit (413)."""

    code = "file_too_large"


class UnsupportedMediaType(DomainError):
    """A file of a type not taken, or whose bytes are not of the type it declares (415)."""

    code = "unsupported_media_type"

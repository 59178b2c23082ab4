"""What the rules give an entry from its list, severity and decision date: which severities the
list takes, the regime and the list's own periods, whether it is published, whether it can be
repaired. One function (`terms_of`) serves the listing and every correction that changes one of
its inputs, so a corrected entry has exactly the terms a new one with its facts would get."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import NotRepairableByRule, SeverityNotAllowed, ValidationFailed
from domain.reference import ListType, ReferenceData, Regime, Severity, SpecialList
from domain.rules import Window, add_months, is_published_by_rule
from domain.subject import SubjectKind


@dataclass(frozen=True)
class Facts:
    """The facts of a decision the terms depend on."""

    list_type: ListType
    severity: Severity | None
    decision_date: date
    domain: str
    department: str
    subject_kind: SubjectKind
    penalty_kind: str | None = None
    extension_months: int = 0


@dataclass(frozen=True)
class Terms:
    regime: Regime
    special: SpecialList | None
    window: Window
    publishable: bool
    repairable_by_rule: bool


def severity_fits_list(
    reference: ReferenceData, list_type: ListType, severity: Severity | None
) -> None:
    """A blacklist entry is serious, a red-list entry has no severity at all; the data says
    which severities every list type takes."""
    allowed = reference.severities_of(list_type)
    fits = severity is None if not allowed else severity in allowed
    if not fits:
        shown = severity.value if severity else None
        raise SeverityNotAllowed(
            f"a {list_type.value} entry cannot have severity {shown}",
            list_type=list_type.value,
            severity=shown,
            allowed=sorted(s.value for s in allowed),
        )


def own_window(
    regime: Regime,
    special: SpecialList | None,
    list_type: ListType,
    severity: Severity | None,
    decided_on: date,
    extension_months: int = 0,
) -> Window:
    """Periods run from the decision date: the red list's validity, else the list's own periods
    where it has them (lengthened for obstruction), else the regime's for the severity."""
    if list_type is ListType.RED or severity is None:
        months = regime.red_list_valid_months
        return Window(add_months(decided_on, months), add_months(decided_on, months))
    own = special.publication.get(severity) if special else None
    rule = own or regime.publication[severity]
    longest = rule.max_months + extension_months
    return Window(add_months(decided_on, rule.min_months), add_months(decided_on, longest))


def extension_is_allowed(special: SpecialList | None, months: int) -> None:
    """Only a list with its own extension (court defaulters' obstruction) is lengthened."""
    most = special.extension_max_months if special else 0
    if months < 0 or months > most:
        raise ValidationFailed(
            f"this listing can be lengthened by 0 to {most} months, not {months}",
            field="extension_months",
        )


def terms_of(reference: ReferenceData, facts: Facts) -> Terms:
    severity_fits_list(reference, facts.list_type, facts.severity)
    if facts.penalty_kind is not None and facts.list_type is not ListType.PENALTY:
        raise ValidationFailed("only a penalty has a penalty kind", field="penalty_kind")
    regime = reference.regime_on(facts.decision_date)
    special = reference.special_list(
        facts.list_type, facts.domain, facts.department, facts.decision_date
    )
    extension_is_allowed(special, facts.extension_months)
    window = own_window(
        regime,
        special,
        facts.list_type,
        facts.severity,
        facts.decision_date,
        facts.extension_months,
    )
    return Terms(
        regime=regime,
        special=special,
        window=window,
        publishable=is_published(regime, special, facts),
        repairable_by_rule=repairable_by_rule(reference, special, facts),
    )


def is_published(regime: Regime, special: SpecialList | None, facts: Facts) -> bool:
    if facts.list_type is ListType.RED or facts.severity is None:
        return True
    own = special.publication.get(facts.severity) if special else None
    if own is not None and not own.published:
        return False
    return is_published_by_rule(regime, facts.list_type, facts.severity, facts.subject_kind)


def repairable_by_rule(reference: ReferenceData, special: SpecialList | None, facts: Facts) -> bool:
    """Derived, never a form's default: the red list has nothing to repair, a list that repair
    does not end (court defaulters) and a penalty whose publication allows no early stop are not
    repairable."""
    if facts.list_type is ListType.RED:
        return False
    if special is not None and not special.repairable:
        return False
    if facts.penalty_kind is not None:
        return reference.penalty_kind(facts.penalty_kind).early_stop
    return True


def repairable_as_asked(
    by_rule: bool, asked: bool | None, reason: str | None
) -> tuple[bool, str | None]:
    """An officer may make a repairable entry not repairable, with a reason; never the
    reverse. Not asking takes the rule."""
    reason = (reason or "").strip() or None
    if asked is None or asked is by_rule:
        return by_rule, reason if not by_rule else None
    if asked and not by_rule:
        raise NotRepairableByRule(
            "the rules make this entry not repairable: it cannot be made repairable",
            field="repairable",
        )
    if reason is None:
        raise ValidationFailed(
            "say why this entry is not repairable", field="not_repairable_reason"
        )
    return False, reason

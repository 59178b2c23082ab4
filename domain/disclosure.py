"""What the public site shows of an entry: one rule, used by the live projection and by the
auditor's view of any past moment.

The rule has a time-independent part (`disclosed_record`: published, still active, masked where
the subject is a natural person) and a time part (`is_public_on`: inside the window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.entry import ListEntry
from domain.entry_values import EntryStatus
from domain.subject import SubjectKind

# A resident id shows at most its province (two characters): county, birth date, sequence and
# check character stay hidden. Only provinces with so many county codes that at least 10^9 ids
# of listed adults share the mask show theirs; the others, and the ids of Hong Kong, Macao and
# Taiwan residents, show nothing (together they too leave more than 10^9). The arithmetic is in
# tests/unit/test_masking.py. The former mask (six characters and four) left about 2,600
# candidates, and one anonymous search each recovered an id in seconds.
PROVINCE = 2
# fmt: off
SHOWN_PROVINCES = frozenset((
    "13", "14", "15", "21", "22", "23", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "51", "52", "53", "54", "61", "62", "63", "65",
))
# fmt: on


@dataclass(frozen=True)
class DisclosedEntry:
    entry_id: UUID
    list_type: str
    domain: str
    severity: str | None  # none on the red list
    subject_kind: str
    subject_name: str
    identifier: str
    department: str
    decision_no: str
    decision_date: date
    published_at: date
    publication_ends: date
    under_objection: bool
    legal_basis: str = ""  # v1.1: 处罚依据
    penalty_content: str = ""  # v1.1: the penalty's content (处罚内容)


def mask_name(name: str) -> str:
    """王小明 → 王**: the family name stays, the given name is hidden."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def mask_identifier(identifier: str) -> str:
    """320802199001011234 → 32****************; 110105194912310021 → ******************."""
    head = identifier[:PROVINCE] if identifier[:PROVINCE] in SHOWN_PROVINCES else ""
    return head + "*" * (len(identifier) - len(head))


def disclosed_record(entry: ListEntry) -> DisclosedEntry | None:
    """The entry as the public site shows it, or None when the rules keep it off the site."""
    if entry.status is not EntryStatus.PUBLISHED or entry.published_on is None:
        return None
    natural = entry.subject_kind is SubjectKind.NATURAL_PERSON
    return DisclosedEntry(
        entry_id=entry.id,
        list_type=entry.list_type.value,
        domain=entry.domain,
        severity=entry.severity.value if entry.severity else None,
        subject_kind=entry.subject_kind.value,
        subject_name=mask_name(entry.subject_name) if natural else entry.subject_name,
        identifier=mask_identifier(entry.identifier) if natural else entry.identifier,
        department=entry.department,
        decision_no=entry.decision_no,
        decision_date=entry.decision_date,
        published_at=entry.published_on,
        publication_ends=entry.max_end,
        under_objection=entry.open_objection is not None,
        legal_basis=entry.legal_basis,
        penalty_content=entry.penalty_content,
    )


def is_public_on(record: DisclosedEntry, day: date) -> bool:
    """Publication stops at the maximum period, whether or not the expiry is recorded yet."""
    return day < record.publication_ends


def public_on(entry: ListEntry, day: date) -> DisclosedEntry | None:
    record = disclosed_record(entry)
    return record if record is not None and is_public_on(record, day) else None

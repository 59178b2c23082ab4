"""What the public site showed at a past moment, from the events recorded by then.

The rule is the live site's own: `public_on` for each entry (published, inside its window,
masked), shown under the name the live projection shows (`PublicProjection._name`): the latest,
by position, of the subject's rename and the entry's own name correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from application.public_projection import display_name
from application.timeline import Stored, reconstruct
from domain.commitment import Commitment
from domain.disclosure import DisclosedEntry, public_on
from domain.entry import ListEntry
from domain.licence import Licence
from domain.register_disclosure import (
    DisclosedCommitment,
    DisclosedLicence,
    disclosed_commitment,
    disclosed_licence,
)
from domain.subject import Subject

Named = tuple[int, str]  # (position, name shown)


def disclosed_as_of(streams: Sequence[Sequence[Stored]], day: date) -> list[DisclosedEntry]:
    """`streams`: each aggregate's stored events recorded by the moment; `day`: its date."""
    renamed = next((n for s in streams if (n := subject_rename(s)) is not None), None)
    shown = []
    for stream in streams:
        entry = reconstruct([stored.event for stored in stream])
        if not isinstance(entry, ListEntry) or (record := public_on(entry, day)) is None:
            continue
        names = [n for n in (renamed, own_name(stream, entry)) if n is not None]
        if names:
            record = replace(record, subject_name=max(names)[1])
        shown.append(record)
    return shown


@dataclass(frozen=True)
class Disclosure:
    """Everything the public site showed of a subject at a moment."""

    entries: list[DisclosedEntry]
    licences: list[DisclosedLicence] = field(default_factory=list)
    commitments: list[DisclosedCommitment] = field(default_factory=list)


def registers_as_of(
    streams: Sequence[Sequence[Stored]], day: date
) -> tuple[list[DisclosedLicence], list[DisclosedCommitment]]:
    """The subject's licences (not ended by that day, as the live site's window) and commitments
    as the site showed them, under the name it showed after the subject's latest rename."""
    renamed = next((n for s in streams if (n := subject_rename(s)) is not None), None)
    licences, commitments = [], []
    for stream in streams:
        record: Any = reconstruct([stored.event for stored in stream])
        if isinstance(record, Licence):
            held = disclosed_licence(record)
            if held is not None and (held.valid_to is None or day < held.valid_to):
                licences.append(_named(held, renamed))
        elif isinstance(record, Commitment) and (taken := disclosed_commitment(record)):
            commitments.append(_named(taken, renamed))
    return licences, commitments


def _named(record: Any, renamed: Named | None) -> Any:
    return record if renamed is None else replace(record, subject_name=renamed[1])


def subject_rename(stream: Sequence[Stored]) -> Named | None:
    renames = [s.position for s in stream if isinstance(s.event, Subject.Renamed)]
    if not renames:
        return None
    subject = reconstruct([stored.event for stored in stream])
    return renames[-1], display_name(subject.kind, subject.name)


def own_name(stream: Sequence[Stored], entry: ListEntry) -> Named | None:
    corrections = [
        s.position
        for s in stream
        if isinstance(s.event, ListEntry.Corrected) and "subject_name" in s.event.changes
    ]
    if not corrections:
        return None
    return corrections[-1], display_name(entry.subject_kind, entry.subject_name)

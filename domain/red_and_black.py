"""A subject's red-list and dishonesty entries exclude each other (守信激励 and 失信惩戒): no
honour while a dishonesty entry is in force (`rules.red_list_excludes_dishonesty`), and a new
dishonesty entry in force ends the subject's honours."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.entry import ListEntry
from domain.reference import ListType
from domain.rules import is_dishonesty


def dishonesty_among(active: Iterable[ListEntry]) -> list[str]:
    """The ids of the dishonesty records among a subject's active entries."""
    return [
        str(entry.id)
        for entry in active
        if is_dishonesty(entry.list_type, entry.severity, entry.published_on is not None)
    ]


def ends_honours(entry: ListEntry, today: date) -> bool:
    """Whether this entry, a dishonesty record in force, ends the subject's red-list entries."""
    return entry.is_active_on(today) and is_dishonesty(
        entry.list_type, entry.severity, entry.published_on is not None
    )


def end_honours(entry: ListEntry, active: Iterable[ListEntry], today: date) -> list[ListEntry]:
    """Ends the red-list entries among `active` that `entry` (see `ends_honours`) ends."""
    reds = [red for red in active if red.list_type is ListType.RED and red.is_active_on(today)]
    for red in reds:
        red.end_honour(f"失信记录 {entry.decision_no} 列入，红名单终止", today, entry.id)
    return reds

"""What a repair application carries besides its own fields: the channel it came by, the
officer's word on each uploaded file, and the rule of the training certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.entry import ListEntry
from domain.errors import TrainingRequired
from domain.reference import Regime


def training_is_evidenced(entry: ListEntry, regime: Regime, certificate_no: str | None) -> None:
    """Where the regime of the entry's decision asks for it (the 2019 notice: serious entries),
    a repair needs the credit-training certificate, evidenced by its number."""
    if entry.severity in regime.repair_training_required_for and not certificate_no:
        raise TrainingRequired(
            f"a {entry.severity.value} entry under {regime.code} is repaired only with a "
            "credit-training certificate (training_certificate_no)",
            regime=regime.code,
        )


class RepairChannel(Enum):
    """How an application came in: the portal, a window, or referred by Credit China."""

    ONLINE = "online"
    WINDOW = "window"
    CREDIT_CHINA = "credit_china"


@dataclass(frozen=True)
class EvidenceCheck:
    """The deciding officer's word on one uploaded file."""

    confirmed: bool
    note: str | None
    checked_on: date
    checked_by: str

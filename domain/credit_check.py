"""A credit check: a department looks at a subject before granting anything. Each is recorded."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.reference import Purpose


class CreditCheck(AttributedAggregate):
    class Recorded(AttributedAggregate.Created):
        subject_id: UUID
        identifier: str
        purpose: Purpose | None
        checked_on: date
        entries: list[dict[str, Any]]
        sanctions: list[str]
        rewards: list[str]

    @event(Recorded)
    def __init__(
        self,
        subject_id: UUID,
        identifier: str,
        purpose: Purpose | None,
        checked_on: date,
        entries: list[dict[str, Any]],
        sanctions: list[str],
        rewards: list[str],
    ) -> None:
        self.subject_id = subject_id
        self.identifier = identifier
        self.purpose = purpose
        self.checked_on = checked_on
        self.entries = entries
        self.sanctions = sanctions
        self.rewards = rewards

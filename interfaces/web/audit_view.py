"""How the auditor's timeline reads: each event's facts in words, not as raw data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.audit import HistoryItem
from interfaces.web.i18n import Translator
from interfaces.web.labels import ID_FIELDS

LABELLED = {
    "list_type": "list_type",
    "proposed": "list_type",
    "severity": "severity",
    "kind": "subject_kind",
    "subject_kind": "subject_kind",
    "outcome": "outcome",
    "purpose": "purpose",
}


@dataclass(frozen=True)
class TimelineEvent:
    position: int
    recorded_at: datetime
    later: bool
    aggregate: str
    aggregate_id: str
    version: int
    what: str
    actor: str
    facts: list[tuple[str, str]]


def actor_of(t: Translator, actor: str) -> str:
    role, _, name = actor.partition(":")
    if not name:
        return t("audit.system")
    return f"{t.label('role', role)} {name}"


def fact_value(t: Translator, key: str, value: Any) -> str:
    if key in LABELLED:
        return t.label(LABELLED[key], value)
    if key == "domain":
        return t.domain(value)
    if key == "department":
        return t.department(value)
    if key == "measure_code":
        return t.measure(value)
    if key == "regime":
        return t.regime(value)
    if key in {"sanctions", "rewards"}:
        return "、".join(t.measure(code) for code in value) or t("none")
    if key == "entries":
        return t("audit.entries", n=len(value))
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, dict):
        return "；".join(f"{t.field(k)}：{fact_value(t, k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or t("none")
    return str(value)


def facts_of(t: Translator, data: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (t.field(key), fact_value(t, key, value))
        for key, value in data.items()
        if key not in ID_FIELDS and value is not None and value != ""
    ]


def timeline_of(t: Translator, items: list[HistoryItem], moment: datetime) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            position=item.position,
            recorded_at=item.recorded_at,
            later=item.recorded_at > moment,
            aggregate=item.aggregate,
            aggregate_id=str(item.aggregate_id),
            version=item.version,
            what=t.event(item.type),
            actor=actor_of(t, item.actor),
            facts=facts_of(t, item.data),
        )
        for item in items
    ]

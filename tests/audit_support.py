"""The audit tests' story (a company listed, then repaired) and a tamperer with direct SQL."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.engine import Engine

from application.accounts import Principal
from application.entries import NewEntry
from application.repairs import AcceptRepair, DecideRepair, FileRepair
from domain.accounts import Role
from domain.base import acting_as
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin

COMPANY_USCC = "91110000600037341L"
LI_MING = Principal("li.ming", Role.OFFICER, department="public_security")
EVENTS = "chengxin_events"


@dataclass(frozen=True)
class Story:
    subject_id: UUID
    entry_id: UUID
    repair_id: UUID
    between: datetime  # after the entry was published, before the repair was filed


def listed_then_repaired(system: Chengxin) -> Story:
    """A company blacklisted 200 days ago (general: repairable after 3 months), then repaired."""
    with acting_as(LI_MING.actor):
        company = system.subjects.register(
            SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某科技有限公司"
        )
        entry = system.entries.record(LI_MING, new_blacklisting(company.id, system))
    between = moment_between()
    company_account = Principal("huaian.tech", Role.SUBJECT, subject_id=company.id)
    with acting_as(company_account.actor):
        repair = system.repairs.file(
            company_account, FileRepair(entry.id, True, ["罚款已缴清"], "已整改完毕")
        )
    with acting_as(LI_MING.actor):
        system.repairs.accept(LI_MING, AcceptRepair(repair.id, True, None))
        system.repairs.decide(LI_MING, DecideRepair(repair.id, True, "整改到位，同意修复"))
    return Story(company.id, entry.id, repair.id, between)


def new_blacklisting(subject_id: UUID, system: Chengxin) -> NewEntry:
    return NewEntry(
        subject_id=subject_id,
        list_type=ListType.FOCUS,
        domain="telecom_fraud",
        severity=Severity.GENERAL,
        decision_no="淮公罚〔2026〕7号",
        decision_date=system.clock.today() - timedelta(days=200),
        legal_basis="《反电信网络诈骗法》第三十八条",
        repairable=True,
        department="public_security",
    )


def moment_between() -> datetime:
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    return moment


class Tamperer:
    """Changes stored events behind the system's back, as someone with database access could."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def row(self, position: int) -> dict[str, Any]:
        with self.engine.connect() as connection:
            row = connection.execute(
                text(
                    f"SELECT originator_id, originator_version, topic, state FROM {EVENTS} "
                    "WHERE id = :id"
                ),
                {"id": position},
            ).one()
        return dict(row._mapping)

    def flip_a_byte(self, position: int, at: int = 10) -> None:
        state = bytearray(self.row(position)["state"])
        state[at] ^= 0x01
        self._set(position, {"state": bytes(state)})

    def delete(self, position: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(text(f"DELETE FROM {EVENTS} WHERE id = :id"), {"id": position})

    def swap(self, first: int, second: int) -> None:
        """Exchange two rows' contents, through a free version so the unique key holds."""
        a, b = self.row(first), self.row(second)
        self._set(first, {"originator_version": -1})
        self._set(second, a)
        self._set(first, b)

    def _set(self, position: int, values: dict[str, Any]) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        with self.engine.begin() as connection:
            connection.execute(
                text(f"UPDATE {EVENTS} SET {assignments} WHERE id = :position"),
                {**values, "position": position},
            )

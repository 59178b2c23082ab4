"""The accounts as a read model: who may sign in, with which role and binding."""

from __future__ import annotations

from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.accounts import Account


class AccountsProjection(Projection):
    name = "accounts"
    version = 1
    views = ("accounts",)

    def __init__(self) -> None:
        super().__init__()
        self.on(Account.Registered, self._registered)
        self.on(Account.Deactivated, self._deactivated)
        self.on(Account.DepartmentChanged, self._moved)

    def _registered(self, event: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "accounts",
            {"username": event.username},
            {
                "account_id": str(event.originator_id),
                "role": event.role.value,
                "department": event.department,
                "subject_id": str(event.subject_id) if event.subject_id else None,
                "active": True,
                "created_at": event.timestamp,
            },
        )

    def _deactivated(self, event: Any, position: int, writer: ViewWriter) -> None:
        row = writer.get("accounts", {"account_id": str(event.originator_id)})
        if row is not None:
            writer.update("accounts", {"username": row["username"]}, {"active": False})

    def _moved(self, event: Any, position: int, writer: ViewWriter) -> None:
        row = writer.get("accounts", {"account_id": str(event.originator_id)})
        if row is not None:
            moved = {"department": event.department}
            writer.update("accounts", {"username": row["username"]}, moved)

"""The registers of licences and credit commitments for officers: who holds which, and in what
state (the public site keeps its own, masked, view)."""

from __future__ import annotations

from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.commitment import Commitment, CommitmentStatus
from domain.licence import Licence


class RegistersProjection(Projection):
    name = "registers"
    version = 1
    views = ("rm_licences", "rm_commitments")

    def __init__(self) -> None:
        super().__init__()
        self.on(Licence.Granted, self._granted)
        self.on(Commitment.Signed, self._signed)
        self.on(Commitment.Broken, self._ended(CommitmentStatus.BROKEN))
        self.on(Commitment.Fulfilled, self._ended(CommitmentStatus.FULFILLED))

    def _granted(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "rm_licences",
            {"licence_id": str(e.originator_id)},
            {
                "subject_id": str(e.subject_id),
                "department": e.department,
                "licence_no": e.licence_no,
                "decision_date": e.decision_date,
                "position": position,
            },
        )

    def _signed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "rm_commitments",
            {"commitment_id": str(e.originator_id)},
            {
                "subject_id": str(e.subject_id),
                "department": e.department,
                "signed_on": e.signed_on,
                "status": CommitmentStatus.IN_FORCE.value,
                "position": position,
            },
        )

    @staticmethod
    def _ended(status: CommitmentStatus) -> Any:
        def handle(e: Any, position: int, writer: ViewWriter) -> None:
            key = {"commitment_id": str(e.originator_id)}
            writer.update("rm_commitments", key, {"status": status.value})

        return handle

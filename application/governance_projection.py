"""The dated facts governance statistics need beyond the worklists (see governance_tables)."""

from __future__ import annotations

from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.entry import ListEntry
from domain.governance import DomainTarget
from domain.repair import RepairApplication


class GovernanceProjection(Projection):
    name = "governance"
    version = 2
    views = (
        "gv_verified",
        "gv_measures",
        "gv_objection_ends",
        "gv_repair_acceptances",
        "gv_targets",
    )

    def __init__(self) -> None:
        super().__init__()
        self.on(ListEntry.RectificationVerified, self._verified)
        self.on(ListEntry.MeasureApplied, self._measure)
        self.on(ListEntry.ObjectionResolved, self._objection_resolved)
        self.on(RepairApplication.Accepted, self._repair_accepted)
        self.on(DomainTarget.Set, self._target)
        self.on(DomainTarget.Changed, self._target)

    def _verified(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "gv_verified", {"entry_id": str(e.originator_id)}, {"verified_on": e.verified_on}
        )

    def _measure(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "gv_measures",
            {"entry_id": str(e.originator_id), "measure_code": e.measure_code},
            {"applied_on": e.applied_on},
        )

    def _objection_resolved(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "gv_objection_ends",
            {"objection_id": str(e.objection_id)},
            {"resolved_on": e.resolved_on},
        )

    def _repair_accepted(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "gv_repair_acceptances",
            {"repair_id": str(e.originator_id)},
            {"accepted_on": e.accepted_on},
        )

    def _target(self, e: Any, position: int, writer: ViewWriter) -> None:
        key = {"target_id": str(e.originator_id)}
        values = {"rate": e.rate, "goal": e.goal}
        if isinstance(e, DomainTarget.Set):
            values.update(domain=e.domain, year=e.year)
        writer.upsert("gv_targets", key, values)

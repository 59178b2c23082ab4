"""The subjects directory: every registered subject by name, so that an officer finds one by
its name as well as by its identifier. The aggregates stay the source of truth."""

from __future__ import annotations

from typing import Any

from application.ports import ViewWriter
from application.projections import Projection
from domain.subject import Subject


class SubjectsProjection(Projection):
    name = "subjects"
    version = 1
    views = ("subjects",)

    def __init__(self) -> None:
        super().__init__()
        self.on(Subject.Registered, self._registered)
        self.on(Subject.Renamed, self._renamed)

    def _registered(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.upsert(
            "subjects",
            {"subject_id": str(e.originator_id)},
            {
                "kind": e.kind.value,
                "identifier": e.identifier,
                "name": e.name,
                "position": position,
            },
        )

    def _renamed(self, e: Any, position: int, writer: ViewWriter) -> None:
        writer.update(
            "subjects", {"subject_id": str(e.originator_id)}, {"name": e.name, "position": position}
        )

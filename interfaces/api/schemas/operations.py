"""Answers of the operations API."""

from __future__ import annotations

from pydantic import BaseModel


class RebuildOut(BaseModel):
    events: int
    projections: int

"""The governance projection's tables: the dated facts the worklist read models leave out.

Statistics as of the end of a past quarter need to know when a rectification was verified, a
measure applied, an objection resolved and a repair application accepted; everything else
comes from rm_entries, rm_cases, rm_objections and rm_repairs.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Float, Integer, String, Table

from infrastructure.projection_tables import metadata, view_tables

verified = Table(
    "gv_verified",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("verified_on", Date, nullable=False),
)

measures = Table(
    "gv_measures",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("measure_code", String(64), primary_key=True),
    Column("applied_on", Date, nullable=False, index=True),
)

objection_ends = Table(
    "gv_objection_ends",
    metadata,
    Column("objection_id", String(36), primary_key=True),
    Column("resolved_on", Date, nullable=False),
)

repair_acceptances = Table(
    "gv_repair_acceptances",
    metadata,
    Column("repair_id", String(36), primary_key=True),
    Column("accepted_on", Date, nullable=False),
)

targets = Table(
    "gv_targets",
    metadata,
    Column("target_id", String(36), primary_key=True),
    Column("domain", String(64), nullable=False),
    Column("year", Integer, nullable=False, index=True),
    Column("rate", Float, nullable=False),
    Column("goal", String(2000), nullable=False),
)

view_tables.update(
    {
        "gv_verified": verified,
        "gv_measures": measures,
        "gv_objection_ends": objection_ends,
        "gv_repair_acceptances": repair_acceptances,
        "gv_targets": targets,
    }
)

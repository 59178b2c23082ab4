"""Reference data from the seed plan and the rule regimes: readable by anyone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from interfaces.api.deps import System

router = APIRouter(prefix="/api/v1", tags=["reference data"])


@router.get("/domains")
def domains(system: System) -> list[dict[str, Any]]:
    return [
        {
            "code": d.code,
            "number": d.number,
            "name_zh": d.name_zh,
            "name_en": d.name_en,
            "lead_units": list(d.lead_units),
            "participating_units": list(d.participating_units),
        }
        for d in system.reference.domains
    ]


@router.get("/departments")
def departments(system: System) -> list[dict[str, Any]]:
    return [
        {"code": d.code, "name_zh": d.name_zh, "name_en": d.name_en}
        for d in system.reference.departments
    ]


@router.get("/measures")
def measures(system: System) -> list[dict[str, Any]]:
    return [
        {
            "code": m.code,
            "kind": m.kind.value,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "list_types": sorted(t.value for t in m.list_types),
            "domains": sorted(m.domains),
            "purposes": sorted(p.value for p in m.purposes),
            "departments": list(m.departments),
            "source": m.source,
        }
        for m in system.reference.measures
    ]


@router.get("/regimes")
def regimes(system: System) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "effective_from": r.effective_from.isoformat(),
            "sources": list(r.sources),
            "publication": {
                severity.value: {
                    "published": rule.published,
                    "min_months": rule.min_months,
                    "max_months": rule.max_months,
                }
                for severity, rule in r.publication.items()
            },
            "red_list_valid_months": r.red_list_valid_months,
            "deadlines_working_days": {
                "publish": r.publish_within_working_days,
                "objection_decision": r.objection_decide_working_days,
                "objection_extended": r.objection_extended_working_days,
                "repair_feedback": r.repair_feedback_working_days,
                "repair_decision": r.repair_decision_working_days,
                "delist": r.delist_within_working_days,
            },
            "natural_person_penalty_published": r.natural_person_penalty_published,
            "false_materials_bar_years": r.false_materials_bar_years,
            "unconfirmed": list(r.unconfirmed),
        }
        for r in system.reference.regimes
    ]

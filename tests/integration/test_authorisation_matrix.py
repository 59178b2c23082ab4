"""Every operation of /openapi.json for every role, against a table: the test fails when an
operation is added without its row, and when any answer falls in another class than the row says.

Classes: `+` allowed (past authorisation: 2xx, or 409/422 from a rule or the input), `1` not
signed in (401), `-` refused (403, or 404 for what the caller may not see). Roles, in order:
anonymous, admin, officer of the owning department (taxation), officer of a participating
department (public_security), the records' own subject, another subject, auditor."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infrastructure.bootstrap import build
from infrastructure.settings import Settings
from interfaces.api.app import create_app
from tests.conftest import database_url
from tests.integration.authorisation_world import (
    COMPANY_USCC,
    DOMAIN,
    PASSWORD,
    ROLES,
    World,
    body_of,
    build_world,
)
from tests.support import ADMIN

_serial = count(1)


def credentials(world: World, role: str) -> dict[str, str]:
    username, password = world.credentials.get(role, ("nobody", ""))
    return {"username": username, "password": password}


def new_user(world: World, role: str) -> dict[str, Any]:
    return {"username": f"made.{next(_serial)}", "password": PASSWORD, "role": "auditor"}


def new_entry(world: World, role: str) -> dict[str, Any]:
    return {
        "subject_id": world.ids["subject_id"],
        "list_type": "penalty",
        "domain": DOMAIN,
        "severity": "general",
        "decision_no": f"淮税罚〔{next(_serial)}〕号",
        "legal_basis": "x",
        "decision_date": world.ids["today"],
        "department": "taxation",
    }


def today(key: str, **fields: Any) -> Any:
    return lambda world, role: {key: world.ids["today"], **fields}


E = "/api/v1/entries/{entry_id}"
C = "/api/v1/cases/{case_id}"
R = "/api/v1/repairs/{repair_id}"
PROGRESS = "/api/v1/reports/progress/taxation/{year}/1"
OBJ = "/api/v1/entries/{entry_id}/objections/{objection_id}"
REPAIR = {"entry_id": "{repair_entry_id}", "commitment_signed": True, "obligations_evidence": ["x"]}
# (method, path): (row, body). The row has one class a role, in the order of ROLES.
TABLE: dict[tuple[str, str], tuple[str, Any]] = {
    ("POST", "/api/v1/auth/token"): ("+++++++", "form"),
    ("GET", "/api/v1/users/me"): ("1++++++", None),
    ("POST", "/api/v1/users"): ("1+-----", new_user),
    ("GET", "/api/v1/users"): ("1+-----", None),
    ("GET", "/api/v1/domains"): ("+++++++", None),
    ("GET", "/api/v1/departments"): ("+++++++", None),
    ("GET", "/api/v1/counties"): ("+++++++", None),
    ("GET", "/api/v1/measures"): ("+++++++", None),
    ("GET", "/api/v1/regimes"): ("+++++++", None),
    ("GET", "/api/v1/calendar/{year}"): ("+++++++", None),
    ("PUT", "/api/v1/calendar/{year}"): ("1+-----", {"holidays": [], "workdays": []}),
    ("POST", "/api/v1/subjects"): (
        "1+++---",
        {"kind": "legal_person", "identifier": COMPANY_USCC, "name": "重名"},
    ),
    ("GET", "/api/v1/subjects"): ("1+++--+", None),
    ("GET", "/api/v1/subjects/{subject_id}"): ("1++++-+", None),
    ("PATCH", "/api/v1/subjects/{subject_id}"): ("1+++---", {"name": "淮安某某科技有限公司"}),
    ("POST", "/api/v1/cases"): (
        "1-++---",
        {"subject_id": "{subject_id}", "domain": DOMAIN, "summary": "另案"},
    ),
    ("GET", "/api/v1/cases"): ("1+++--+", None),
    ("GET", C): ("1+++--+", None),
    ("POST", C + "/evidence"): ("1-+----", {"description": "发票存根"}),
    ("POST", C + "/notice"): ("1-+----", today("served_on", proposed="blacklist")),
    ("POST", C + "/statements"): ("1++-+--", today("received_on", text="陈述")),
    ("POST", "/api/v1/entries"): ("1+++---", new_entry),
    ("GET", "/api/v1/entries"): ("1++++++", None),
    ("GET", E): ("1++++-+", None),
    ("POST", E + "/measures"): ("1-+----", {"measure_code": "restrict_bidding"}),
    ("POST", E + "/rectification"): ("1++-+--", today("performed_on", description="已整改")),
    ("GET", E + "/objections"): ("1++++-+", None),
    ("POST", OBJ + "/extension"): ("1++----", {"reason": "案情复杂"}),
    ("GET", "/api/v1/objections"): ("1+++--+", None),
    ("POST", "/api/v1/repairs"): ("1++-+--", REPAIR),
    ("GET", "/api/v1/repairs"): ("1+++--+", None),
    ("GET", R): ("1++++-+", None),
    ("POST", R + "/acceptance"): ("1++----", {"accepted": True}),
    ("POST", R + "/decision"): ("1++----", {"approved": False, "reason": "材料不全"}),
    ("POST", R + "/withdrawal"): ("1---+--", None),
    ("GET", "/api/v1/credit-check"): ("1+++---", None),
    ("POST", "/api/v1/admin/sweep"): ("1+-----", None),
    ("GET", "/api/v1/audit/subjects/{subject_id}/history"): ("1+----+", None),
    ("GET", "/api/v1/audit/subjects/{subject_id}/state"): ("1+----+", None),
    ("GET", "/api/v1/audit/disclosure"): ("1+----+", None),
    ("GET", "/api/v1/audit/integrity"): ("1+----+", None),
    ("GET", "/api/v1/audit/log"): ("1+-----", None),
    ("GET", "/api/v1/public/entries"): ("+++++++", None),
    ("GET", "/api/v1/public/entries/{repair_entry_id}"): ("+++++++", None),
    ("GET", "/api/v1/public/export"): ("+++++++", None),
    ("GET", "/api/v1/public/changes"): ("+++++++", None),
    ("GET", "/api/v1/stats/governance"): ("1+++--+", None),
    ("GET", "/api/v1/reports/progress.xlsx"): ("1++----", None),
    ("GET", "/api/v1/reports/targets/{year}"): ("1+++--+", None),
    ("PUT", "/api/v1/reports/targets/{year}/{domain}"): ("1+-----", {"rate": 0.9}),
    ("GET", "/api/v1/reports/progress/status"): ("1+-----", None),
    ("GET", "/api/v1/reports/progress-city.xlsx"): ("1+-----", None),
    ("GET", "/api/v1/reports/progress/taxation/{year}/1"): ("1++----", None),
    ("PUT", "/api/v1/reports/progress/taxation/{year}/1/rows/{domain}"): (
        "1-+----",
        {"problems": "问题", "measures_and_results": "举措"},
    ),
    ("POST", "/api/v1/reports/progress/taxation/{year}/1/submission"): ("1-+----", None),
    ("GET", "/api/v1/reports/progress/taxation/{year}/1/submission.xlsx"): ("1++----", None),
    ("POST", "/api/v1/reports/progress/taxation/{year}/1/return"): (
        "1+-----",
        {"comment": "请补充"},
    ),
    ("POST", E + "/rectification/verification"): ("1++----", {"note": "经核查属实"}),
    ("POST", "/api/v1/imports"): ("1+++---", None),
    ("POST", "/api/v1/admin/rebuild"): ("1+-----", None),
    ("GET", "/healthz"): ("+++++++", None),
    # Last, as they end what the rows above act on.
    ("POST", OBJ + "/resolution"): ("1++----", {"outcome": "rejected", "reason": "证据确凿"}),
    ("POST", "/api/v1/entries/{entry_id}/objections"): ("1---+--", {"grounds": "再次"}),
    ("POST", C + "/decision"): ("1-+----", {"outcome": "dismissed"}),
    ("POST", C + "/closure"): ("1-+----", None),
    ("POST", E + "/revocation"): ("1++----", {"reason": "撤销"}),
    ("POST", "/api/v1/users/{username}/revocation"): ("1+-----", None),
}
# The path of the table where the operation's own path names its record by another name.
SAME_OPERATION = {
    "/api/v1/public/entries/{repair_entry_id}": "/api/v1/public/entries/{entry_id}",
    **{
        f"{PROGRESS}{rest}": f"/api/v1/reports/progress/{{unit}}/{{year}}/{{quarter}}{rest}"
        for rest in ("", "/rows/{domain}", "/submission", "/submission.xlsx", "/return")
    },
}
QUERIES = {
    "/api/v1/subjects": {"identifier": COMPANY_USCC},
    "/api/v1/credit-check": {"identifier": COMPANY_USCC},
    "/api/v1/audit/disclosure": {"identifier": COMPANY_USCC},
    "/api/v1/reports/progress.xlsx": {"unit": "taxation"},
    "/api/v1/reports/progress/status": {"year": "{year}", "quarter": "1"},
    "/api/v1/reports/progress-city.xlsx": {"year": "{year}", "quarter": "1"},
}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    folder: Path = tmp_path_factory.mktemp("matrix")
    settings = Settings(
        database_url=database_url(request.param, folder),
        secret_key="matrix-secret-key-long-enough-for-hs256",
        admin_username=ADMIN[0],
        admin_password=ADMIN[1],
        var_dir=folder,
    )
    system = build(settings)
    with TestClient(create_app(system), raise_server_exceptions=False) as client:
        built = build_world(client, system)
        built.ids["today"] = system.clock.today().isoformat()
        yield built
    system.close()


def filled(template: Any, ids: dict[str, str]) -> Any:
    if isinstance(template, str):
        return template.format(**ids) if "{" in template else template
    if isinstance(template, dict):
        return {key: filled(value, ids) for key, value in template.items()}
    if isinstance(template, list):
        return [filled(value, ids) for value in template]
    return template


def answer_class(status: int) -> str:
    if status == 401:
        return "1"
    if status in (403, 404):
        return "-"
    return "!" if status >= 500 else "+"


def call(world: World, method: str, path: str, role: str, template: Any) -> Any:
    url = filled(path, world.ids)
    query = QUERIES.get(path)
    kwargs: dict[str, Any] = {"headers": world.headers[role], "params": filled(query, world.ids)}
    if template == "form":
        kwargs["data"] = credentials(world, role)
    elif template is not None:
        kwargs["json"] = filled(body_of(world, role, template), world.ids)
    return world.client.request(method, url, **kwargs)


def test_every_operation_has_a_row(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    operations = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    rows = {(m, SAME_OPERATION.get(p, p)) for m, p in TABLE}
    assert operations - rows == set(), "operations without a row in the authorisation table"
    assert rows - operations == set(), "rows of the table for operations that do not exist"
    assert all(len(row) == len(ROLES) for row, _ in TABLE.values())


def test_every_role_gets_the_expected_class_of_answer_from_every_operation(world: World) -> None:
    wrong = []
    for (method, path), (row, template) in TABLE.items():
        # refused roles first: an allowed one may change what the others find
        for role, expected in sorted(zip(ROLES, row, strict=True), key=lambda r: r[1] == "+"):
            answer = call(world, method, path, role, template)
            got = answer_class(answer.status_code)
            if got != expected:
                wrong.append(f"{method} {path} as {role}: {answer.status_code} {answer.text[:160]}")
    assert wrong == [], "\n".join(wrong)

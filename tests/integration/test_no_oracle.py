"""No oracle (issue 21, F8): what a subject account may not see answers exactly as what does not
exist. Entry ids derive from subject, list and decision number, so they can be guessed: a 403
for another's record beside a 404 for a missing one would tell which guesses exist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.integration.test_repair_api import TODAY, post, record, world
from tests.support import ADMIN, COMPANY_2_USCC, create_user, sign_in

__all__ = ["world"]  # the fixture, shared with the repair tests

Ask = Callable[[TestClient, dict[str, Any], str], Response]


def same_as_missing(ask: Ask, client: TestClient, world: dict[str, Any], hidden: str) -> None:
    """The answer about `hidden` is the answer about a random id, byte for byte, once the id
    itself is put in place of the other."""
    missing = str(uuid4())
    seen, unseen = ask(client, world, hidden), ask(client, world, missing)
    assert (seen.status_code, unseen.status_code) == (404, 404), seen.text
    assert seen.headers["content-type"] == unseen.headers["content-type"]
    assert seen.content.replace(hidden.encode(), b"<id>") == unseen.content.replace(
        missing.encode(), b"<id>"
    )


def entry_of_other(client: TestClient, world: dict[str, Any]) -> str:
    return record(client, world["li"], world["other"], 200)


def get(path: str) -> Ask:
    return lambda client, world, record_id: client.get(
        path.format(id=record_id), headers=world["owner"]
    )


def objection(client: TestClient, world: dict[str, Any], entry_id: str) -> Response:
    headers = {**world["owner"], "If-Match": '"99"'}  # a stale version must not tell either
    body = {"grounds": "不是我的"}
    return client.post(f"/api/v1/entries/{entry_id}/objections", json=body, headers=headers)


def rectification(client: TestClient, world: dict[str, Any], entry_id: str) -> Response:
    body = {"description": "已整改", "performed_on": TODAY.isoformat(), "evidence": []}
    return post(client, f"/api/v1/entries/{entry_id}/rectification", world["owner"], **body)


def repair(client: TestClient, world: dict[str, Any], entry_id: str) -> Response:
    body = {"entry_id": entry_id, "commitment_signed": True, "obligations_evidence": ["x"]}
    return post(client, "/api/v1/repairs", world["owner"], **body)


@pytest.mark.parametrize(
    "ask",
    [
        get("/api/v1/entries/{id}"),
        get("/api/v1/entries/{id}/objections"),
        objection,
        rectification,
        repair,
    ],
    ids=["entry", "objections", "object", "rectify", "repair"],
)
def test_another_subjects_entry_answers_as_a_missing_one(
    client: TestClient, world: dict[str, Any], ask: Ask
) -> None:
    same_as_missing(ask, client, world, entry_of_other(client, world))


def test_another_subjects_repair_answers_as_a_missing_one(
    client: TestClient, world: dict[str, Any]
) -> None:
    entry_id = entry_of_other(client, world)
    body = {"entry_id": entry_id, "commitment_signed": True, "obligations_evidence": ["凭证"]}
    filed = post(client, "/api/v1/repairs", world["li"], **body)
    assert filed.status_code == 201, filed.text
    repair_id = filed.json()["id"]
    same_as_missing(get("/api/v1/repairs/{id}"), client, world, repair_id)

    def withdraw(client: TestClient, world: dict[str, Any], record_id: str) -> Response:
        return post(client, f"/api/v1/repairs/{record_id}/withdrawal", world["owner"])

    same_as_missing(withdraw, client, world, repair_id)


def test_another_subject_answers_as_a_missing_one(
    client: TestClient, world: dict[str, Any]
) -> None:
    same_as_missing(get("/api/v1/subjects/{id}"), client, world, world["other"])
    own = client.get(f"/api/v1/subjects/{world['company']}", headers=world["owner"])
    assert own.status_code == 200


def test_another_subjects_case_answers_as_a_missing_one(
    client: TestClient, world: dict[str, Any]
) -> None:
    body = {"subject_id": world["other"], "domain": "telecom_fraud", "summary": "冒充客服诈骗"}
    opened = post(client, "/api/v1/cases", world["li"], **body)
    assert opened.status_code == 201, opened.text

    def statement(client: TestClient, world: dict[str, Any], case_id: str) -> Response:
        body = {"text": "我方无责", "received_on": TODAY.isoformat()}
        return post(client, f"/api/v1/cases/{case_id}/statements", world["owner"], **body)

    same_as_missing(statement, client, world, opened.json()["id"])
    refused = client.get(f"/api/v1/cases/{opened.json()['id']}", headers=world["owner"])
    unknown = client.get(f"/api/v1/cases/{uuid4()}", headers=world["owner"])
    assert refused.content == unknown.content  # subject accounts read no case at all


def test_the_portal_page_of_another_subjects_entry_is_a_missing_page(
    client: TestClient, world: dict[str, Any]
) -> None:
    admin = sign_in(client, *ADMIN)
    create_user(
        client,
        admin,
        username="owner.page",
        role="subject",
        subject_id=world["company"],
        password="owner-page-password",
    )
    client.get("/signin")
    form = {
        "username": "owner.page",
        "password": "owner-page-password",
        "csrf_token": client.cookies.get("cx_csrf"),
    }
    signed_in = client.post("/signin", data=form, follow_redirects=False)
    assert signed_in.status_code == 303, signed_in.text
    client.get("/portal")  # shows the sign-in's flash message once
    hidden, missing = entry_of_other(client, world), str(uuid4())
    seen = client.get(f"/portal/entries/{hidden}")
    unseen = client.get(f"/portal/entries/{missing}")
    assert (seen.status_code, unseen.status_code) == (404, 404)
    assert seen.text.replace(hidden, "<id>") == unseen.text.replace(missing, "<id>")
    assert COMPANY_2_USCC not in seen.text

"""The foundation through HTTP: accounts, subjects and the API's cross-cutting behaviour."""

from __future__ import annotations

from fastapi.testclient import TestClient

from domain.subject import subject_id_for
from infrastructure.bootstrap import Chengxin
from tests.support import ADMIN, COMPANY_USCC, ZHANG_SAN_ID, officer, sign_in


def register(client: TestClient, headers: dict[str, str], **body: str) -> object:
    return client.post("/api/v1/subjects", json=body, headers=headers)


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert "/api/v1/subjects" in client.get("/openapi.json").json()["paths"]


def test_an_admin_creates_an_officer_who_registers_subjects(client: TestClient) -> None:
    li = officer(client)
    assert client.get("/api/v1/users/me", headers=li).json()["department"] == "public_security"
    answer = client.post(
        "/api/v1/subjects",
        json={"kind": "natural_person", "identifier": ZHANG_SAN_ID, "name": "张三"},
        headers=li,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["birth_date"] == "1949-12-31"
    assert body["version"] == 1
    assert answer.headers["ETag"] == '"1"'
    found = client.get("/api/v1/subjects", params={"identifier": ZHANG_SAN_ID}, headers=li)
    assert [s["id"] for s in found.json()["items"]] == [body["id"]]


def test_a_wrong_check_character_gets_invalid_identifier(client: TestClient) -> None:
    li = officer(client)
    answer = client.post(
        "/api/v1/subjects",
        json={"kind": "natural_person", "identifier": "110105194912310021", "name": "张三"},
        headers=li,
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "invalid_identifier"


def test_a_duplicate_gets_409_naming_the_existing_subject(client: TestClient) -> None:
    li = officer(client)
    body = {"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某有限公司"}
    first = client.post("/api/v1/subjects", json=body, headers=li).json()
    again = client.post("/api/v1/subjects", json=body, headers=li)
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_subject"
    assert again.json()["subject_id"] == first["id"]


def test_the_same_post_twice_with_one_key_leaves_one_event(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    body = {"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某有限公司"}
    headers = {**li, "Idempotency-Key": "register-company-1"}
    before = system.store.max_position()
    first = client.post("/api/v1/subjects", json=body, headers=headers)
    second = client.post("/api/v1/subjects", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert system.store.max_position() == before + 1
    other = client.post("/api/v1/subjects", json={**body, "name": "别的"}, headers=headers)
    assert other.json()["code"] == "idempotency_key_reused"


def test_a_repeat_after_a_restart_is_recognised(client: TestClient, system: Chengxin) -> None:
    from infrastructure.bootstrap import build
    from interfaces.api.app import create_app

    li = officer(client)
    body = {"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某有限公司"}
    headers = {**li, "Idempotency-Key": "k-restart"}
    first = client.post("/api/v1/subjects", json=body, headers=headers)
    restarted = build(system.settings)
    try:
        with TestClient(create_app(restarted)) as again:
            second = again.post("/api/v1/subjects", json=body, headers=headers)
    finally:
        restarted.close()
    assert second.status_code == 201
    assert second.json() == first.json()


def test_who_may_do_what(client: TestClient) -> None:
    assert client.get("/api/v1/users/me").status_code == 401
    assert client.post("/api/v1/subjects", json={}).status_code == 401
    li = officer(client)
    answer = client.post(
        "/api/v1/users", json={"username": "x1", "password": "p" * 8, "role": "admin"}, headers=li
    )
    assert answer.status_code == 403
    assert answer.json()["code"] == "forbidden"
    bad = client.get("/api/v1/users/me", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401


def test_a_subject_account_sees_only_its_own_subject(client: TestClient) -> None:
    li = officer(client)
    mine = client.post(
        "/api/v1/subjects",
        json={"kind": "natural_person", "identifier": ZHANG_SAN_ID, "name": "张三"},
        headers=li,
    ).json()
    other = client.post(
        "/api/v1/subjects",
        json={"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某有限公司"},
        headers=li,
    ).json()
    admin = sign_in(client, *ADMIN)
    created = client.post(
        "/api/v1/users",
        json={
            "username": "zhangsan",
            "password": "Yellow-River-1949",
            "role": "subject",
            "subject_id": mine["id"],
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    zhang = sign_in(client, "zhangsan", "Yellow-River-1949")
    assert client.get(f"/api/v1/subjects/{mine['id']}", headers=zhang).status_code == 200
    assert client.get(f"/api/v1/subjects/{other['id']}", headers=zhang).status_code == 404


def test_bad_input_is_a_problem_never_a_500(client: TestClient) -> None:
    li = officer(client)
    cases = [
        client.post(
            "/api/v1/subjects",
            content=b"{not json",
            headers={**li, "Content-Type": "application/json"},
        ),
        client.post(
            "/api/v1/subjects", json={"kind": "robot", "identifier": "x", "name": "y"}, headers=li
        ),
        client.post(
            "/api/v1/subjects",
            json={"kind": "legal_person", "identifier": 5, "name": []},
            headers=li,
        ),
        client.post(
            "/api/v1/subjects",
            json={"kind": "legal_person", "identifier": COMPANY_USCC, "name": "x" * 5000},
            headers=li,
        ),
        client.get("/api/v1/subjects/not-a-uuid", headers=li),
    ]
    for answer in cases:
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "validation_error"
        assert answer.json()["errors"]
    missing = client.get(f"/api/v1/subjects/{subject_id_for(COMPANY_USCC)}", headers=li)
    assert missing.status_code == 404


def test_reference_data_is_served(client: TestClient) -> None:
    domains = client.get("/api/v1/domains").json()
    assert len(domains) == 19
    assert {"code", "name_zh", "name_en", "lead_units", "participating_units"} <= set(domains[0])
    departments = {d["code"] for d in client.get("/api/v1/departments").json()}
    assert all(set(d["lead_units"]) <= departments for d in domains)
    measures = client.get("/api/v1/measures").json()
    assert {m["kind"] for m in measures} == {"sanction", "reward"}
    assert client.get("/api/v1/regimes").json()[0]["effective_from"]


def test_a_stale_if_match_gets_version_conflict(client: TestClient) -> None:
    li = officer(client)
    body = {"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某有限公司"}
    subject = client.post("/api/v1/subjects", json=body, headers=li).json()
    path = f"/api/v1/subjects/{subject['id']}"
    renamed = client.patch(path, json={"name": "某某有限公司"}, headers={**li, "If-Match": '"1"'})
    assert renamed.status_code == 200
    assert renamed.headers["ETag"] == '"2"'
    stale = client.patch(path, json={"name": "又一个名字"}, headers={**li, "If-Match": '"1"'})
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    assert client.get(path, headers=li).json()["name"] == "某某有限公司"


def test_a_nul_character_is_refused_not_stored(client: TestClient, system: Chengxin) -> None:
    li = officer(client)
    before = system.store.max_position()
    in_query = client.get("/api/v1/entries", params={"cursor": "a\x00b"}, headers=li)
    in_body = client.post(
        "/api/v1/subjects",
        json={"kind": "legal_person", "identifier": COMPANY_USCC, "name": "某\x00公司"},
        headers=li,
    )
    for answer in (in_query, in_body):
        assert (answer.status_code, answer.json()["code"]) == (422, "validation_error")
    assert system.store.max_position() == before

"""Small helpers that read as the user's actions."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

ADMIN = ("admin", "admin-password")
ZHANG_SAN_ID = "11010519491231002X"
COMPANY_USCC = "91110000600037341L"


def sign_in(client: TestClient, username: str, password: str) -> dict[str, str]:
    answer = client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def create_user(client: TestClient, admin: dict[str, str], **fields: Any) -> dict[str, str]:
    password = fields.setdefault("password", "officer-password")
    answer = client.post("/api/v1/users", json=fields, headers=admin)
    assert answer.status_code == 201, answer.text
    return sign_in(client, fields["username"], password)


def officer(
    client: TestClient, username: str = "li.ming", department: str = "public_security"
) -> dict[str, str]:
    admin = sign_in(client, *ADMIN)
    return create_user(client, admin, username=username, role="officer", department=department)

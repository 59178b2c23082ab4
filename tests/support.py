"""Small helpers that read as the user's actions."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from infrastructure.clock import ChinaClock

# The run's day in the city's time zone. The systems the `system` fixture builds keep it (their
# clock is pinned to it), so a run that passes midnight in China (16:00 UTC) sees one day only.
TODAY = ChinaClock().today()
ADMIN = ("admin", "Gatekeeper-2718")
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


COMPANY_2_USCC = "91320800MA1MBH4Q1B"


def valid_uscc(stem: str) -> str:
    """A USCC with the right check character for a 17-character stem."""
    from stdnum.cn import uscc

    return stem + uscc.calc_check_digit(stem)


def valid_resident_id(area: str, born: str, sequence: str) -> str:
    """A resident ID with the right check digit: area 6 digits, born YYYYMMDD, sequence 3."""
    from stdnum.cn import ric

    stem = area + born + sequence
    return stem + ric.calc_check_digit(stem + "0")  # it expects a placeholder check digit


def register_subject(
    client: TestClient, headers: dict[str, str], kind: str, identifier: str, name: str
) -> str:
    answer = client.post(
        "/api/v1/subjects",
        json={"kind": kind, "identifier": identifier, "name": name},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def page_sign_in(client: TestClient, username: str, password: str) -> None:
    """Sign in on the pages: the client keeps the session cookie for the next page requests."""
    client.cookies.clear()
    client.get("/signin")
    answer = client.post(
        "/signin",
        data={
            "username": username,
            "password": password,
            "csrf_token": client.cookies.get("cx_csrf"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text

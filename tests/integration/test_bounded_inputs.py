"""Issue 22 item 3: cursors, positions and dates outside their real ranges are refused with 422
`validation_error` and write nothing; none of them gets a 500. Every test runs on SQLite and on
PostgreSQL."""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from application.cases import OpenCase
from domain.accounts import Role
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from tests.support import ADMIN, COMPANY_USCC, officer, sign_in

BEYOND_64_BITS = str(2**63)
LARGEST_POSITION = str(2**63 - 1)
AUDITOR = ("zhao.shen", "auditor-password")


def public_cursor(number: str) -> str:
    """A cursor of the public site's own shape, carrying any number."""
    return base64.urlsafe_b64encode(f"p1:{number}".encode()).decode().rstrip("=")


def refused(answer: Any, field: str | None = None) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "validation_error"
    if field is not None:
        assert field in answer.text


@pytest.fixture
def company(system: Chengxin) -> UUID:
    return system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, "某有限公司").id


@pytest.fixture
def auditor(system: Chengxin, client: TestClient) -> dict[str, str]:
    system.accounts.register(*AUDITOR, Role.AUDITOR)
    return sign_in(client, *AUDITOR)


@pytest.mark.parametrize("number", [BEYOND_64_BITS, "9" * 30])
def test_a_public_cursor_beyond_64_bits_is_refused(client: TestClient, number: str) -> None:
    answer = client.get("/api/v1/public/entries", params={"cursor": public_cursor(number)})
    refused(answer, "cursor")


@pytest.mark.parametrize("number", ["1", LARGEST_POSITION])
def test_a_public_cursor_within_64_bits_is_read(client: TestClient, number: str) -> None:
    answer = client.get("/api/v1/public/entries", params={"cursor": public_cursor(number)})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("number", [BEYOND_64_BITS, "0", "-1"])
def test_the_public_search_page_refuses_a_page_number_out_of_range(
    client: TestClient, number: str
) -> None:
    """The page numbers its results (no cursor any more): a number out of range is refused."""
    page = client.get("/", params={"page": number})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("after", [BEYOND_64_BITS, "9" * 30, "-1"])
def test_the_change_feed_refuses_a_position_outside_64_bits(client: TestClient, after: str) -> None:
    refused(client.get("/api/v1/public/changes", params={"after": after}), "after")


def test_the_change_feed_after_the_largest_position_is_empty(client: TestClient) -> None:
    answer = client.get("/api/v1/public/changes", params={"after": LARGEST_POSITION})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"items": [], "next_cursor": None}


OUT_OF_RANGE_MOMENTS = ["9999-12-31", "0001-01-01", "0001-01-01T00:00:00+01:00", "1899-12-31"]


@pytest.mark.parametrize("as_of", OUT_OF_RANGE_MOMENTS)
def test_the_state_as_of_a_moment_out_of_range_is_refused(
    client: TestClient, company: UUID, auditor: dict[str, str], as_of: str
) -> None:
    path = f"/api/v1/audit/subjects/{company}/state"
    refused(client.get(path, params={"as_of": as_of}, headers=auditor), "as_of")


@pytest.mark.parametrize("as_of", OUT_OF_RANGE_MOMENTS)
def test_the_disclosure_as_of_a_moment_out_of_range_is_refused(
    client: TestClient, company: UUID, auditor: dict[str, str], as_of: str
) -> None:
    params = {"identifier": COMPANY_USCC, "as_of": as_of}
    refused(client.get("/api/v1/audit/disclosure", params=params, headers=auditor), "as_of")


def test_a_far_future_moment_inside_the_range_still_means_now(
    client: TestClient, company: UUID, auditor: dict[str, str]
) -> None:
    path = f"/api/v1/audit/subjects/{company}/state"
    answer = client.get(path, params={"as_of": "9998-12-31"}, headers=auditor)
    assert answer.status_code == 200, answer.text
    assert answer.json()["subject"]["name"] == "某有限公司"


def sign_in_to_pages(client: TestClient, username: str, password: str) -> None:
    client.get("/signin")
    form = {"username": username, "password": password, "csrf_token": client.cookies["cx_csrf"]}
    assert client.post("/signin", data=form, follow_redirects=False).status_code == 303


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_the_audit_page_refuses_a_day_out_of_range_beside_the_picker(
    client: TestClient, system: Chengxin, company: UUID, day: str
) -> None:
    system.accounts.register(*AUDITOR, Role.AUDITOR)
    sign_in_to_pages(client, *AUDITOR)
    for at in ("", "23:59"):
        page = client.get(f"/audit/subjects/{company}", params={"day": day, "at": at})
        assert page.status_code == 422, page.text[-300:]
        assert "某有限公司" in page.text


@pytest.mark.parametrize("version", ["²", "9" * 5000, "1" * 10, "-1"])
def test_a_form_version_that_is_not_a_version_is_refused_on_the_page(
    client: TestClient, system: Chengxin, company: UUID, version: str
) -> None:
    system.accounts.register("li.ming", "officer-password", Role.OFFICER, "public_security")
    li_ming = system.accounts.principal("li.ming")
    assert li_ming is not None
    case = system.cases.open(li_ming, OpenCase(company, "telecom_fraud", "虚假招聘"))
    sign_in_to_pages(client, "li.ming", "officer-password")
    form = {"description": "招聘广告截图", "version": version}
    form["csrf_token"] = client.cookies["cx_csrf"]

    page = client.post(f"/workbench/cases/{case.id}/evidence", data=form)

    assert page.status_code == 422, page.text[-300:]
    assert system.cases.get(case.id).evidence == []


def test_a_body_date_out_of_range_is_refused_and_writes_nothing(
    client: TestClient, system: Chengxin, company: UUID
) -> None:
    li_ming = officer(client)
    case = client.post(
        "/api/v1/cases",
        json={"subject_id": str(company), "domain": "telecom_fraud", "summary": "虚假招聘"},
        headers=li_ming,
    ).json()
    before = system.app.recorder.max_notification_id()
    notice = {"proposed": "blacklist", "served_on": "0001-01-01", "statement_days": 5}
    refused(client.post(f"/api/v1/cases/{case['id']}/notice", json=notice, headers=li_ming))
    sweep = client.post(
        "/api/v1/admin/sweep", json={"as_of": "9999-12-31"}, headers=sign_in(client, *ADMIN)
    )
    refused(sweep, "as_of")
    assert system.app.recorder.max_notification_id() == before

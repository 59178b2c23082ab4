"""Next year's holiday schedule: an admin loads it (API or command), deadlines count it at once in
every process, and until then the workbench and the dashboard warn from 1 November."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from domain.calendar import add_working_days
from infrastructure.bootstrap import Chengxin, build
from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from interfaces.api.app import create_app
from interfaces.cli.main import app as cli
from tests.support import ADMIN, officer, sign_in

YEAR = 2030  # beyond the official data for years to come
# The State Council's notice for a year has this shape: days off (some on weekends) and the
# weekend days worked in exchange (调休).
NATIONAL_DAY = [date(YEAR, 10, day) for day in range(1, 8)]
SCHEDULE = {
    "holidays": ["2030-01-01", *(day.isoformat() for day in NATIONAL_DAY)],
    "workdays": ["2030-09-29", "2030-10-12"],
}


def test_a_year_the_official_data_covers_says_so(client: TestClient) -> None:
    answer = client.get("/api/v1/calendar/2026")
    assert answer.status_code == 200
    year = answer.json()
    assert year["source"] == "official"
    assert "2026-10-01" in year["holidays"]
    assert "2026-09-20" in year["workdays"]


def test_an_admin_loads_a_schedule_and_deadlines_count_it(
    client: TestClient, system: Chengxin
) -> None:
    before = client.get(f"/api/v1/calendar/{YEAR}").json()
    assert before == {"year": YEAR, "source": "fallback", "holidays": [], "workdays": []}
    assert add_working_days(system.calendar, date(YEAR, 9, 30), 1) == date(YEAR, 10, 1)

    admin = sign_in(client, *ADMIN)
    answer = client.put(f"/api/v1/calendar/{YEAR}", json=SCHEDULE, headers=admin)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"year": YEAR, "source": "loaded", **SCHEDULE}
    # The working day after 30 September is no longer 1 October but the 8th, after the holiday.
    assert add_working_days(system.calendar, date(YEAR, 9, 30), 1) == date(YEAR, 10, 8)
    assert system.calendar.is_working_day(date(YEAR, 10, 12))  # a Saturday worked

    again = {**SCHEDULE, "holidays": SCHEDULE["holidays"][:-1]}
    assert client.put(f"/api/v1/calendar/{YEAR}", json=again, headers=admin).status_code == 200
    assert client.get(f"/api/v1/calendar/{YEAR}").json()["holidays"] == again["holidays"]


def test_a_schedule_loaded_through_one_server_reaches_a_process_started_later(
    client: TestClient, settings: Settings
) -> None:
    admin = sign_in(client, *ADMIN)
    assert client.put(f"/api/v1/calendar/{YEAR}", json=SCHEDULE, headers=admin).status_code == 200
    other = build(settings)
    try:
        assert other.calendar.source_of(YEAR) == "loaded"
        assert not other.calendar.is_working_day(date(YEAR, 10, 2))
    finally:
        other.close()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"holidays": ["2030-01-01", "2030-01-01"]}, "holidays"),
        ({"holidays": ["2031-01-01"]}, "holidays"),
        ({"workdays": ["2030-10-09"]}, "workdays"),  # a Wednesday
        ({"workdays": ["2030-10-01"]}, "workdays"),  # also a holiday
        ({"holidays": ["2030-02-30"]}, "holidays"),
    ],
)
def test_a_wrong_schedule_is_refused_and_writes_nothing(
    client: TestClient, system: Chengxin, change: dict[str, list[str]], field: str
) -> None:
    admin = sign_in(client, *ADMIN)
    before = system.store.max_position()
    answer = client.put(f"/api/v1/calendar/{YEAR}", json={**SCHEDULE, **change}, headers=admin)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "validation_error"
    assert field in json.dumps(answer.json()["errors"])
    assert system.store.max_position() == before
    assert client.get(f"/api/v1/calendar/{YEAR}").json()["source"] == "fallback"


def test_only_an_admin_loads_and_not_over_the_official_data(client: TestClient) -> None:
    url = f"/api/v1/calendar/{YEAR}"
    assert client.put(url, json=SCHEDULE).status_code == 401
    assert client.put(url, json=SCHEDULE, headers=officer(client)).status_code == 403
    official = client.put("/api/v1/calendar/2026", json=SCHEDULE, headers=sign_in(client, *ADMIN))
    assert official.status_code == 422
    assert client.get("/api/v1/calendar/1999").status_code == 422


def test_the_command_loads_a_schedule_file(
    system: Chengxin, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    schedule = tmp_path / "2030.json"
    schedule.write_text(json.dumps({"year": YEAR, **SCHEDULE}))
    loaded = CliRunner().invoke(cli, ["calendar", "load", str(schedule)])
    assert loaded.exit_code == 0, loaded.output
    assert "source loaded" in loaded.output
    shown = CliRunner().invoke(cli, ["calendar", "show", str(YEAR)])
    assert "2030-10-07" in shown.output

    schedule.write_text(json.dumps({"year": YEAR, "holidays": ["2030-13-01"]}))
    refused = CliRunner().invoke(cli, ["calendar", "load", str(schedule)])
    assert refused.exit_code == 2
    assert "validation_error" in refused.output


@pytest.fixture
def november(settings: Settings) -> Iterator[TestClient]:
    system = build(settings, clock=FixedClock(date(YEAR - 1, 11, 2)))
    with TestClient(create_app(system), raise_server_exceptions=False) as client:
        yield client
    system.close()


def page_sign_in(client: TestClient, username: str, password: str) -> None:
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


def test_from_november_the_workbench_and_dashboard_warn_until_next_year_is_loaded(
    november: TestClient,
) -> None:
    officer(november, "zhou.qing", "public_security")
    page_sign_in(november, "zhou.qing", "officer-password")
    for page in ("/workbench", "/dashboard"):
        shown = november.get(page)
        assert shown.status_code == 200
        assert f"尚未载入{YEAR}年节假日安排" in shown.text, page
    admin = sign_in(november, *ADMIN)
    assert november.put(f"/api/v1/calendar/{YEAR}", json=SCHEDULE, headers=admin).status_code == 200
    assert f"尚未载入{YEAR}年节假日安排" not in november.get("/workbench").text

"""Issue 21 F10 as measured, now refused: 200 wrong API logins and 30 wrong page logins go on
unchecked; weak passwords are accepted; the page session works after 退出; the idempotency
store keeps a login's access token; a short signing key starts. Each test runs on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from domain.accounts import Account, account_id_for
from domain.errors import TooManyAttempts
from infrastructure.bootstrap import Chengxin
from infrastructure.idempotency import keys
from interfaces.api.app import create_app
from tests.support import ADMIN, create_user, officer, sign_in

PASSWORD = "officer-password"
MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class StoppedClock:
    """Time that stands still: every attempt comes before any delay is over, however slowly
    the machine hashes passwords."""

    def now(self) -> datetime:
        return MOMENT


@pytest.fixture
def stopped(system: Chengxin) -> Chengxin:
    system.accounts.time = StoppedClock()
    return system


def token_of(client: TestClient, username: str, password: str, **headers: str) -> Any:
    return client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}, headers=headers
    )


def stored_topics(system: Chengxin, username: str) -> list[str]:
    events = system.app.repository.event_store.get(account_id_for(username))
    return [type(event).__qualname__ for event in events]


def test_200_wrong_api_logins_lock_the_account(client: TestClient, stopped: Chengxin) -> None:
    system = stopped
    officer(client)
    answers = [token_of(client, "li.ming", f"guess-{n:04d}-x") for n in range(200)]
    statuses = [a.status_code for a in answers]
    assert statuses[:3] == [401, 401, 401]
    assert set(statuses[3:]) == {429}
    last = answers[-1]
    assert last.json()["code"] == "too_many_attempts"
    assert last.headers["content-type"].startswith("application/problem+json")
    assert int(last.headers["Retry-After"]) > 0
    topics = stored_topics(system, "li.ming")
    assert topics.count("Account.SignInFailed") == 9 and topics.count("Account.Locked") == 1
    account = system.app.load(Account, account_id_for("li.ming"), "account")
    assert account.locked_until is not None
    with pytest.raises(TooManyAttempts) as refused:  # the right password, from elsewhere
        system.accounts.authenticate("li.ming", PASSWORD, "198.51.100.7")
    assert refused.value.context["retry_after"] > 14 * 60


def test_one_address_guessing_many_accounts_is_made_to_wait(
    client: TestClient, stopped: Chengxin
) -> None:
    statuses = [token_of(client, f"nobody.{n}", "some-guess-1").status_code for n in range(40)]
    assert statuses[:10] == [401] * 10
    assert set(statuses[10:]) == {429}
    elsewhere = TestClient(client.app, client=("203.0.113.5", 40000))
    assert token_of(elsewhere, *ADMIN).status_code == 200


def signin_form(client: TestClient, username: str, password: str) -> Any:
    if "cx_csrf" not in client.cookies:
        client.get("/signin")
    return client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": client.cookies["cx_csrf"]},
        follow_redirects=False,
    )


def test_30_wrong_page_logins_are_refused_with_429(client: TestClient, stopped: Chengxin) -> None:
    officer(client)
    statuses = [signin_form(client, "li.ming", f"wrong-guess-{n}").status_code for n in range(30)]
    assert statuses[:3] == [401] * 3 and set(statuses[3:]) == {429}
    refused = signin_form(client, "li.ming", PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in refused.text
    assert "cx_session" not in client.cookies


@pytest.mark.parametrize(
    ("username", "password", "reason"),
    [
        ("zhang.wei", "password", "length"),
        ("zhang.wei", "12345678", "length"),
        ("zhang.wei.2026", "zhang.wei.2026", "username"),
        ("zhang.wei", "1234567890", "common"),
        ("zhang.wei", "woaini1314", "common"),
    ],
)
def test_weak_passwords_are_refused_and_nothing_is_written(
    client: TestClient, system: Chengxin, username: str, password: str, reason: str
) -> None:
    admin = sign_in(client, *ADMIN)
    before = system.store.max_position()
    answer = client.post(
        "/api/v1/users",
        json={"username": username, "password": password, "role": "auditor"},
        headers=admin,
    )
    assert answer.status_code == 422, answer.text
    assert (answer.json()["code"], answer.json()["reason"]) == ("weak_password", reason)
    assert system.store.max_position() == before


def test_the_command_line_refuses_a_weak_password_too(
    system: Chengxin, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from interfaces.cli.main import app

    monkeypatch.setenv("CHENGXIN_DATABASE_URL", system.settings.database_url)

    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(system.settings.var_dir))
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", system.settings.resolved_secret_key())
    runner = CliRunner()
    weak = ["users", "create", "zhao.shen", "--role", "auditor", "--password", "12345678"]
    refused = runner.invoke(app, weak)
    assert refused.exit_code == 2 and "weak_password" in refused.output
    strong = ["users", "create", "zhao.shen", "--role", "auditor", "--password", "Lotus-Pond-88"]
    assert runner.invoke(app, strong).exit_code == 0
    changed = ["users", "password", "zhao.shen", "--password", "zhao.shen-2026"]
    refused = runner.invoke(app, changed)
    assert refused.exit_code == 2 and "weak_password" in refused.output


def test_the_page_session_no_longer_works_after_signing_out(client: TestClient) -> None:
    officer(client)
    assert signin_form(client, "li.ming", PASSWORD).status_code == 303
    session, csrf = client.cookies["cx_session"], client.cookies["cx_csrf"]
    assert client.get("/workbench", follow_redirects=False).status_code == 200
    out = client.post("/signout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    client.cookies.set("cx_session", session)  # the old cookie, kept by someone
    stale = client.get("/workbench", follow_redirects=False)
    assert stale.status_code == 303 and stale.headers["location"].startswith("/signin")
    bearer = {"Authorization": f"Bearer {session}"}
    assert client.get("/api/v1/users/me", headers=bearer).status_code == 401
    client.cookies.clear()
    assert signin_form(client, "li.ming", PASSWORD).status_code == 303  # a new session works


def test_an_admin_revokes_every_token_of_an_account(client: TestClient, system: Chengxin) -> None:
    li = officer(client)
    admin = sign_in(client, *ADMIN)
    assert client.post("/api/v1/users/li.ming/revocation", headers=li).status_code == 403
    revoked = client.post("/api/v1/users/li.ming/revocation", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["username"] == "li.ming"
    assert client.get("/api/v1/users/me", headers=li).status_code == 401
    assert "Account.TokensRevoked" in stored_topics(system, "li.ming")
    missing = client.post("/api/v1/users/nobody.here/revocation", headers=admin)
    assert missing.status_code == 404
    again = sign_in(client, "li.ming", PASSWORD)
    assert client.get("/api/v1/users/me", headers=again).status_code == 200


def test_login_answers_are_never_kept_by_the_idempotency_store(
    client: TestClient, system: Chengxin
) -> None:
    first = token_of(client, *ADMIN, **{"Idempotency-Key": "login-1"})
    second = token_of(client, *ADMIN, **{"Idempotency-Key": "login-1"})
    assert first.status_code == second.status_code == 200
    assert first.json()["access_token"] != second.json()["access_token"]
    with system.store.engine.connect() as connection:
        assert connection.execute(select(keys)).all() == []


def test_a_signing_key_under_32_bytes_refuses_to_start(system: Chengxin) -> None:
    from infrastructure.bootstrap import build
    from infrastructure.settings import InsecureSettings

    short = system.settings.model_copy(update={"secret_key": "k" * 25})
    with pytest.raises(InsecureSettings, match="at least 32"):
        build(short)
    with pytest.raises(InsecureSettings), TestClient(create_app(settings=short)):
        pass


def test_the_csrf_token_is_bound_to_the_session(client: TestClient) -> None:
    officer(client)
    create_user(
        client, sign_in(client, *ADMIN), username="wang.shui", department="taxation", role="officer"
    )
    assert signin_form(client, "wang.shui", PASSWORD).status_code == 303
    other_token = client.cookies["cx_csrf"]
    client.cookies.clear()
    assert signin_form(client, "li.ming", PASSWORD).status_code == 303
    mine = client.cookies["cx_csrf"]
    assert mine != other_token
    body = {"kind": "legal_person", "identifier": "91110000600037341L", "name": "某公司"}
    client.cookies.set("cx_csrf", "planted-by-someone")
    planted = client.post("/workbench/subjects", data={**body, "csrf_token": "planted-by-someone"})
    assert planted.status_code == 403
    client.cookies.set("cx_csrf", other_token)
    borrowed = client.post("/workbench/subjects", data={**body, "csrf_token": other_token})
    assert borrowed.status_code == 403
    client.cookies.set("cx_csrf", mine)
    own = client.post(
        "/workbench/subjects", data={**body, "csrf_token": mine}, follow_redirects=False
    )
    assert own.status_code == 303, own.text


def test_a_weak_start_up_admin_password_refuses_to_start(system: Chengxin) -> None:
    from infrastructure.bootstrap import build
    from infrastructure.settings import InsecureSettings

    weak = system.settings.model_copy(
        update={"admin_username": "root", "admin_password": "root12345678"}
    )
    with pytest.raises(InsecureSettings, match="CHENGXIN_ADMIN_PASSWORD"):
        build(weak)

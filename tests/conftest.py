"""Backends for integration tests: every test that takes `system` runs on SQLite and on
PostgreSQL. PostgreSQL is used when CHENGXIN_TEST_POSTGRES_URL is set; in CI it must be."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from infrastructure.bootstrap import Chengxin, build
from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from infrastructure.store_encoding import new_cipher_key
from tests.replica_support import catching_up, replica_url_for
from tests.support import TODAY

BASE_POSTGRES_URL = os.environ.get("CHENGXIN_TEST_POSTGRES_URL")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# Every app the tests build stores its events encrypted, each test under a fresh key.
TEST_CIPHER = os.environ.get("CHENGXIN_TEST_CIPHER", "").lower() in {"1", "true", "yes"}
POSTGRES_URL: str | None = None
# Password hashes at argon2's lowest cost: at the production cost each takes 0.15 s here, and the
# suite registers and signs in thousands of accounts (tests/unit/test_password_cost.py checks the
# production default). Servers the tests start inherit it through the environment.
os.environ.setdefault("CHENGXIN_PASSWORD_TIME_COST", "1")
os.environ.setdefault("CHENGXIN_PASSWORD_MEMORY_KIB", "64")


@pytest.fixture(autouse=True)
def cipher_key_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CHENGXIN_TEST_CIPHER, a fresh CHENGXIN_CIPHER_KEY for the test: every `Settings()`
    made in it (the fixtures', a test's own, a command's) reads it."""
    if TEST_CIPHER:
        monkeypatch.setenv("CHENGXIN_CIPHER_KEY", new_cipher_key())


@pytest.fixture(scope="session", autouse=True)
def own_postgres_database() -> Iterator[None]:
    """Each test run gets a database of its own, so runs side by side never collide."""
    global POSTGRES_URL
    if BASE_POSTGRES_URL is None:
        yield
        return
    base = make_url(BASE_POSTGRES_URL)
    name = f"{base.database}_run_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    POSTGRES_URL = base.set(database=name).render_as_string(hide_password=False)
    yield
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'chengxin.db'}"
    if BASE_POSTGRES_URL is None or POSTGRES_URL is None:
        if IN_CI:
            pytest.fail(
                "CI runs every integration test on PostgreSQL: set CHENGXIN_TEST_POSTGRES_URL"
            )
        pytest.skip("CHENGXIN_TEST_POSTGRES_URL is not set")
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    url = database_url(backend, tmp_path)
    on_replica = backend == "postgres" and request.node.get_closest_marker("replica") is not None
    return Settings(
        database_url=url,
        read_database_url=replica_url_for(url) if on_replica else None,
        secret_key="test-secret-key-with-enough-length-for-hs256",
        admin_username="admin",
        admin_password="Gatekeeper-2718",
        var_dir=tmp_path,
    )


@pytest.fixture
def system(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Chengxin]:
    built = build(settings, clock=FixedClock(TODAY))
    if built.replica.configured:
        monkeypatch.setattr(built.replica, "read", catching_up(built))
    yield built
    built.close()

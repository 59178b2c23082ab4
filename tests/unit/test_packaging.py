"""The set-up promises: docker-compose is valid and wired to the settings, the two commands
exist, CI runs the tests on PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from infrastructure.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_docker_compose_runs_the_app_on_postgresql() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "db-replica", "migrate", "app"}
    assert services["db"]["image"].startswith("postgres:")
    app = services["app"]
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    url = app["environment"]["CHENGXIN_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg2://") and "@db:5432/" in url
    db_env = services["db"]["environment"]
    assert f"{db_env['POSTGRES_USER']}:{db_env['POSTGRES_PASSWORD']}@" in url
    assert url.endswith("/" + db_env["POSTGRES_DB"])
    known = {f"CHENGXIN_{name.upper()}" for name in Settings.model_fields}
    assert set(app["environment"]) <= known
    assert app["ports"] == ["8000:8000"]


def test_docker_compose_migrates_once_then_serves_with_several_processes() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    migrate, app = services["migrate"], services["app"]
    assert migrate["command"] == ["chengxin", "migrate"]
    assert migrate["environment"] == app["environment"]
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert app["command"][:2] == ["chengxin", "serve"] and "--workers" in app["command"]


def test_docker_compose_streams_a_replica_for_the_public_reads() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services, hba = compose["services"], compose["configs"]["pg_hba"]["content"]
    assert "host replication all all" in hba
    assert "hba_file=/etc/postgresql/pg_hba.conf" in services["db"]["command"]
    replica = services["db-replica"]
    assert replica["image"] == services["db"]["image"]
    assert "pg_basebackup -h db" in replica["command"][-1] and " -R " in replica["command"][-1]
    app = services["app"]
    read_url = app["environment"]["CHENGXIN_READ_DATABASE_URL"]
    assert "@db-replica:5432/" in read_url
    assert read_url.replace("db-replica", "db") == app["environment"]["CHENGXIN_DATABASE_URL"]
    assert app["depends_on"]["db-replica"]["condition"] == "service_healthy"


def test_the_dockerfile_installs_the_package_and_serves() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install" in dockerfile
    assert '"chengxin", "serve"' in dockerfile


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_the_makefile_has_the_promised_targets() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    assert {"run", "test", "check", "clean", "bench"} <= targets


def test_ci_runs_checks_and_tests_on_postgresql() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "make check" in script and "make test" in script
    assert "CHENGXIN_TEST_POSTGRES_URL" in script
    assert "pg_ctlcluster" in script
    assert ".ci/replica" in script and "CHENGXIN_TEST_REPLICA_URL" in script

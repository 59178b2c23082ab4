"""The public read path on a real streaming replica, and on the primary when the replica is down.

Runs on PostgreSQL with CHENGXIN_TEST_REPLICA_URL (CI starts the replica with `.ci/replica`)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from infrastructure.bootstrap import Chengxin
from tests.replica_support import REPLICA_URL
from tests.support import COMPANY_USCC, officer

pytestmark = pytest.mark.replica
REPLICA_SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "replica"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def backend() -> str:
    if REPLICA_URL is None:
        if IN_CI:
            pytest.fail("CI runs the public read path on a replica: set CHENGXIN_TEST_REPLICA_URL")
        pytest.skip("CHENGXIN_TEST_REPLICA_URL is not set")
    return "postgres"


@pytest.fixture
def replica_restarted_after() -> Iterator[None]:
    yield
    subprocess.run([str(REPLICA_SCRIPT)], check=True, capture_output=True, timeout=120)


def list_a_company(client: TestClient) -> str:
    headers = officer(client, "li.ming", "public_security")
    subject = client.post(
        "/api/v1/subjects",
        json={"kind": "legal_person", "identifier": COMPANY_USCC, "name": "淮安复制数据有限公司"},
        headers=headers,
    ).json()
    entry = client.post(
        "/api/v1/entries",
        json={
            "subject_id": subject["id"],
            "list_type": "penalty",
            "domain": "telecom_fraud",
            "severity": "general",
            "decision_no": "淮公罚〔2026〕31号",
            "decision_date": "2026-03-02",
            "legal_basis": "《中华人民共和国反电信网络诈骗法》第三十八条",
        },
        headers=headers,
    )
    assert entry.status_code == 201, entry.text
    return str(entry.json()["id"])


def test_the_public_site_reads_from_the_replica(client: TestClient, system: Chengxin) -> None:
    assert system.replica.value(select(func.pg_is_in_recovery())) is True
    entry_id = str(system.public.public_id(UUID(list_a_company(client))))
    found = client.get("/api/v1/public/entries", params={"q": "复制数据"}).json()["items"]
    assert [item["entry_id"] for item in found] == [entry_id]
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert 0 <= health["replica_lag_s"] < 60


def test_an_error_on_the_public_read_path_never_shows_its_values(system: Chengxin) -> None:
    engines = [system.replica.engine, system.replica.on_primary]
    assert all(engine is not None and engine.hide_parameters for engine in engines)


def test_the_public_site_answers_from_the_primary_when_the_replica_stops(
    client: TestClient, system: Chengxin, replica_restarted_after: None
) -> None:
    entry_id = str(system.public.public_id(UUID(list_a_company(client))))
    subprocess.run([str(REPLICA_SCRIPT), "stop"], check=True, capture_output=True, timeout=60)
    found = client.get("/api/v1/public/entries", params={"q": "复制数据"})
    assert found.status_code == 200
    assert [item["entry_id"] for item in found.json()["items"]] == [entry_id]
    assert client.get(f"/api/v1/public/entries/{entry_id}").status_code == 200
    stats = client.get("/api/v1/stats/governance", headers=officer(client, "wang.wu", "taxation"))
    assert stats.status_code == 200
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "replica_lag_s": None}

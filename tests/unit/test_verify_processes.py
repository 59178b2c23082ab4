"""How many processes check a big store's seal chain: as configured, else by the CPUs, halved
when the PostgreSQL server shares them (measured: on 2 cores with the server on them, a second
checking process made the check slower; with SQLite it made it 1.8 times faster)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.settings import Settings

LOCAL_PG = "postgresql+psycopg2://postgres@127.0.0.1:5432/chengxin"


@pytest.mark.parametrize(
    ("url", "cpus", "processes"),
    [
        ("sqlite:///var/chengxin.db", 8, 8),
        (LOCAL_PG, 8, 4),
        ("postgresql+psycopg2://chengxin@localhost/chengxin", 2, 1),
        ("postgresql+psycopg2://chengxin@/chengxin?host=/run/postgresql", 4, 2),  # a socket
        ("postgresql+psycopg2://chengxin:pw@db.internal:5432/chengxin", 4, 4),
        ("postgresql+psycopg2://chengxin:pw@db.internal:5432/chengxin", 32, 8),
        (LOCAL_PG, 1, 1),
    ],
)
def test_unset_it_follows_the_cpus_and_where_the_database_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str, cpus: int, processes: int
) -> None:
    monkeypatch.delenv("CHENGXIN_VERIFY_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: cpus)
    assert Settings(database_url=url, var_dir=tmp_path).verify_processes() == processes


def test_a_configured_number_is_taken_and_zero_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CHENGXIN_VERIFY_WORKERS", "3")
    assert Settings(database_url=LOCAL_PG, var_dir=tmp_path).verify_processes() == 3
    monkeypatch.setenv("CHENGXIN_VERIFY_WORKERS", "0")
    with pytest.raises(ValueError, match="verify_workers"):
        Settings(var_dir=tmp_path)

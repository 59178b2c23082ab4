"""New password hashes are argon2id at RFC 9106's second recommended cost unless configured;
a hash keeps its own parameters, so a change of cost never locks an account out."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.security import Argon2Hasher
from infrastructure.settings import Settings


def test_the_default_cost_is_rfc_9106s_and_a_cheaper_one_is_chosen_by_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CHENGXIN_PASSWORD_TIME_COST", raising=False)
    monkeypatch.delenv("CHENGXIN_PASSWORD_MEMORY_KIB", raising=False)
    defaults = Settings(var_dir=tmp_path)
    assert (defaults.password_time_cost, defaults.password_memory_kib) == (3, 65536)
    strong = Argon2Hasher(defaults.password_time_cost, defaults.password_memory_kib)
    assert strong.hash("Gatekeeper-2718").startswith("$argon2id$v=19$m=65536,t=3,p=4$")

    monkeypatch.setenv("CHENGXIN_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("CHENGXIN_PASSWORD_MEMORY_KIB", "64")
    cheap = Settings(var_dir=tmp_path)
    assert (cheap.password_time_cost, cheap.password_memory_kib) == (1, 64)


def test_a_hash_made_at_one_cost_verifies_at_another() -> None:
    made_strong = Argon2Hasher(3, 65536).hash("Gatekeeper-2718")
    cheap = Argon2Hasher(1, 64)
    assert cheap.verify(made_strong, "Gatekeeper-2718")
    assert not cheap.verify(made_strong, "Gatekeeper-2719")
    assert Argon2Hasher(3, 65536).verify(cheap.hash("Gatekeeper-2718"), "Gatekeeper-2718")


@pytest.mark.parametrize("setting", ["CHENGXIN_PASSWORD_TIME_COST", "CHENGXIN_PASSWORD_MEMORY_KIB"])
def test_a_cost_below_argon2s_floor_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, setting: str
) -> None:
    monkeypatch.setenv(setting, "0")
    with pytest.raises(ValueError, match=setting.removeprefix("CHENGXIN_").lower()):
        Settings(var_dir=tmp_path)

"""Issue 21 item 7: personal data encrypted at rest. With CHENGXIN_CIPHER_KEY, every event's state
is stored compressed and AES-GCM encrypted; the store remembers it and refuses to start without
its key or with another; `chengxin copy-store` encrypts a store or changes its key; the seal
chain seals what is stored. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import InsecureSettings, Settings
from infrastructure.store_encoding import new_cipher_key
from infrastructure.store_facts import StoreRefused
from interfaces.api.app import create_app
from interfaces.cli.main import app as cli
from tests.audit_support import EVENTS, listed_then_repaired
from tests.integration.public_world import record, register

WANG = "320811199001011237"
WANG_NAME = "王小明"
COMPANY_NAME = "淮安某某科技有限公司"  # the story's company
PERSONAL = (WANG.encode(), WANG_NAME.encode(), json.dumps(WANG_NAME).strip('"').encode())


@pytest.fixture
def key() -> str:
    return new_cipher_key()


@pytest.fixture
def encrypted_settings(settings: Settings, key: str) -> Settings:
    return settings.model_copy(update={"cipher_key": key})


@pytest.fixture
def encrypted(encrypted_settings: Settings) -> Iterator[Chengxin]:
    built = build(encrypted_settings)
    yield built
    built.close()


def stored_rows(engine_url: str) -> list[tuple[int, str, bytes]]:
    engine = create_engine(engine_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT id, topic, state FROM {EVENTS} ORDER BY id"))
            return [(int(r[0]), str(r[1]), bytes(r[2])) for r in rows]
    finally:
        engine.dispose()


def holding(rows: list[tuple[int, str, bytes]], *needles: bytes) -> list[int]:
    """Positions of the stored events whose topic or state holds any of `needles`."""
    return [
        p for p, topic, state in rows if any(n in state or n in topic.encode() for n in needles)
    ]


def people(system: Chengxin) -> None:
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    record(system, wang)
    listed_then_repaired(system)


def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    if settings.cipher_key:
        monkeypatch.setenv("CHENGXIN_CIPHER_KEY", settings.cipher_key)
    else:
        monkeypatch.delenv("CHENGXIN_CIPHER_KEY", raising=False)
    monkeypatch.delenv("CHENGXIN_TARGET_CIPHER_KEY", raising=False)


def test_no_stored_event_holds_a_name_or_an_identifier(
    encrypted: Chengxin, encrypted_settings: Settings
) -> None:
    people(encrypted)
    with TestClient(create_app(encrypted), raise_server_exceptions=False) as client:
        found = client.get(
            "/api/v1/public/entries", params={"identifier": WANG, "name": WANG_NAME}
        ).json()["items"]
    assert len(found) == 1  # read back and decrypted: the public site found the person
    rows = stored_rows(encrypted_settings.database_url)
    assert len(rows) > 10
    assert holding(rows, *PERSONAL, COMPANY_NAME.encode(), b"Gatekeeper") == []


def test_a_plain_store_holds_them_in_clear(settings: Settings) -> None:
    """What the test above would find without a key: the check can fail."""
    plain = build(settings.model_copy(update={"cipher_key": None}))
    try:
        people(plain)
    finally:
        plain.close()
    rows = stored_rows(settings.database_url)
    assert holding(rows, WANG.encode())
    assert holding(rows, COMPANY_NAME.encode())


def test_an_encrypted_store_refuses_to_start_without_its_key_or_with_another(
    encrypted: Chengxin, encrypted_settings: Settings
) -> None:
    people(encrypted)
    encrypted.close()
    with pytest.raises(StoreRefused, match="encrypted: set CHENGXIN_CIPHER_KEY"):
        build(encrypted_settings.model_copy(update={"cipher_key": None}))
    with pytest.raises(StoreRefused, match="not the key"):
        build(encrypted_settings.model_copy(update={"cipher_key": new_cipher_key()}))
    again = build(encrypted_settings)  # the right key still opens it
    again.close()


def test_the_commands_refuse_with_a_message_and_no_traceback(
    encrypted: Chengxin, encrypted_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted.close()
    cli_env(monkeypatch, encrypted_settings.model_copy(update={"cipher_key": None}))
    for command in (["verify"], ["serve"], ["users", "list"]):
        answer = CliRunner().invoke(cli, command)
        assert answer.exit_code == 2, (command, answer.output)
        assert "encrypted: set CHENGXIN_CIPHER_KEY" in answer.output
        assert "Traceback" not in answer.output
    monkeypatch.setenv("CHENGXIN_CIPHER_KEY", new_cipher_key())
    wrong = CliRunner().invoke(cli, ["serve"])
    assert wrong.exit_code == 2
    assert "not the key" in wrong.output


def test_a_key_on_a_plain_store_refuses_and_points_to_the_copy(settings: Settings) -> None:
    plain = build(settings.model_copy(update={"cipher_key": None}))  # the admin's events
    plain.close()
    with pytest.raises(StoreRefused, match="copy-store"):
        build(settings.model_copy(update={"cipher_key": new_cipher_key()}))


def test_a_malformed_key_refuses(settings: Settings) -> None:
    for bad in ("short", "not base64 at all!", new_cipher_key()[:-8]):
        with pytest.raises(InsecureSettings, match="base64 of 16, 24 or 32"):
            build(settings.model_copy(update={"cipher_key": bad}))


def test_verify_passes_on_an_encrypted_store_and_finds_an_altered_byte(
    encrypted: Chengxin, encrypted_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    people(encrypted)
    events = encrypted.store.max_position()
    cli_env(monkeypatch, encrypted_settings)
    intact = CliRunner().invoke(cli, ["verify"])
    assert intact.exit_code == 0, intact.output
    assert f"ok: {events} events checked" in intact.output
    position, _, state = stored_rows(encrypted_settings.database_url)[3]
    flipped = bytes([state[-1] ^ 1])
    with encrypted.store.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {EVENTS} SET state = :s WHERE id = :p"),
            {"s": state[:-1] + flipped, "p": position},
        )
    broken = CliRunner().invoke(cli, ["verify"])
    assert broken.exit_code == 1
    assert f"BROKEN at position {position}: altered" in broken.output


TABLES_OF_RECORD = ((EVENTS, "id"), ("event_seals", "position"), ("store_facts", "name"))


def fingerprint(database_url: str) -> str:
    """Every stored event and seal, hashed: tells whether a store changed at all."""
    engine = create_engine(database_url)
    digest = hashlib.sha256()
    try:
        with engine.connect() as connection:
            for table, key in (
                (EVENTS, "id"),
                ("event_seals", "position"),
                ("store_facts", "name"),
            ):
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY {key}")):
                    digest.update(
                        repr(
                            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                        ).encode()
                    )
    finally:
        engine.dispose()
    return digest.hexdigest()


def copy_settings(settings: Settings, folder: Path, key: str | None) -> Settings:
    url = f"sqlite:///{folder / 'chengxin.db'}"
    return settings.model_copy(update={"database_url": url, "cipher_key": key})


def copy_store(
    monkeypatch: pytest.MonkeyPatch, source: Settings, target: Settings
) -> tuple[int, str]:
    cli_env(monkeypatch, source)
    if target.cipher_key:
        monkeypatch.setenv("CHENGXIN_TARGET_CIPHER_KEY", target.cipher_key)
    answer = CliRunner().invoke(cli, ["copy-store", "--to", target.database_url])
    return answer.exit_code, answer.output


def test_copy_store_encrypts_a_store_then_changes_its_key(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plain_settings = settings.model_copy(update={"cipher_key": None})
    plain = build(plain_settings)
    people(plain)
    events = plain.store.max_position()
    public = plain.public.search(identifier=WANG, name=WANG_NAME)
    plain.close()
    before = fingerprint(plain_settings.database_url)

    first, second = new_cipher_key(), new_cipher_key()
    copy = copy_settings(settings, tmp_path / "copy", first)
    code, output = copy_store(monkeypatch, plain_settings, copy)
    assert code == 0, output
    assert f"copied {events} events encrypted" in output
    assert fingerprint(plain_settings.database_url) == before  # the source is only read
    assert holding(stored_rows(copy.database_url), *PERSONAL, COMPANY_NAME.encode()) == []

    again, output = copy_store(monkeypatch, plain_settings, copy)
    assert again == 2
    assert "already holds events" in output

    rotated = copy_settings(settings, tmp_path / "rotated", second)
    code, output = copy_store(monkeypatch, copy, rotated)
    assert code == 0, output
    with pytest.raises(StoreRefused, match="not the key"):
        build(rotated.model_copy(update={"cipher_key": first}))
    reopened = build(rotated)
    try:
        assert reopened.store.max_position() == events
        assert reopened.public.search(identifier=WANG, name=WANG_NAME) == public
        assert reopened.audit.sealed.verify().ok
    finally:
        reopened.close()
    cli_env(monkeypatch, rotated)
    verified = CliRunner().invoke(cli, ["verify"])
    assert verified.exit_code == 0, verified.output
    assert f"ok: {events} events checked" in verified.output


def test_copy_store_refuses_a_source_key_that_does_not_fit(
    encrypted: Chengxin,
    encrypted_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    encrypted.close()
    wrong = encrypted_settings.model_copy(update={"cipher_key": new_cipher_key()})
    code, output = copy_store(monkeypatch, wrong, copy_settings(wrong, tmp_path / "c", None))
    assert code == 2
    assert "not the key" in output
    assert "Traceback" not in output


def test_cipher_key_prints_a_new_aes_key() -> None:
    import base64

    printed = {CliRunner().invoke(cli, ["cipher-key"]).output.strip() for _ in range(2)}
    assert len(printed) == 2
    assert all(len(base64.b64decode(k, validate=True)) == 32 for k in printed)


def test_a_copy_keeps_the_positions_and_numbers_new_events_after_them(
    settings: Settings, key: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A plain SQLite store copied into the backend's database (PostgreSQL: its sequence is
    moved past the copied positions), encrypted; the copy then takes new events."""
    source = settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path / 'old' / 'chengxin.db'}", "cipher_key": None}
    )
    old = build(source)
    people(old)
    events = old.store.max_position()
    old.close()
    target = settings.model_copy(update={"cipher_key": key})
    code, output = copy_store(monkeypatch, source, target)
    assert code == 0, output
    assert [p for p, _, _ in stored_rows(target.database_url)] == list(range(1, events + 1))
    copy = build(target)
    try:
        register(copy, SubjectKind.LEGAL_PERSON, "淮安市新开张商贸有限公司")
        assert copy.store.max_position() == events + 1
        assert copy.audit.sealed.verify().ok
    finally:
        copy.close()
    assert holding(stored_rows(target.database_url), COMPANY_NAME.encode()) == []

"""Masked means unrecoverable (issue 21, F1): the mask leaves at least 10^9 candidates, a natural
person is found only by full identifier and full name together, anonymous look-ups by identifier
are rate-limited, and the stored hashes are keyed with a secret kept outside the database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import islice

import pytest
from fastapi.testclient import TestClient
from stdnum.cn import ric
from typer.testing import CliRunner

from domain.entry import entry_id_for
from domain.reference import ListType
from domain.subject import SubjectKind, subject_id_for
from infrastructure.bootstrap import Chengxin, build
from infrastructure.identifier_keys import identifier_secret
from infrastructure.settings import Settings
from interfaces.api.app import create_app
from interfaces.cli.main import app as cli
from tests.integration.public_world import entry_ids, pid, record, register, rows_of
from tests.unit.test_masking import candidates

WANG = "320811199001011237"  # 淮安市清浦区, born 1990
WANG_NAME = "王小明"
SEARCH = "/api/v1/public/entries"


def guesses() -> Iterator[str]:
    """What an attacker tries for 32****************: valid ids of the province, the right one
    among the first (as if it had guessed the county, the day and the sequence)."""
    yield WANG
    for sequence in range(1000):
        body = f"32081119900101{sequence:03d}"
        yield body + ric.calc_check_digit(body)


def test_the_f1_attack_gives_up_at_the_rate_limit_with_a_billion_candidates_left(
    client: TestClient, system: Chengxin
) -> None:
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    entry = record(system, wang)
    [shown] = client.get(SEARCH).json()["items"]
    assert (shown["entry_id"], shown["identifier"]) == (str(pid(system, entry)), "32" + "*" * 16)
    tried, hits = 0, 0
    for guess in islice(guesses(), 200):
        answer = client.get(SEARCH, params={"identifier": guess})
        if answer.status_code == 429:
            break
        tried += 1
        hits += len(answer.json()["items"])
    assert (tried, hits) == (60, 0)  # even the right id finds nothing without the full name
    assert answer.json()["code"] == "too_many_requests"
    assert 1 <= int(answer.headers["Retry-After"]) <= 60
    assert candidates({"32"}) - tried >= 10**9
    found = client.get(SEARCH, params={"q": "王"})  # searches by name are not limited
    assert found.status_code == 200


def test_the_search_page_is_limited_too(client: TestClient, system: Chengxin) -> None:
    system.settings.public_rate_limit = 2
    for _ in range(2):
        assert client.get("/", params={"q": WANG}).status_code == 200
    refused = client.get("/", params={"q": WANG})
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    assert client.get("/", params={"q": "王"}).status_code == 200


def test_a_limit_of_zero_turns_the_limit_off(client: TestClient, system: Chengxin) -> None:
    system.settings.public_rate_limit = 0
    for _ in range(70):
        assert client.get(SEARCH, params={"identifier": WANG}).status_code == 200


def test_a_natural_person_is_found_by_full_identifier_and_full_name_together(
    client: TestClient, system: Chengxin
) -> None:
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    entry = record(system, wang)
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    firm_entry = record(system, company)
    found = client.get(SEARCH, params={"identifier": WANG.lower(), "name": "王 小明"}).json()
    assert entry_ids(found["items"]) == {pid(system, entry)}
    assert client.get(SEARCH, params={"identifier": WANG, "name": "王小"}).json()["items"] == []
    by_id = client.get(SEARCH, params={"identifier": company.identifier}).json()["items"]
    assert entry_ids(by_id) == {pid(system, firm_entry)}
    alone = client.get(SEARCH, params={"name": WANG_NAME})
    assert (alone.status_code, alone.json()["code"]) == (422, "validation_error")
    system.subjects.rename(wang.id, "王晓明", None)
    renamed = client.get(SEARCH, params={"identifier": WANG, "name": "王晓明"}).json()["items"]
    assert entry_ids(renamed) == {pid(system, entry)}
    assert client.get(SEARCH, params={"identifier": WANG, "name": WANG_NAME}).json()["items"] == []
    page = client.get("/", params={"q": WANG, "name": "王晓明"})
    assert str(pid(system, entry)) in page.text


def test_stored_hashes_are_keyed_and_rotate_with_the_key(
    system: Chengxin, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    entry = record(system, company)
    [row] = rows_of(system)["public_entries"]
    assert row["identifier_hash"] != hashlib.sha256(company.identifier.encode()).hexdigest()
    assert row["identifier_hash"] == system.public.keys.of_identifier(company.identifier)
    assert settings.identifier_key_file().exists()
    old_key = identifier_secret(settings)
    system.close()

    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    rotated = CliRunner().invoke(cli, ["keys", "rotate-identifier"])
    assert rotated.exit_code == 0, rotated.output
    assert identifier_secret(settings) != old_key

    again = build(settings)
    try:
        [row_after] = rows_of(again)["public_entries"]
        assert row_after["identifier_hash"] not in {row["identifier_hash"]}
        assert row_after["entry_id"] == row["entry_id"]  # public ids outlive the rotation
        with TestClient(create_app(again)) as client:
            found = client.get(SEARCH, params={"identifier": company.identifier}).json()
        assert entry_ids(found["items"]) == {pid(again, entry)}
    finally:
        again.close()


def test_a_key_from_the_environment_is_changed_there(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_IDENTIFIER_KEY", "configured-elsewhere")
    refused = CliRunner().invoke(cli, ["keys", "rotate-identifier"])
    assert refused.exit_code == 2
    assert "CHENGXIN_IDENTIFIER_KEY" in refused.output


def test_the_feed_and_the_export_carry_only_the_mask(client: TestClient, system: Chengxin) -> None:
    record(system, register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG))
    feed = client.get("/api/v1/public/changes").json()
    export = client.get("/api/v1/public/export", params={"format": "jsonl"}).text
    stored = json.dumps(rows_of(system), default=str, ensure_ascii=False)
    for text in (json.dumps(feed, ensure_ascii=False), export, stored):
        assert WANG not in text
        assert WANG[2:8] not in text  # not even the county and the year
        assert WANG_NAME not in text


def test_a_public_entry_id_is_keyed_and_does_not_lead_back_to_the_identifier(
    client: TestClient, system: Chengxin, settings: Settings
) -> None:
    """Issue 21 F8/item 7: the entry's own id is uuid5 of subject (itself uuid5 of identifier),
    list type and decision number; shown, it would let anyone test candidate identifiers
    offline. The site, the feed and the export show a keyed id instead, stable across rebuilds
    and restarts, and no public row holds the internal ids."""
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    entry = record(system, wang)
    [shown] = client.get(SEARCH).json()["items"]
    guessed = entry_id_for(subject_id_for(WANG), ListType.BLACKLIST, shown["decision_no"])
    assert guessed == entry.id  # what an attacker computes from a right guess ...
    assert shown["entry_id"] != str(guessed)  # ... matches nothing shown
    public_id = shown["entry_id"]
    assert client.get(f"{SEARCH}/{entry.id}").status_code == 404
    assert client.get(f"{SEARCH}/{public_id}").json()["decision_no"] == shown["decision_no"]
    [change] = client.get("/api/v1/public/changes").json()["items"]
    exported = client.get("/api/v1/public/export", params={"format": "jsonl"}).text
    assert change["entry_id"] == json.loads(exported)["entry_id"] == public_id
    stored = json.dumps(rows_of(system), default=str)
    assert str(entry.id) not in stored
    assert str(wang.id) not in stored

    system.projector.rebuild()
    assert client.get(SEARCH).json()["items"][0]["entry_id"] == public_id
    system.close()
    again = build(settings)
    try:
        assert str(again.public.public_id(entry.id)) == public_id
    finally:
        again.close()
    other = build(settings.model_copy(update={"public_id_key": "another public id key " * 2}))
    try:
        [row] = rows_of(other)["public_entries"]
        assert row["entry_id"] not in {public_id, str(entry.id)}
    finally:
        other.close()

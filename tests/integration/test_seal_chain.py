"""Issue 22 item 1: the keyed, anchored seal chain against an attacker with database access but
without the seal key. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from application.integrity import Breach
from infrastructure.bootstrap import Chengxin, build
from infrastructure.integrity import SqlSealedLog
from infrastructure.seal_keys import SealKeyMismatch
from infrastructure.sealing import seal_digest
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.audit_support import EVENTS, Story, Tamperer, listed_then_repaired
from tests.support import ADMIN, create_user, sign_in

SEALS = "event_seals"
FORGED_NAME = "伪造科技有限公司"


@pytest.fixture
def story(system: Chengxin) -> Story:
    return listed_then_repaired(system)


def registered_position(system: Chengxin, story: Story) -> int:
    position = system.store.position_of(story.subject_id, 1)
    assert position is not None
    return position


def forge_from(engine: Any, position: int) -> None:
    """Reseal from `position` on with the code's own digest function, as one without the key
    can: every later seal is recomputed so that the plain chain is consistent again."""
    with engine.begin() as connection:
        previous = (
            connection.execute(
                text(
                    f"SELECT digest FROM {SEALS} WHERE position < :p ORDER BY position DESC LIMIT 1"
                ),
                {"p": position},
            ).scalar()
            or "0" * 64
        )
        rows = connection.execute(
            text(
                f"SELECT id, originator_id, originator_version, topic, state FROM {EVENTS} "
                "WHERE id >= :p ORDER BY id"
            ),
            {"p": position},
        ).all()
        for pos, aggregate_id, version, topic, state in rows:
            previous = seal_digest(previous, pos, _uuid(aggregate_id), version, topic, bytes(state))
            connection.execute(
                text(f"UPDATE {SEALS} SET digest = :d WHERE position = :p"),
                {"d": previous, "p": pos},
            )


def _uuid(value: Any) -> str:
    from uuid import UUID

    return str(UUID(bytes=bytes(value)) if isinstance(value, bytes | memoryview) else value)


def delete_with_seal(engine: Any, position: int) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {EVENTS} WHERE id = :p"), {"p": position})
        connection.execute(text(f"DELETE FROM {SEALS} WHERE position = :p"), {"p": position})


def broken(system: Chengxin, **kwargs: Any) -> tuple[int, str] | None:
    """The first break, by the check that records no audit read (no event of its own)."""
    report = system.audit.sealed.verify(**kwargs)
    b = report.first_broken
    return None if b is None else (b.position, b.problem)


def test_a_forged_chain_without_the_key_is_caught_where_the_name_was_changed(
    system: Chengxin, story: Story
) -> None:
    position = registered_position(system, story)
    state = bytes(Tamperer(system.store.engine).row(position)["state"])
    forged = state.replace("淮安某某科技有限公司".encode(), FORGED_NAME.encode())
    if forged == state:  # encrypted at rest: the name cannot be found, any change will do
        forged = state[:-1] + bytes([state[-1] ^ 1])
    Tamperer(system.store.engine)._set(position, {"state": forged})
    forge_from(system.store.engine, position)
    assert broken(system) == (position, "altered")


def test_moving_the_rekeying_point_past_the_end_is_caught(system: Chengxin, story: Story) -> None:
    """Claiming the whole store predates keys, to reseal it all with the plain digest."""
    last = system.store.max_position()
    with system.store.engine.begin() as connection:
        connection.execute(text("UPDATE event_seal_keying SET keyed_from = :p"), {"p": last + 1})
        connection.execute(text(f"UPDATE {SEALS} SET previous = NULL"))
    forge_from(system.store.engine, 1)
    assert broken(system) == (1, "keying")


def test_a_deleted_middle_event_is_missing_at_its_own_position(
    system: Chengxin, story: Story
) -> None:
    middle = system.store.max_position() // 2
    delete_with_seal(system.store.engine, middle)
    assert broken(system) == (middle, "missing")


def test_small_batches_read_ahead_find_the_same_breach_wherever_it_falls(
    system: Chengxin, story: Story
) -> None:
    """The check reads the next range of positions while it hashes the current one; with
    ranges of 1 to 4, a break falls at every place in a range, and the check stops with a read
    still pending."""
    last = system.store.max_position()
    whole = SqlSealedLog(system.store, batch=3).verify()
    assert (whole.events_checked, whole.first_broken) == (last, None)
    middle = last // 2
    delete_with_seal(system.store.engine, middle)
    for batch in (1, 2, 3, 4):
        report = SqlSealedLog(system.store, batch=batch).verify()
        assert report.first_broken is not None
        assert (report.first_broken.position, report.first_broken.problem) == (middle, "missing")
        assert report.events_checked == middle - 1


def verdicts(system: Chengxin, anchor: Any) -> set[tuple[int, Any]]:
    """The check's verdict in this process, and with spans of 2 and 3 positions checked by two
    worker processes (every store made here is big enough to be split)."""
    one = SqlSealedLog(system.store).verify(anchor=anchor)
    found = {(one.events_checked, one.first_broken)}
    for span in (2, 3):
        spans = SqlSealedLog(system.store, batch=2, workers=2, span=span, parallel_from=0)
        report = spans.verify(anchor=anchor)
        found.add((report.events_checked, report.first_broken))
    return found


def test_spans_checked_in_worker_processes_find_what_one_process_finds(
    system: Chengxin, story: Story
) -> None:
    """Each span starts from the stored seal before it; the first span with a breach names it.
    Breaches are made from the end backwards, each earlier than the last, at the edges of
    spans: a cut-off end (seen against the checkpoint), a seal left without its event, an
    altered event, and an event deleted with its seal."""
    anchor = system.audit.checkpoint()
    last = system.store.max_position()
    assert last >= 9
    assert verdicts(system, anchor) == {(last, None)}
    delete_with_seal(system.store.engine, last)
    assert verdicts(system, anchor) == {(last - 1, Breach(last, None, None, "missing"))}
    Tamperer(system.store.engine).delete(7)
    assert verdicts(system, anchor) == {(6, Breach(7, None, None, "missing"))}
    Tamperer(system.store.engine).flip_a_byte(5)
    (found,) = verdicts(system, anchor)
    assert (found[0], found[1].position, found[1].problem) == (4, 5, "altered")
    delete_with_seal(system.store.engine, 3)
    assert verdicts(system, anchor) == {(2, Breach(3, None, None, "missing"))}


def test_an_aggregate_id_overwritten_with_text_is_altered_not_a_crash(
    system: Chengxin, story: Story
) -> None:
    """SQLite keeps whatever is written, here 9 bytes of text where an id's 16 bytes were;
    PostgreSQL takes only a uuid, here another one."""
    position = registered_position(system, story)
    value = "'00000000-0000-0000-0000-000000000000'" if system.store.is_postgres else "'not an id'"
    with system.store.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {EVENTS} SET originator_id = {value} WHERE id = :p"), {"p": position}
        )
    assert broken(system) == (position, "altered")


def test_deleting_the_last_event_after_a_checkpoint_is_caught(
    system: Chengxin, story: Story
) -> None:
    anchor = system.audit.checkpoint()
    last = system.store.max_position()
    assert anchor.position == last
    assert broken(system, anchor=anchor) is None
    delete_with_seal(system.store.engine, last)
    assert broken(system) is None  # the chain alone cannot tell a shorter store
    assert broken(system, anchor=anchor) == (last, "missing")
    system.audit.check_integrity()  # records a read: an event after the cut
    # SQLite hands the freed position out again (another event there: rewritten), PostgreSQL's
    # sequence does not (the anchored position stays empty: missing); either way it is named
    assert broken(system, anchor=anchor) in {(last, "missing"), (last, "rewritten")}


def test_the_integrity_endpoint_checks_against_the_servers_latest_checkpoint(
    client: TestClient, system: Chengxin, story: Story
) -> None:
    admin = sign_in(client, *ADMIN)
    auditor = create_user(
        client, admin, username="zhao.shenji", role="auditor", password="auditor-password"
    )
    intact = client.get("/api/v1/audit/integrity", headers=auditor).json()
    assert intact["ok"] is True
    checkpoint = system.audit.checkpoint()
    written = system.checkpoints.write(checkpoint)
    assert written.parent == system.settings.resolved_checkpoint_dir()
    assert system.checkpoints.latest() == checkpoint
    delete_with_seal(system.store.engine, checkpoint.position)
    answer = client.get("/api/v1/audit/integrity", headers=auditor).json()
    assert answer["checkpoint"]["position"] == checkpoint.position
    assert answer["first_broken"] == {
        "position": checkpoint.position,
        "aggregate_id": None,
        "version": None,
        "problem": "missing",
    }
    unanchored = client.get("/api/v1/audit/integrity?checkpoint=false", headers=auditor).json()
    assert unanchored["ok"] is True
    assert unanchored["checkpoint"] is None


def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))


def test_chengxin_checkpoint_then_verify_against_it(
    system: Chengxin,
    story: Story,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    cli_env(monkeypatch, settings)
    kept = tmp_path / "elsewhere.json"
    written = CliRunner().invoke(cli, ["checkpoint", "--output", str(kept)])
    assert written.exit_code == 0, written.output
    printed = CliRunner().invoke(cli, ["checkpoint"])
    assert '"signature"' in printed.stdout
    intact = CliRunner().invoke(cli, ["verify", "--checkpoint", str(kept)])
    assert intact.exit_code == 0, intact.output
    assert "matches the checkpoint" in intact.output
    last = json.loads(kept.read_text())["position"]
    delete_with_seal(system.store.engine, last)
    cut = CliRunner().invoke(cli, ["verify", "--checkpoint", str(kept)])
    assert cut.exit_code == 1
    assert f"position {last}: missing" in cut.output
    kept.write_text(kept.read_text().replace(f'"position": {last}', f'"position": {last - 1}'))
    tampered = CliRunner().invoke(cli, ["verify", "--checkpoint", str(kept)])
    assert tampered.exit_code == 2
    assert "invalid_checkpoint" in tampered.output


def test_the_server_refuses_another_seal_key(system: Chengxin, settings: Settings) -> None:
    other = settings.model_copy(update={"seal_key": "another key " * 4})
    with pytest.raises(SealKeyMismatch):
        build(other)


def test_a_store_sealed_before_keys_keeps_its_old_seals_and_is_keyed_after(
    system: Chengxin, story: Story, settings: Settings
) -> None:
    """The store as the earlier release left it: plain seals, no `previous`, no keying row."""
    engine = system.store.engine
    last = system.store.max_position()
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM event_seal_keying"))
    forge_from(engine, 1)  # exactly the old release's seals
    with engine.begin() as connection:
        connection.execute(text(f"ALTER TABLE {SEALS} DROP COLUMN previous"))
    system.close()
    reopened = build(settings)
    try:
        assert reopened.store.seal_key.keyed_from == last + 1
        one_more_event(reopened)
        report = reopened.audit.sealed.verify()
        assert report.ok, report
        assert report.events_checked == reopened.store.max_position() > last
    finally:
        reopened.close()


def one_more_event(system: Chengxin) -> None:
    from domain.audit import AuditQuery, AuditRead

    system.app.save(AuditRead(AuditQuery.LOG, None, None, None))


def test_the_server_writes_a_checkpoint_when_a_day_has_passed(
    system: Chengxin, story: Story
) -> None:
    from datetime import UTC, datetime, timedelta

    from interfaces.api import checkpointing

    folder = system.settings.resolved_checkpoint_dir()
    assert system.checkpoints.latest() is None
    checkpointing.checkpoint_if_due(system)
    first = system.checkpoints.latest()
    assert first is not None
    assert len(list(folder.glob("checkpoint-*.json"))) == 1
    checkpointing.checkpoint_if_due(system)  # not yet a day later: nothing new
    assert len(list(folder.glob("checkpoint-*.json"))) == 1
    assert system.checkpoints.due(datetime.now(UTC) + timedelta(days=1, seconds=1))
    (folder / "checkpoint-99991231T000000000000Z-1.json").write_text("{not a checkpoint")
    assert system.checkpoints.latest() == first  # a damaged file is skipped (and logged)


def test_starting_the_server_writes_the_first_checkpoint(
    client: TestClient, system: Chengxin
) -> None:
    import time

    for _ in range(100):
        if system.checkpoints.latest() is not None:
            break
        time.sleep(0.05)
    assert system.checkpoints.latest() is not None


def test_chengxin_verify_with_another_seal_key_says_so(
    system: Chengxin, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_env(monkeypatch, settings)
    monkeypatch.setenv("CHENGXIN_SEAL_KEY", "not the key this store was sealed with")
    answer = CliRunner().invoke(cli, ["verify"])
    assert answer.exit_code == 2
    assert "seal_key_mismatch" in answer.output


def test_the_audit_checks_with_as_many_processes_as_the_settings_say(settings: Settings) -> None:
    chosen = build(settings.model_copy(update={"verify_workers": 3}))
    try:
        assert isinstance(chosen.audit.sealed, SqlSealedLog)
        assert chosen.audit.sealed.workers == 3
    finally:
        chosen.close()

"""Issue 6 through HTTP: a subject's history, its state and disclosure as of a moment, tamper
evidence, and the auditors audited. Data is made through the services; the audit is read over
HTTP. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from application.timeline import Basis
from domain.audit import AuditQuery, AuditRead
from domain.base import acting_as
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.audit_support import (
    COMPANY_USCC,
    LI_MING,
    Story,
    Tamperer,
    listed_then_repaired,
    new_blacklisting,
)
from tests.support import ADMIN, create_user, sign_in


@pytest.fixture
def story(system: Chengxin) -> Story:
    return listed_then_repaired(system)


@pytest.fixture
def auditor(client: TestClient) -> dict[str, str]:
    admin = sign_in(client, *ADMIN)
    return create_user(
        client, admin, username="zhao.shenji", role="auditor", password="auditor-password"
    )


def get(client: TestClient, path: str, headers: dict[str, str], **params: Any) -> Any:
    answer = client.get(f"/api/v1/audit{path}", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def history(client: TestClient, story: Story, auditor: dict[str, str]) -> list[dict[str, Any]]:
    return list(get(client, f"/subjects/{story.subject_id}/history", auditor)["items"])


def test_history_shows_every_event_about_the_subject_in_order_with_actors(
    client: TestClient, story: Story, auditor: dict[str, str]
) -> None:
    items = history(client, story, auditor)
    positions = [item["position"] for item in items]
    assert positions == sorted(positions)
    assert [(i["aggregate"], i["type"], i["actor"]) for i in items] == [
        ("subject", "Subject.Registered", "officer:li.ming"),
        ("entry", "ListEntry.Listed", "officer:li.ming"),
        ("entry", "ListEntry.Published", "officer:li.ming"),
        ("repair", "RepairApplication.Filed", "subject:huaian.tech"),
        ("entry", "ListEntry.RepairOpened", "subject:huaian.tech"),
        ("repair", "RepairApplication.Accepted", "officer:li.ming"),
        ("repair", "RepairApplication.Approved", "officer:li.ming"),
        ("entry", "ListEntry.Repaired", "officer:li.ming"),
    ]
    listed = items[1]
    assert listed["aggregate_id"] == str(story.entry_id)
    assert listed["version"] == 1
    assert listed["data"]["decision_no"] == "淮公罚〔2026〕7号"
    assert listed["data"]["severity"] == "general"
    assert listed["recorded_at"].endswith("+00:00")


def test_history_pages_by_position_and_is_repeatable_even_after_a_rebuild(
    client: TestClient, system: Chengxin, story: Story, auditor: dict[str, str]
) -> None:
    system.credit_checks.check(COMPANY_USCC, None)
    whole = history(client, story, auditor)
    assert whole[-1]["type"] == "CreditCheck.Recorded"
    assert whole[-1]["aggregate"] == "credit_check"
    paged, cursor = [], None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = get(client, f"/subjects/{story.subject_id}/history", auditor, **params)
        paged += page["items"]
        if (cursor := page["next_cursor"]) is None:
            break
    system.projector.rebuild()
    assert paged == whole == history(client, story, auditor)


def test_state_as_of_a_moment_between_shows_the_entry_published_and_now_repaired(
    client: TestClient, story: Story, auditor: dict[str, str]
) -> None:
    path = f"/subjects/{story.subject_id}/state"
    then = get(client, path, auditor, as_of=story.between.isoformat(), basis="recorded")
    assert (then["basis"], then["as_of"]) == ("recorded", story.between.isoformat())
    assert then["subject"]["name"] == "淮安某某科技有限公司"
    assert [(e["id"], e["status"], e["version"]) for e in then["entries"]] == [
        (str(story.entry_id), "published", 2)
    ]
    assert then["repairs"] == []
    now = get(client, path, auditor)
    assert [(e["status"], e["version"]) for e in now["entries"]] == [("repaired", 4)]
    assert [(r["id"], r["status"]) for r in now["repairs"]] == [(str(story.repair_id), "approved")]
    before = get(client, path, auditor, as_of="2020-01-01", basis="recorded")
    assert (before["subject"], before["entries"]) == (None, [])


def test_state_is_what_the_repository_gives_at_that_version(system: Chengxin, story: Story) -> None:
    then = system.audit.state_as_of(story.subject_id, story.between, Basis.RECORDED)
    entry = then.entries[0]
    at_version = system.app.repository.get(story.entry_id, version=entry.version)
    assert vars(entry) == vars(at_version)


def test_disclosure_as_of_a_moment_between_contains_the_entry_and_now_does_not(
    client: TestClient, story: Story, auditor: dict[str, str], system: Chengxin
) -> None:
    moment = story.between.isoformat()
    then = get(
        client, "/disclosure", auditor, identifier=COMPANY_USCC, as_of=moment, basis="recorded"
    )
    assert (then["basis"], then["as_of"]) == ("recorded", moment)
    # under the id the public site showed it by
    assert [item["entry_id"] for item in then["items"]] == [
        str(system.public.public_id(story.entry_id))
    ]
    shown = then["items"][0]
    assert shown["list_type"] == "focus"
    assert shown["subject_name"] == "淮安某某科技有限公司"
    assert shown["under_objection"] is False
    assert len(shown["decision_date"]) == 10
    assert get(client, "/disclosure", auditor, identifier=COMPANY_USCC)["items"] == []


def test_disclosure_as_of_now_is_what_the_live_public_site_shows(
    client: TestClient, system: Chengxin, auditor: dict[str, str]
) -> None:
    with acting_as(LI_MING.actor):
        company = system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某公司")
        system.entries.record(LI_MING, new_blacklisting(company.id, system))
        system.subjects.rename(company.id, "淮安某某集团有限公司", None)
    live = client.get("/api/v1/public/entries", params={"identifier": COMPANY_USCC}).json()
    audited = get(client, "/disclosure", auditor, identifier=COMPANY_USCC)
    assert [item["subject_name"] for item in audited["items"]] == ["淮安某某集团有限公司"]
    assert audited["items"] == live["items"]


def test_bad_moments_and_identifiers_are_refused(
    client: TestClient, story: Story, auditor: dict[str, str]
) -> None:
    for path, params in (
        (f"/subjects/{story.subject_id}/state", {"as_of": "last tuesday"}),
        ("/disclosure", {"identifier": COMPANY_USCC, "as_of": "2026-01-01T10:00:00"}),
        ("/disclosure", {}),
    ):
        answer = client.get(f"/api/v1/audit{path}", params=params, headers=auditor)
        assert (answer.status_code, answer.json()["code"]) == (422, "validation_error")
    answer = client.get("/api/v1/audit/disclosure", params={"identifier": "123"}, headers=auditor)
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_identifier")
    unknown = "/subjects/00000000-0000-0000-0000-000000000000/history"
    assert client.get(f"/api/v1/audit{unknown}", headers=auditor).status_code == 404


def test_every_audit_read_is_recorded_and_admins_list_them(
    client: TestClient, story: Story, auditor: dict[str, str]
) -> None:
    history(client, story, auditor)
    get(client, "/disclosure", auditor, identifier=COMPANY_USCC, as_of="2026-01-01")
    get(client, "/integrity", auditor)
    assert client.get("/api/v1/audit/log", headers=auditor).status_code == 403
    log = get(client, "/log", sign_in(client, *ADMIN))["items"]
    assert [(r["actor"], r["query"]) for r in log] == [
        ("auditor:zhao.shenji", "history"),
        ("auditor:zhao.shenji", "disclosure"),
        ("auditor:zhao.shenji", "integrity"),
    ]
    assert log[0]["subject_id"] == str(story.subject_id)
    assert log[1]["as_of"].startswith("2026-01-01T15:59:59")
    assert log[2]["detail"].startswith("ok")


@pytest.mark.parametrize(
    "path",
    [
        "/subjects/{subject}/history",
        "/subjects/{subject}/state",
        f"/disclosure?identifier={COMPANY_USCC}",
        "/integrity",
        "/log",
    ],
)
def test_anonymous_callers_get_401_and_subjects_403(
    client: TestClient, story: Story, path: str
) -> None:
    url = "/api/v1/audit" + path.format(subject=story.subject_id)
    assert client.get(url).status_code == 401
    admin = sign_in(client, *ADMIN)
    company = create_user(
        client, admin, username="huaian.tech", role="subject", subject_id=str(story.subject_id)
    )
    answer = client.get(url, headers=company)
    assert (answer.status_code, answer.json()["code"]) == (403, "forbidden")


def test_an_untouched_store_is_intact(
    client: TestClient, story: Story, auditor: dict[str, str]
) -> None:
    answer = get(client, "/integrity", auditor)
    assert answer["ok"] is True
    assert answer["first_broken"] is None
    assert answer["events_checked"] >= 8


def positions_of(client: TestClient, story: Story, auditor: dict[str, str]) -> dict[str, int]:
    return {item["type"]: item["position"] for item in history(client, story, auditor)}


def first_broken(client: TestClient, auditor: dict[str, str]) -> dict[str, Any]:
    answer = get(client, "/integrity", auditor)
    assert answer["ok"] is False
    return dict(answer["first_broken"])


def test_a_flipped_byte_is_named(
    client: TestClient, system: Chengxin, story: Story, auditor: dict[str, str]
) -> None:
    published = positions_of(client, story, auditor)["ListEntry.Published"]
    Tamperer(system.store.engine).flip_a_byte(published)
    assert first_broken(client, auditor) == {
        "position": published,
        "aggregate_id": str(story.entry_id),
        "version": 2,
        "problem": "altered",
    }


def test_a_deleted_row_is_named(
    client: TestClient, system: Chengxin, story: Story, auditor: dict[str, str]
) -> None:
    filed = positions_of(client, story, auditor)["RepairApplication.Filed"]
    Tamperer(system.store.engine).delete(filed)
    broken = first_broken(client, auditor)
    assert (broken["position"], broken["problem"]) == (filed, "missing")


def test_two_swapped_rows_are_named_at_the_first(
    client: TestClient, system: Chengxin, story: Story, auditor: dict[str, str]
) -> None:
    positions = positions_of(client, story, auditor)
    listed, approved = positions["ListEntry.Listed"], positions["RepairApplication.Approved"]
    Tamperer(system.store.engine).swap(listed, approved)
    broken = first_broken(client, auditor)
    assert (broken["position"], broken["problem"]) == (listed, "altered")


def test_chengxin_verify_exits_1_naming_the_broken_event(
    system: Chengxin, story: Story, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))  # the seal key's folder
    intact = CliRunner().invoke(cli, ["verify"])
    assert intact.exit_code == 0, intact.output
    assert "ok:" in intact.output
    Tamperer(system.store.engine).flip_a_byte(2)
    broken = CliRunner().invoke(cli, ["verify"])
    assert broken.exit_code == 1
    assert "position 2: altered" in broken.output


def test_the_chain_holds_under_concurrent_writers(system: Chengxin) -> None:
    writers, saves = 6, 15
    before = system.store.max_position()
    failures: list[Exception] = []

    def write() -> None:
        try:
            for _ in range(saves):
                system.credit_checks.check(COMPANY_USCC, None)
                two_at_once = [AuditRead(AuditQuery.LOG, None, None, None) for _ in range(2)]
                system.app.save(*two_at_once)
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        assert system.audit.sealed.verify().ok  # a check while they write sees a whole chain
    for thread in threads:
        thread.join()
    assert failures == []
    report = system.audit.sealed.verify()
    assert report.ok, report
    assert report.events_checked == system.store.max_position() == before + writers * saves * 3

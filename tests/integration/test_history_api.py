"""Issue 16, history through HTTP on both backends: records since the plan's own time, records
that had ended before they were brought here, and "as of" by decision as well as by recording."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from domain.rules import add_months
from domain.subject import subject_id_for
from infrastructure.bootstrap import Chengxin
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.support import ADMIN, TODAY, create_user, officer, register_subject, sign_in, valid_uscc

HEADER = (
    "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis,"
    "ended_on,end_reason"
)
ROW = "legal_person,{uscc},{name},blacklist,telecom_fraud,serious,{no},{day},《条例》,{end},{why}"
REASONS = ("expired", "repaired", "revoked")
STATS = "/api/v1/stats/governance"


def upload(text: str) -> dict[str, Any]:
    return {"file": ("history.csv", text.encode("utf-8"), "text/csv")}


def auditor(client: TestClient) -> dict[str, str]:
    admin = sign_in(client, *ADMIN)
    return create_user(client, admin, username="zhao.shenji", role="auditor")


def entry_body(subject_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "list_type": "blacklist",
        "domain": "telecom_fraud",
        "severity": "serious",
        "decision_no": "淮公罚〔2018〕93号",
        "decision_date": "2018-09-03",
        "legal_basis": "《江苏省公共信用信息管理办法（试行）》",
        **fields,
    }


def test_a_blacklisting_of_2018_is_recorded_under_the_2018_regime(client: TestClient) -> None:
    li = officer(client)
    company = register_subject(
        client, li, "legal_person", valid_uscc("91320800MA1MH0180"), "淮安旧事有限公司"
    )
    answer = client.post("/api/v1/entries", json=entry_body(company), headers=li)
    assert answer.status_code == 201, answer.text
    entry = answer.json()
    assert (entry["regime"], entry["source"], entry["external_ref"]) == (
        "huaian_2018",
        "external",
        None,
    )
    assert entry["publication"]["max_end"] == "2021-09-03"
    assert entry["status"] == "expired"  # its window is over: recorded, never published
    assert entry["published_at"] is None
    too_early = client.post(
        "/api/v1/entries",
        json=entry_body(company, decision_no="X-1", decision_date="2014-06-13"),
        headers=li,
    )
    assert (too_early.status_code, too_early.json()["code"]) == (422, "no_regime_in_force")
    assert too_early.json()["earliest_date"] == "2014-06-14"


def test_a_historical_end_is_checked_and_a_refusal_writes_nothing(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    company = register_subject(
        client, li, "legal_person", valid_uscc("91320800MA1MH0181"), "淮安旧事有限公司"
    )
    before = system.store.max_position()
    tomorrow = (TODAY + timedelta(days=2)).isoformat()
    for fields in (
        {"ended_on": "2019-01-01"},
        {"end_reason": "repaired"},
        {"ended_on": "2018-09-02", "end_reason": "repaired"},
        {"ended_on": tomorrow, "end_reason": "expired"},
    ):
        answer = client.post("/api/v1/entries", json=entry_body(company, **fields), headers=li)
        assert (answer.status_code, answer.json()["code"]) == (422, "validation_error"), fields
    wrong = client.post(
        "/api/v1/entries",
        json=entry_body(company, ended_on="2019-01-01", end_reason="forgotten"),
        headers=li,
    )
    assert (wrong.status_code, wrong.json()["code"]) == (422, "validation_error")
    assert system.store.max_position() == before


def thousand_rows() -> tuple[str, list[tuple[date, date | None, str | None]]]:
    """1,000 blacklistings decided 2016-2026, every fifth already ended 200 days later."""
    lines, facts = [HEADER], []
    for number in range(1000):
        decided = date(2016, 1, 4) + timedelta(days=number * 38 // 10)
        ended = decided + timedelta(days=200) if number % 5 == 0 else None
        if ended is not None and ended > TODAY - timedelta(days=2):
            ended = None
        lines.append(
            ROW.format(
                uscc=valid_uscc(f"91320800MA1MH{number:04d}"),
                name=f"淮安历史第{number}号公司",
                no=f"淮公罚〔{decided.year}〕{number}号",
                day=decided.isoformat(),
                end=ended.isoformat() if ended else "",
                why=REASONS[number % 3] if ended else "",
            )
        )
        facts.append((decided, ended, REASONS[number % 3] if ended else None))
    return "\n".join(lines) + "\n", facts


def test_an_import_of_history_loads_and_counts_in_its_quarters(client: TestClient) -> None:
    li = officer(client)
    text, facts = thousand_rows()
    answer = client.post("/api/v1/imports", files=upload(text), headers=li)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["accepted"], answer.json()["rejected"]) == (1000, [])
    start, cutoff = date(2018, 10, 1), date(2018, 12, 31)
    # The plan's figures (domain/governance.py): a revoked listing leaves both numbers; of the
    # rest, those in force in the quarter are listed, and those repaired by its end governed
    # (an expiry is not governance).
    kept = [(d, e, why) for d, e, why in facts if why != "revoked"]
    listed = [(e, why) for d, e, why in kept if d <= cutoff and (e or add_months(d, 36)) > start]
    governed = [e for e, why in listed if why == "repaired" and e is not None and e <= cutoff]
    ends = [(d, e or add_months(d, 36)) for d, e, _ in facts]
    assert any(e for d, e, _ in facts if e and start < e <= cutoff)
    stats = client.get(STATS, params={"year": 2018, "quarter": 4}, headers=li).json()
    fraud = next(d for d in stats["domains"] if d["code"] == "telecom_fraud")
    assert (fraud["listed"], fraud["governed"]) == (len(listed), len(governed))
    public = client.get("/api/v1/public/export", params={"format": "jsonl"}).text.splitlines()
    recently = [d for d, e in ends if e > TODAY and d <= TODAY]
    assert len(public) == len(recently)  # only those whose window is open and not ended


def test_as_of_reads_by_decision_or_by_recording(client: TestClient) -> None:
    li, audit = officer(client), auditor(client)
    uscc = valid_uscc("91320800MA1MH9999")
    row = ROW.format(
        uscc=uscc,
        name="淮安补录有限公司",
        no="淮公罚〔2020〕51号",
        day="2020-05-11",
        end="2021-03-02",
        why="repaired",
    )
    answer = client.post("/api/v1/imports", files=upload(f"{HEADER}\n{row}\n"), headers=li)
    assert answer.json()["accepted"] == 1, answer.text
    subject_id = client.get("/api/v1/subjects", params={"identifier": uscc}, headers=li).json()[
        "items"
    ][0]["id"]
    state = f"/api/v1/audit/subjects/{subject_id}/state"

    def read(path: str, **params: str) -> Any:
        got = client.get(path, params=params, headers=audit)
        assert got.status_code == 200, got.text
        body = got.json()
        assert body["basis"] == params.get("basis", "decided")
        return body

    decided = read(state, as_of="2020-08-01", basis="decided")
    assert decided["as_of"].startswith("2020-08-01T15:59:59")
    assert [(e["status"], e["source"]) for e in decided["entries"]] == [("published", "import")]
    assert decided["subject"]["identifier"] == uscc
    assert read(state, as_of="2020-08-01")["entries"] == decided["entries"]  # the default
    recorded = read(state, as_of="2020-08-01", basis="recorded")
    assert (recorded["subject"], recorded["entries"]) == (None, [])
    later = read(state, as_of="2021-06-01", basis="decided")
    assert [e["status"] for e in later["entries"]] == ["repaired"]
    now = read(state, basis="recorded")
    assert [(e["status"], e["end_reason"]) for e in now["entries"]] == [("repaired", "repaired")]

    disclosure = "/api/v1/audit/disclosure"
    shown = read(disclosure, identifier=uscc, as_of="2020-08-01", basis="decided")["items"]
    assert [(s["decision_date"], s["published_at"]) for s in shown] == [
        ("2020-05-11", "2020-05-11")
    ]
    assert read(disclosure, identifier=uscc, as_of="2020-08-01", basis="recorded")["items"] == []
    assert read(disclosure, identifier=uscc, as_of="2021-06-01")["items"] == []
    assert client.get("/api/v1/public/entries", params={"identifier": uscc}).json()["items"] == []
    feed = client.get("/api/v1/public/changes", params={"limit": 500}).json()["items"]
    assert feed == []  # never published on the live site, so nothing to withdraw either


def test_the_command_line_imports_records_that_had_ended(
    system: Chengxin, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    uscc = valid_uscc("91320800MA1MH7777")
    rows = [
        ROW.format(
            uscc=uscc,
            name="淮安命令行有限公司",
            no="淮公罚〔2017〕3号",
            day="2017-03-03",
            end="2018-01-05",
            why="撤销",
        ),
        ROW.format(
            uscc=uscc,
            name="淮安命令行有限公司",
            no="淮公罚〔2017〕4号",
            day="2017-03-03",
            end="2016-01-05",
            why="revoked",
        ),
    ]
    file = tmp_path / "history.csv"
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["import", str(file), "--department", "public_security"])
    assert done.exit_code == 0, done.output
    assert "accepted 1" in done.output and "rejected 1" in done.output
    assert "row 3: validation_error" in done.output
    [entry_id] = system.worklists.entry_ids_of_subject(subject_id_for(uscc))
    entry = system.entries.get(entry_id)
    assert (entry.status.value, entry.ended_on, entry.source.value) == (
        "revoked",
        date(2018, 1, 5),
        "import",
    )
    assert entry.published_on == date(2017, 3, 3)  # shown in its time, by decision

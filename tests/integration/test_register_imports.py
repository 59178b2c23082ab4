"""Licences and credit commitments come in bulk too: CSV through the API and the command line,
each row checked like a request, recorded once, and published like one recorded by hand."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from typer.testing import CliRunner

from domain.subject import subject_id_for
from infrastructure.bootstrap import Chengxin
from infrastructure.clock import ChinaClock
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.support import COMPANY_USCC, TODAY, ZHANG_SAN_ID, officer

LICENCES = "主体类型,证件号码,名称,许可证书编号,许可类别,许可内容,许可决定日期,有效期至\n"
COMMITMENTS = "kind,identifier,name,matter,text,signed_on\n"


def xlsx_upload(rows: list[list[Any]]) -> dict[str, Any]:
    workbook = Workbook()
    for row in rows:
        workbook.worksheets[0].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {"file": ("rows.xlsx", buffer.getvalue(), xlsx)}


def imported(client: TestClient, headers: dict[str, str], kind: str, body: str) -> dict[str, Any]:
    answer = client.post(
        "/api/v1/imports",
        files={"file": ("rows.csv", body.encode("utf-8"), "text/csv")},
        data={"kind": kind},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    report: dict[str, Any] = answer.json()
    return report


def test_licences_are_imported_through_the_api_once_and_published(
    client: TestClient, system: Chengxin
) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    day = (system.clock.today() - timedelta(days=3)).isoformat()
    ends = (system.clock.today() + timedelta(days=365)).isoformat()
    company = f"法人,{COMPANY_USCC},淮安市清河建材有限公司"
    rows = (
        LICENCES
        + f"{company},淮审批〔2026〕1号,普通,生产许可,{day},{ends}\n"
        + f"自然人,{ZHANG_SAN_ID},张三丰,淮审批〔2026〕2号,普通,个体经营许可,{day},\n"
        + f"{company},淮审批〔2026〕3号,普通,生产许可,{day},{day}\n"
    )

    first = imported(client, approval, "licences", rows)
    again = imported(client, approval, "licences", rows)

    assert (first["accepted"], first["unchanged"]) == (2, 0)
    assert [(r["row"], r["code"]) for r in first["rejected"]] == [(4, "validation_error")]
    assert (again["accepted"], again["unchanged"]) == (0, 2)
    shown = client.get("/api/v1/public/licences", params={"q": "清河"}).json()["items"]
    assert [(s["licence_no"], s["valid_to"]) for s in shown] == [("淮审批〔2026〕1号", ends)]
    person = client.get(
        "/api/v1/public/licences", params={"identifier": ZHANG_SAN_ID, "name": "张三丰"}
    )
    assert [s["subject_name"] for s in person.json()["items"]] == ["张**"]
    listed = client.get(
        "/api/v1/licences",
        params={"subject_id": str(subject_id_for(ZHANG_SAN_ID))},
        headers=approval,
    )
    assert [lic["department"] for lic in listed.json()["items"]] == ["administrative_approval"]


def test_commitments_are_imported_through_the_command_line(
    system: Chengxin, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    day = system.clock.today().isoformat()
    file = tmp_path / "commitments.csv"
    file.write_text(
        COMMITMENTS
        + f"legal_person,{COMPANY_USCC},淮安市清河建材有限公司,纳税信用承诺,依法纳税,{day}\n"
        + f"legal_person,{COMPANY_USCC},淮安市清河建材有限公司,,依法纳税,{day}\n",
        encoding="utf-8",
    )

    done = CliRunner().invoke(
        cli, ["import", str(file), "--kind", "commitments", "--department", "taxation"]
    )

    assert done.exit_code == 0, done.output
    assert "accepted 1" in done.output and "rejected 1" in done.output
    [commitment] = system.commitments.of_subject(subject_id_for(COMPANY_USCC))
    assert (commitment.matter, commitment.domain, commitment.status.value) == (
        "纳税信用承诺",
        "tax_fraud",
        "in_force",
    )
    # the command reads the city's clock itself: the day it ran, midnight or not
    assert TODAY <= commitment.published_on <= ChinaClock().today()


def test_an_imported_penalty_shows_its_legal_basis_and_content(
    client: TestClient, system: Chengxin
) -> None:
    tax = officer(client, "zhou.shui", "taxation")
    day = system.clock.today().isoformat()
    rows = (
        "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,处罚依据,处罚内容\n"
        f"法人,{COMPANY_USCC},淮安市清河建材有限公司,行政处罚,tax_fraud,一般,淮税罚〔2026〕9号,"
        f"{day},《税收征收管理法》第六十四条,罚款人民币二万元\n"
    )

    assert imported(client, tax, "entries", rows)["accepted"] == 1

    [shown] = client.get("/api/v1/public/entries", params={"q": "清河"}).json()["items"]
    assert (shown["legal_basis"], shown["penalty_content"]) == (
        "《税收征收管理法》第六十四条",
        "罚款人民币二万元",
    )


def test_a_spreadsheet_of_licences_reads_its_own_date_cells(
    client: TestClient, system: Chengxin
) -> None:
    approval = officer(client, "wang.shen", "administrative_approval")
    decided = system.clock.today() - timedelta(days=5)
    header = ["主体类型", "统一社会信用代码", "名称", "许可证书编号", "许可类别", "许可内容"]
    header += ["许可决定日期", "有效期自"]
    row = ["法人", COMPANY_USCC, "淮安市清河建材有限公司", "淮审批〔2026〕7号", "普通", "生产许可"]
    row += [datetime.combine(decided, datetime.min.time()), decided + timedelta(days=1)]
    upload = xlsx_upload([header, row])

    answer = client.post(
        "/api/v1/imports", files=upload, data={"kind": "licences"}, headers=approval
    )

    assert answer.json()["accepted"] == 1, answer.text
    [shown] = client.get("/api/v1/public/licences", params={"q": "清河"}).json()["items"]
    assert (shown["decision_date"], shown["valid_from"]) == (
        decided.isoformat(),
        (decided + timedelta(days=1)).isoformat(),
    )

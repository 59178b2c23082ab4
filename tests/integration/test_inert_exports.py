"""Exports that cannot run code (issue 21, F5): a name or decision number that starts like a
formula reaches CSV readers quoted and XLSX readers as text."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from application.entries import NewEntry
from application.public import inert
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from infrastructure.settings import Settings
from interfaces.cli.main import app as cli
from tests.integration.public_world import ADMIN, register
from tests.support import ADMIN as ADMIN_LOGIN
from tests.support import TODAY, officer, sign_in

FORMULA_NAME = '=HYPERLINK("http://evil.example","点此查看")'
FORMULA_NO = "+1"


def list_formulas(system: Chengxin) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, FORMULA_NAME)
    decided = system.clock.today() - timedelta(days=3)
    new = NewEntry(
        subject_id=company.id,
        list_type=ListType.BLACKLIST,
        domain="environment",
        severity=Severity.SERIOUS,
        decision_no=FORMULA_NO,
        decision_date=decided,
        legal_basis="@SUM(1+1)",
        repairable=True,
        department="ecology_environment",
    )
    system.entries.record(ADMIN, new)


def assert_inert(text: str) -> None:
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["subject_name"] == "'" + FORMULA_NAME
    assert row["decision_no"] == "'+1"
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_the_anonymous_csv_export_quotes_formulas(client: TestClient, system: Chengxin) -> None:
    list_formulas(system)
    answer = client.get("/api/v1/public/export", params={"format": "csv"})
    assert answer.status_code == 200
    assert_inert(answer.text)
    lines = client.get("/api/v1/public/export", params={"format": "jsonl"}).text
    assert FORMULA_NAME.replace('"', '\\"') in lines  # JSON is data, not a sheet: as it is


def test_chengxin_export_quotes_formulas(
    system: Chengxin, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    list_formulas(system)
    monkeypatch.setenv("CHENGXIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CHENGXIN_SECRET_KEY", str(settings.secret_key))
    monkeypatch.setenv("CHENGXIN_VAR_DIR", str(settings.var_dir))
    out = tmp_path / "open-data.csv"
    exported = CliRunner().invoke(cli, ["export", "--format", "csv", "--output", str(out)])
    assert exported.exit_code == 0, exported.output
    assert_inert(out.read_text(encoding="utf-8"))


def test_the_progress_sheet_writes_a_formula_like_target_as_text(client: TestClient) -> None:
    li = officer(client)
    url = f"/api/v1/reports/targets/{TODAY.year}/telecom_fraud"
    goal = '=HYPERLINK("http://evil.example")'
    admin = sign_in(client, *ADMIN_LOGIN)
    assert client.put(url, json={"rate": 0.9, "goal": goal}, headers=admin).status_code == 200
    sheet = client.get(
        "/api/v1/reports/progress.xlsx", params={"unit": "public_security"}, headers=li
    )
    assert sheet.status_code == 200
    with zipfile.ZipFile(io.BytesIO(sheet.content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    assert '<t>=HYPERLINK("http://evil.example")' in xml  # the target, as a string
    cells = [c for row in load_workbook(io.BytesIO(sheet.content)).worksheets[0] for c in row]
    [cell] = [c for c in cells if str(c.value).startswith(goal)]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_quoted(start: str) -> None:
    assert inert(f"{start}1+1") == f"'{start}1+1"


def test_plain_text_is_left_alone() -> None:
    assert inert("淮安市清河建材有限公司") == "淮安市清河建材有限公司"
    assert inert("淮环罚〔2026〕1号") == "淮环罚〔2026〕1号"

"""The governance rate, reporting periods, import rows and the demo city's identifiers."""

from __future__ import annotations

import io
import random
from datetime import date, datetime

import pytest
from stdnum.cn import ric, uscc

from application.import_rows import header_columns, parse_row
from demo.people import residents
from domain.errors import InvalidIdentifier, ValidationFailed
from domain.governance import Period, check_target, governance_rate, meets_target
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.reference_data.loader import load_reference_data
from infrastructure.tabular import detect_encoding, open_table

REFERENCE = load_reference_data()
HEADER = [
    "kind",
    "identifier",
    "name",
    "list_type",
    "domain",
    "severity",
    "decision_no",
    "decision_date",
    "legal_basis",
]


def test_four_governed_of_five_listed_meet_the_target_and_three_do_not() -> None:
    assert meets_target(governance_rate(5, 4))
    assert not meets_target(governance_rate(5, 3))


def test_with_nothing_listed_there_is_no_rate_and_no_verdict() -> None:
    assert governance_rate(0, 0) is None
    assert meets_target(governance_rate(0, 0)) is None


def test_a_year_may_aim_higher_than_the_plan_never_lower() -> None:
    assert check_target(0.9) == 0.9
    with pytest.raises(ValidationFailed):
        check_target(0.7)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, date(2024, 1, 1), date(2024, 3, 31)),
        (2, date(2024, 4, 1), date(2024, 6, 30)),
        (3, date(2024, 7, 1), date(2024, 9, 30)),
        (4, date(2024, 10, 1), date(2024, 12, 31)),
        (None, date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_a_period_is_a_quarter_or_a_whole_year(quarter: int | None, start: date, end: date) -> None:
    period = Period(2024, quarter)
    assert (period.start, period.end) == (start, end)


def test_counts_stand_as_of_the_period_end_or_today_while_it_runs() -> None:
    assert Period(2024, 2).cutoff(date(2025, 1, 1)) == date(2024, 6, 30)
    assert Period(2024, 2).cutoff(date(2024, 5, 6)) == date(2024, 5, 6)
    assert Period.containing(date(2024, 8, 15)) == Period(2024, 3)
    with pytest.raises(ValidationFailed):
        Period(2024, 5)


def test_an_import_header_may_be_chinese_and_in_any_order() -> None:
    chinese = ["决定日期", "主体类型", "统一社会信用代码", "名称", "名单类型", "领域"]
    chinese += ["严重程度", "决定文号", "法律依据"]
    assert header_columns(chinese)["decision_date"] == 0
    with pytest.raises(ValidationFailed) as refused:
        header_columns(["kind", "identifier"])
    assert "list_type" in refused.value.context["missing"]


def test_an_import_row_reads_chinese_values_and_spreadsheet_dates() -> None:
    columns = header_columns(HEADER)
    company = uscc.calc_check_digit("91320800MA1MB0001")
    values: list[object] = ["法人", f"91320800MA1MB0001{company}", "淮安恒信商贸有限公司"]
    values += ["黑名单", "生态环境保护失信行为", "严重", "淮环〔2024〕1号", datetime(2024, 5, 6)]
    values += ["《环境保护法》"]
    row = parse_row(values, columns, REFERENCE, "environmental_protection")
    assert row.kind is SubjectKind.LEGAL_PERSON
    assert (row.entry.list_type, row.entry.severity) == (ListType.BLACKLIST, Severity.SERIOUS)
    assert (row.entry.domain, row.entry.decision_date) == ("environment", date(2024, 5, 6))
    assert row.entry.repairable is None  # blank: as the rules derive it


@pytest.mark.parametrize(
    ("column", "value", "error"),
    [
        (1, "110105194912310021", InvalidIdentifier),
        (3, "greylist", ValidationFailed),
        (4, "weather", ValidationFailed),
        (7, "2024-13-01", ValidationFailed),
        (8, "", ValidationFailed),
    ],
)
def test_a_bad_cell_refuses_the_row_like_the_api(
    column: int, value: str, error: type[Exception]
) -> None:
    values = ["natural_person", "11010519491231002X", "张三", "focus", "finance"]
    values += ["general", "淮金〔2024〕1号", "2024-05-06", "《条例》"]
    values[column] = value
    with pytest.raises(error):
        parse_row(values, header_columns(HEADER), REFERENCE, "financial_office")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_files_are_read_in_the_encodings_office_software_writes(encoding: str) -> None:
    text = "kind,name\nlegal_person,淮安恒信商贸有限公司\n"
    table = open_table(io.BytesIO(text.encode(encoding)))
    assert list(table.rows) == [["kind", "name"], ["legal_person", "淮安恒信商贸有限公司"]]
    assert detect_encoding(io.BytesIO(text.encode(encoding))) == encoding


def test_the_demo_city_is_the_same_for_the_same_seed_with_valid_identifiers() -> None:
    today = date(2026, 11, 26)
    first = residents(random.Random(7), today, 80)
    assert first == residents(random.Random(7), today, 80)
    assert len({r.identifier for r in first}) == 80
    people = [r for r in first if r.kind is SubjectKind.NATURAL_PERSON]
    assert people and all(ric.is_valid(p.identifier) for p in people)
    assert all(p.identifier[:4] in {"3208", "3222"} for p in people)
    firms = [r for r in first if r.kind is not SubjectKind.NATURAL_PERSON]
    assert firms and all(uscc.is_valid(f.identifier) for f in firms)
    minors = [p for p in people if (today - ric.get_birth_date(p.identifier)).days < 18 * 365]
    assert minors

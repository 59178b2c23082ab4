"""The plan's progress sheet, written by the units and filed with the civilisation office
(issue 18, items 2 and 3), through HTTP on both backends."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from domain.governance import Period
from domain.progress import progress_due
from infrastructure.bootstrap import Chengxin
from infrastructure.clock import FixedClock
from tests.support import ADMIN, create_user, officer, sign_in

PLAN = (Path(__file__).parent.parent / "data" / "plan_2018_14.txt").read_text(encoding="utf-8")
Headers = dict[str, str]


def plan_title() -> str:
    return next(line.strip() for line in PLAN.splitlines() if "工作进度表 (" in line)


def plan_columns() -> tuple[str, ...]:
    return tuple(next(line for line in PLAN.splitlines() if line.startswith("序号")).split("\t"))


def plan_items() -> list[str]:
    """The 19 governance items' titles of §三(一), word for word."""
    part = PLAN[PLAN.index("（一）开展经济社会领域") : PLAN.index("（二）加快推进")]
    return [title for _, title in re.findall(r"^\s*(\d+)\.\s*(开展[^。]*)。", part, re.M)]


def sheet_of(content: bytes, index: int = 0) -> Worksheet:
    sheet = load_workbook(io.BytesIO(content)).worksheets[index]
    assert isinstance(sheet, Worksheet)
    return sheet


def body_rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if tuple(row[:5]) == plan_columns())
    return [row for row in rows[header + 1 :] if row[0] is not None]


def office_of(client: TestClient) -> Headers:
    return create_user(client, sign_in(client, *ADMIN), username="wmb.office", role="office")


def url(unit: str, year: int, quarter: int, tail: str = "") -> str:
    return f"/api/v1/reports/progress/{unit}/{year}/{quarter}{tail}"


def write_all(client: TestClient, headers: Headers, unit: str, year: int, quarter: int) -> None:
    sheet = client.get(url(unit, year, quarter), headers=headers).json()
    for row in sheet["rows"]:
        body = {"problems": f"{row['domain']}的问题", "measures_and_results": "专项行动两次"}
        answer = client.put(
            url(unit, year, quarter, f"/rows/{row['domain']}"), json=body, headers=headers
        )
        assert answer.status_code == 200, answer.text


def test_the_city_workbook_is_the_plans_form_for_every_lead_unit(
    client: TestClient, system: Chengxin
) -> None:
    office = office_of(client)
    answer = client.get(
        "/api/v1/reports/progress-city.xlsx", params={"year": 2019, "quarter": 2}, headers=office
    )
    assert answer.status_code == 200, answer.text
    book = load_workbook(io.BytesIO(answer.content))
    leads = {u for d in system.reference.domains for u in d.lead_units}
    assert len(book.worksheets) == len(leads)
    items: dict[int, str] = {}
    for sheet in book.worksheets:
        assert isinstance(sheet, Worksheet)
        assert (
            sheet["A1"].value
            == plan_title()
            == "淮安市集中治理诚信缺失突出问题工作进度表 (2018-2020年)"
        )
        assert "A1:E1" in {str(r) for r in sheet.merged_cells.ranges}
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.column_dimensions["E"].width >= 40
        assert [sheet["A2"].value, sheet["C2"].value, sheet["A3"].value] == [
            "年份:",
            "季度:",
            "填报单位(盖章):",
        ]
        for row in body_rows(sheet):
            number = next(d.number for d in system.reference.domains if d.item_zh == row[1])
            items[number] = row[1]
    assert [items[n] for n in sorted(items)] == plan_items()  # items 3 and 6 included
    assert len(plan_items()) == 19


def test_the_goal_is_per_year_and_domain_and_the_office_may_set_it(
    client: TestClient,
) -> None:
    li = officer(client)
    office = office_of(client)

    def goals(year: int) -> list[str]:
        params = {"unit": "public_security", "year": year, "quarter": 1}
        content = client.get("/api/v1/reports/progress.xlsx", params=params, headers=li).content
        return [row[2] for row in body_rows(sheet_of(content))]

    assert goals(2018) == [
        "电信网络诈骗领域黑名单、重点关注名单治理全覆盖，治理率不低于80%",
        "互联网虚假信息、造谣传谣领域黑名单、重点关注名单治理全覆盖，治理率不低于80%",
    ]
    assert goals(2019)[0].startswith("电信网络诈骗领域诚信缺失问题治理取得明显成效")
    answer = client.put(
        "/api/v1/reports/targets/2019/telecom_fraud",
        json={"rate": 0.9, "goal": "涉诈失信主体动态清零"},
        headers=office,
    )
    assert answer.status_code == 200, answer.text
    assert goals(2019)[0] == "涉诈失信主体动态清零，治理率不低于90%"
    assert goals(2018)[0].endswith("治理率不低于80%")


def test_a_unit_writes_its_narrative_submits_and_gets_the_same_bytes_back(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    today = system.clock.today()
    year, quarter = today.year, (today.month + 2) // 3
    empty = client.get(url("public_security", year, quarter), headers=li).json()
    assert [r["problems"] for r in empty["rows"]] == ["", ""]
    assert "在册黑名单" in empty["rows"][0]["suggested_problems"]  # a starting text only
    refused = client.post(url("public_security", year, quarter, "/submission"), headers=li)
    assert (refused.status_code, refused.json()["code"]) == (422, "sheet_incomplete")
    write_all(client, li, "public_security", year, quarter)
    answer = client.post(url("public_security", year, quarter, "/submission"), headers=li)
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["submitted_at"] and len(receipt["sha256"]) == 64
    client.put(
        f"/api/v1/reports/targets/{year}/telecom_fraud",
        json={"rate": 0.95},
        headers=office_of(client),
    )
    again = client.get(url("public_security", year, quarter, "/submission.xlsx"), headers=li)
    assert again.status_code == 200, again.text
    assert hashlib.sha256(again.content).hexdigest() == receipt["sha256"]
    rows = body_rows(sheet_of(again.content))
    assert [row[3] for row in rows] == ["telecom_fraud的问题", "online_rumours的问题"]
    assert rows[0][2].endswith("80%")  # as submitted, not as the target is now
    frozen = client.put(
        url("public_security", year, quarter, "/rows/telecom_fraud"),
        json={"problems": "改", "measures_and_results": "改"},
        headers=li,
    )
    assert (frozen.status_code, frozen.json()["code"]) == (409, "invalid_state")


def test_only_the_units_officers_write_and_only_what_it_leads(client: TestClient) -> None:
    li = officer(client)
    taxes = officer(client, "wang.fang", "taxation")
    office = office_of(client)
    row = url("public_security", 2024, 1, "/rows/telecom_fraud")
    body = {"problems": "问题", "measures_and_results": "举措"}
    assert client.put(row, json=body, headers=taxes).status_code == 403
    assert client.put(row, json=body, headers=office).status_code == 403
    foreign = client.put(url("public_security", 2024, 1, "/rows/charity"), json=body, headers=li)
    assert (foreign.status_code, foreign.json()["code"]) == (422, "validation_error")
    too_long = client.put(row, json={**body, "problems": "长" * 4001}, headers=li)
    assert too_long.status_code == 422
    bad_quarter = client.put(
        url("public_security", 2024, 5, "/rows/telecom_fraud"), json=body, headers=li
    )
    assert bad_quarter.status_code == 422
    assert client.put(row, json=body, headers=li).status_code == 200
    assert client.get(url("public_security", 2024, 1), headers=taxes).status_code == 403
    assert client.get(url("public_security", 2024, 1), headers=office).status_code == 200


def test_the_office_follows_the_filings_and_sends_a_sheet_back(
    client: TestClient, system: Chengxin
) -> None:
    li = officer(client)
    office = office_of(client)
    period = Period(2024, 1)
    system.progress.clock = FixedClock(progress_due(period))  # the due day itself
    write_all(client, li, "public_security", 2024, 1)
    first = client.post(url("public_security", 2024, 1, "/submission"), headers=li).json()
    system.progress.clock = FixedClock(date(2024, 4, 11))
    status = client.get(
        "/api/v1/reports/progress/status", params={"year": 2024, "quarter": 1}, headers=office
    )
    assert status.status_code == 200, status.text
    items = {item["unit"]: item for item in status.json()["items"]}
    assert set(items) == set(system.governance.lead_units(period.end))
    assert {"market_regulation", "ecology_environment"} <= set(items)  # since 2019
    assert not {"food_drug", "environmental_protection"} & set(items)
    assert items["public_security"]["submitted_at"] is not None
    assert items["public_security"]["late"] is False  # filed on the 10th
    assert (items["taxation"]["submitted_at"], items["taxation"]["late"]) == (None, True)
    assert status.json()["due"] == "2024-04-10"
    assert (
        client.get(
            "/api/v1/reports/progress/status", params={"year": 2024, "quarter": 1}, headers=li
        ).status_code
        == 403
    )
    back = client.post(
        url("public_security", 2024, 1, "/return"),
        json={"comment": "请补充典型案例"},
        headers=office,
    )
    assert back.status_code == 200, back.text
    seen = client.get(url("public_security", 2024, 1), headers=li).json()
    assert (seen["status"], seen["comment"]) == ("returned", "请补充典型案例")
    client.put(
        url("public_security", 2024, 1, "/rows/telecom_fraud"),
        json={"problems": "补充：典型案例三起", "measures_and_results": "专项行动两次"},
        headers=li,
    )
    second = client.post(url("public_security", 2024, 1, "/submission"), headers=li).json()
    assert second["sha256"] != first["sha256"]
    older = client.get(
        url("public_security", 2024, 1, "/submission.xlsx"),
        params={"sha256": first["sha256"]},
        headers=office,
    )
    assert hashlib.sha256(older.content).hexdigest() == first["sha256"]
    late = client.get(
        "/api/v1/reports/progress/status", params={"year": 2024, "quarter": 1}, headers=office
    ).json()["items"]
    assert next(i for i in late if i["unit"] == "public_security")["late"] is False
    unknown = client.get(
        url("public_security", 2024, 1, "/submission.xlsx"),
        params={"sha256": "0" * 64},
        headers=office,
    )
    assert unknown.status_code == 404
    not_submitted = client.post(
        url("taxation", 2024, 1, "/return"), json={"comment": "?"}, headers=office
    )
    assert not_submitted.status_code == 409


def test_the_contract_of_api_8_3_is_documented_in_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    sheet = "/api/v1/reports/progress/{unit}/{year}/{quarter}"
    assert "put" in paths[sheet + "/rows/{domain}"]
    assert "post" in paths[sheet + "/submission"]
    assert "post" in paths[sheet + "/return"]
    assert "get" in paths["/api/v1/reports/progress/status"]
    assert "get" in paths["/api/v1/reports/progress-city.xlsx"]
    assert "post" in paths["/api/v1/entries/{entry_id}/rectification/verification"]
    assert "put" in paths["/api/v1/reports/targets/{year}/{domain}"]
    stats = paths["/api/v1/stats/governance"]["get"]["description"]
    assert "null" in stats and "with_data" in stats
    roles = client.get("/openapi.json").json()["components"]["schemas"]["NewUser"]
    assert "office" in str(roles)

"""Pages people can trust (issue 19) over HTTP on both backends: the public search says what
it can find and what it cannot, every error of a form at once with a summary that links to
each, officers find subjects by name, and the register form takes a passport."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from application.cases import ServeNotice
from application.entries import RevokeEntry
from domain.accounts import Role
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from interfaces.api.schemas.entries import EntryOut
from tests.integration import test_web_pages
from tests.integration.public_world import record, register
from tests.integration.test_web_pages import sign_in
from tests.support import COMPANY_USCC

city = test_web_pages.city  # the company, its entries and accounts, as a fixture here too
WANG = "320811199001011237"
WANG_NAME = "王小明"


def summary_targets_exist(html: str) -> bool:
    """Every link of the error summary leads to an element of the page."""
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    return bool(anchors) and all(f'id="{anchor}"' in html for anchor in anchors)


def entry_links(html: str) -> set[str]:
    return set(re.findall(r'href="/public/entries/([0-9a-f-]{36})"', html))


def test_a_listed_natural_person_is_found_by_the_documented_search_and_only_so(
    client: TestClient, system: Chengxin
) -> None:
    wang = register(system, SubjectKind.NATURAL_PERSON, WANG_NAME, WANG)
    entry = record(system, wang)
    home = client.get("/")
    assert "完整的证件号码" in home.text and "和完整姓名" in home.text  # the help says the rule
    found = client.get("/", params={"q": WANG, "name": WANG_NAME})
    shown_id = str(system.public.public_id(entry.id))
    assert found.status_code == 200 and entry_links(found.text) == {shown_id}
    assert "共 1 条公示信息" in found.text
    by_name = client.get("/", params={"q": WANG_NAME})
    assert by_name.status_code == 200 and entry_links(by_name.text) == set()
    assert "没有找到符合条件的公示信息" in by_name.text
    assert f"名称包含“{WANG_NAME}”" in by_name.text  # what was searched
    assert "按姓名或部分号码查不到自然人" in by_name.text  # what cannot be
    by_id = client.get("/", params={"q": WANG})
    assert entry_links(by_id.text) == set()
    assert f"证件号码 {WANG}" in by_id.text and "同时填写其完整姓名" in by_id.text


def test_a_malformed_identifier_or_a_name_alone_gets_a_field_error(
    client: TestClient, system: Chengxin
) -> None:
    wrong = client.get("/", params={"q": COMPANY_USCC[:-1] + "X"})
    assert wrong.status_code == 422
    assert 'id="search-q-error"' in wrong.text and "没有找到" not in wrong.text
    assert "<title>错误：" in wrong.text and 'href="#search-q"' in wrong.text
    alone = client.get("/", params={"q": "", "name": WANG_NAME})
    assert alone.status_code == 422 and 'id="search-name-error"' in alone.text
    assert summary_targets_exist(alone.text) and summary_targets_exist(wrong.text)


def test_results_are_counted_and_numbered_in_pages(client: TestClient, system: Chengxin) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    entries = [record(system, company, days_ago=3 + n) for n in range(23)]
    first = client.get("/", params={"q": "清河建材"})
    assert "共 23 条公示信息，第 1 页，共 2 页" in first.text
    assert 'aria-current="page"' in first.text and "page=2" in first.text
    second = client.get("/", params={"q": "清河建材", "page": "2"})
    assert len(entry_links(first.text) | entry_links(second.text)) == 23
    assert entry_links(second.text) <= {str(system.public.public_id(e.id)) for e in entries}
    assert len(entry_links(second.text)) == 3


def test_a_form_shows_every_error_at_once_with_a_summary_linking_to_each(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    before = system.store.max_position()
    answer = client.post(
        "/workbench/subjects",
        data={
            "kind": "legal_person",
            "identifier": "91320800MA1XXXXX0X",
            "name": "",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
    )
    assert answer.status_code == 422
    assert 'id="subject-identifier-error"' in answer.text
    assert 'id="subject-name-error"' in answer.text
    summary = answer.text[answer.text.index('class="error-summary"') :]
    assert 'href="#subject-identifier"' in summary and 'href="#subject-name"' in summary
    assert "autofocus" in answer.text and "<title>错误：" in answer.text
    assert summary_targets_exist(answer.text)
    assert system.store.max_position() == before


def test_officers_find_subjects_by_name_and_a_uscc_is_not_taken_for_a_person(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    found = client.get("/workbench/subjects/find", params={"q": "某某科技"})
    assert found.status_code == 200 and f"/workbench/subjects/{city['subject']}" in found.text
    none = client.get("/workbench/subjects/find", params={"q": "不存在的单位"})
    assert "没有名称包含“不存在的单位”的信用主体" in none.text
    unknown = client.get("/workbench/subjects/find", params={"q": "91320800MA1XXXXX0X"})
    assert '<option value="legal_person" selected>' in unknown.text
    person = client.get("/workbench/subjects/find", params={"q": WANG})
    assert '<option value="natural_person" selected>' in person.text


def test_a_passport_holder_is_registered_from_the_page(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    form = client.get("/workbench/subjects/new")
    assert 'id="subject-nationality"' in form.text and 'value="passport"' in form.text
    answer = client.post(
        "/workbench/subjects",
        data={
            "kind": "natural_person",
            "scheme": "passport",
            "identifier": "E12345678",
            "nationality": "USA",
            "name": "John Smith",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[-2000:]
    found = system.subjects.find("E12345678", "USA")
    assert found is not None and found.nationality == "USA"
    missing = client.post(
        "/workbench/subjects",
        data={
            "kind": "natural_person",
            "scheme": "passport",
            "identifier": "E7654321",
            "name": "Jane Doe",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
    )
    assert missing.status_code == 422 and "subject-identifier-error" in missing.text


def test_open_data_downloads_in_chinese_with_a_bom_or_in_codes(
    client: TestClient, system: Chengxin
) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市清河建材有限公司")
    record(system, company)
    page = client.get("/public/open-data")
    assert "目前公示 1 条信息" in page.text and "最近一次变更：" in page.text
    chinese = client.get("/public/open-data/records.csv")
    assert chinese.status_code == 200 and chinese.content.startswith(b"\xef\xbb\xbf")
    header, row = chinese.content.decode("utf-8-sig").splitlines()
    assert header.startswith("记录编号,名单类型,领域,失信程度,主体类型,主体名称")
    assert "黑名单" in row and "淮安市清河建材有限公司" in row and ",否," in row
    codes = client.get("/public/open-data/records.csv", params={"format": "codes"})
    api = client.get("/api/v1/public/export", params={"format": "csv"})
    assert codes.content == api.content and codes.content.startswith(b"entry_id,list_type")


def test_red_list_pages_show_an_honour_without_dishonesty_or_repair(
    client: TestClient, system: Chengxin
) -> None:
    company = register(system, SubjectKind.LEGAL_PERSON, "淮安市守信建设有限公司")
    honour = record(system, company, list_type=ListType.RED, severity=Severity.MINOR)
    card = client.get("/", params={"q": "守信建设"})
    item = card.text[card.text.index('<article class="record">') :]
    assert "红名单是守信激励" in item and "荣誉有效期至" in item
    assert "失信程度" not in item
    page = client.get(f"/public/entries/{system.public.public_id(honour.id)}")
    assert "荣誉有效期至" in page.text and "失信程度" not in page.text
    system.accounts.register("shouxin", "company-password", Role.SUBJECT, subject_id=company.id)
    client.get("/signin")
    client.post(
        "/signin",
        data={
            "username": "shouxin",
            "password": "company-password",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
    )
    own = client.get(f"/portal/entries/{honour.id}")
    assert own.status_code == 200 and "红名单是守信激励" in own.text
    assert 'id="repair"' not in own.text and "可申请修复日期" not in own.text
    assert "失信程度" not in own.text


def test_the_portal_offers_repair_only_once_eligible_and_shows_what_was_sent(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "kexin")
    listing = client.get("/portal")
    assert "淮公罚〔2026〕10号" in listing.text and "淮公罚〔2026〕200号" in listing.text
    early = client.get(f"/portal/entries/{city['objected']}")
    found = system.entries.get(city["objected"])
    waiting = EntryOut.of(found, system.clock.today()).repair_possible_from
    assert waiting is not None and waiting > system.clock.today()
    assert f"{waiting.isoformat()} 起方可申请信用修复" in early.text
    assert f'action="/portal/entries/{city["objected"]}/repairs"' not in early.text
    filed = client.get(f"/portal/entries/{city['repairable']}")
    assert "已提交的材料" in filed.text and "罚款缴纳凭证" in filed.text
    client.post(
        f"/portal/entries/{city['repairable']}/rectification",
        data={
            "description": "已缴清罚款并完成整改",
            "performed_on": system.clock.today().isoformat(),
            "evidence": "缴款凭证、整改报告",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
    )
    reported = client.get(f"/portal/entries/{city['repairable']}")
    assert "已报告的整改情况" in reported.text and "已缴清罚款并完成整改" in reported.text


def test_an_ended_record_offers_no_objection_or_repair(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    officer, owner = system.accounts.principal("li.ming"), system.accounts.principal("kexin")
    assert officer is not None and owner is not None
    system.repairs.withdraw(owner, city["repair"], None)
    system.entries.revoke(officer, RevokeEntry(city["repairable"], "决定被复议撤销"))
    sign_in(client, "kexin")
    ended = client.get(f"/portal/entries/{city['repairable']}")
    assert ended.status_code == 200
    assert "/objections" not in ended.text and f'{city["repairable"]}/repairs"' not in ended.text
    assert "该记录已结束，不再受理异议" in ended.text


def test_overdue_means_only_a_deadline_the_department_missed(
    client: TestClient, system: Chengxin, city: dict[str, Any], monkeypatch: Any
) -> None:
    officer = system.accounts.principal("li.ming")
    assert officer is not None
    today = system.clock.today()
    system.cases.serve_notice(officer, ServeNotice(city["case"], ListType.BLACKLIST, today, 5))
    monkeypatch.setattr(system.clock, "today", lambda: today + timedelta(days=40))
    sign_in(client, "li.ming")
    work = client.get("/workbench")
    counter = re.search(r'counter-bad"><b>(\d+)</b>', work.text)
    assert counter is not None and counter.group(1) == "2"  # the objection and the repair
    assert work.text.count("· 已逾期") == 2
    assert "陈述申辩期已满，可以作出决定" in work.text
    case = client.get(f"/workbench/cases/{city['case']}")
    assert "可以作出决定" in case.text and "已逾期" not in case.text.split("<main", 1)[1]
    repair = client.get(f"/workbench/repairs/{city['repair']}")
    due = repair.text[repair.text.index('id="repair-due"') :]
    assert "已逾期" in due[:600] and "callout-bad" in repair.text


def test_the_admin_manages_accounts_and_each_change_is_in_the_history(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "admin")
    listing = client.get("/admin/accounts")
    assert listing.status_code == 200 and "li.ming" in listing.text and "kexin" in listing.text
    token = client.cookies.get("cx_csrf")
    refused = client.post(
        "/admin/accounts",
        data={"username": "wang.wu", "password": "short", "role": "officer", "csrf_token": token},
    )
    assert refused.status_code == 422 and "<title>错误：" in refused.text
    assert summary_targets_exist(refused.text)
    assert system.accounts.principal("wang.wu") is None
    created = client.post(
        "/admin/accounts",
        data={
            "username": "wang.wu",
            "password": "Huaian-officer-2026",
            "role": "officer",
            "department": "public_security",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert created.status_code == 303 and created.headers["location"] == "/admin/accounts/wang.wu"
    steps = [
        ("password", {"password": "Another-long-pass-77"}),
        ("department", {"department": "environmental_protection"}),
        ("deactivation", {}),
    ]
    for step, data in steps:
        done = client.post(
            f"/admin/accounts/wang.wu/{step}",
            data={**data, "csrf_token": token},
            follow_redirects=False,
        )
        assert done.status_code == 303, (step, done.text[-1500:])
    assert system.accounts.principal("wang.wu") is None  # disabled: signs in no more
    moved = system.accounts.get("wang.wu")
    assert moved.department == "environmental_protection" and not moved.active
    history = client.get("/admin/accounts/wang.wu").text
    for label in ("创建账号", "重置密码", "调整所在部门", "停用账号"):
        assert label in history
    assert "操作人：admin" in history
    self_disable = client.post(
        "/admin/accounts/admin/deactivation", data={"csrf_token": token}, follow_redirects=False
    )
    assert self_disable.status_code == 422
    sign_in(client, "li.ming")
    assert client.get("/admin/accounts").status_code == 403


def test_the_audit_page_explains_its_basis_warns_and_answers_first(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "zhao.shen")
    path = f"/audit/subjects/{city['subject']}"
    page = client.get(path, params={"basis": "recorded"})
    assert "依据：按系统登记时间" in page.text
    assert page.text.index('class="answer"') < page.text.index('class="timeline"')
    no_day = client.get(path, params={"at": "08:30"})
    assert "只填写了时间，没有填写日期" in no_day.text
    future = (system.clock.today() + timedelta(days=30)).isoformat()
    ahead = client.get(path, params={"day": future})
    assert ahead.status_code == 200 and "在未来" in ahead.text
    past = client.get(path, params={"day": system.clock.today().isoformat(), "at": "00:01"})
    assert "在未来" not in past.text and "没有填写日期" not in past.text


def test_a_repair_form_without_evidence_or_commitment_shows_both_errors(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    owner = system.accounts.principal("kexin")
    assert owner is not None
    system.repairs.withdraw(owner, city["repair"], None)
    sign_in(client, "kexin")
    answer = client.post(
        f"/portal/entries/{city['repairable']}/repairs",
        data={"obligations_evidence": "", "csrf_token": client.cookies.get("cx_csrf")},
    )
    assert answer.status_code == 422
    assert 'id="repair-obligations_evidence-error"' in answer.text
    assert 'id="repair-commitment_signed-error"' in answer.text
    assert 'href="#repair-commitment_signed"' in answer.text
    assert summary_targets_exist(answer.text)

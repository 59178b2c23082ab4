"""Pages people can trust (issue 19) in a real browser, each fixed path at desktop and phone
widths with axe-core over every page state (no serious or critical finding): the public search
that says what it can find, every error of a form at once, one meaning for overdue, a repair
flow that guides, an audit page that answers first, the dashboard on a phone, open data and the
accounts page. Screenshots go to tests/screenshots/ (not committed)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from application.accounts import Principal
from application.cases import OpenCase, ServeNotice
from application.entries import NewEntry
from application.objections import FileObjection
from application.repairs import FileRepair
from domain.accounts import Role
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from tests.e2e import test_pages as pages
from tests.e2e.test_pages import PHONE, shoot, sign_in, visitor

# the city, its server, the browser and axe-core over every page state, as fixtures here too
city, site, browser, accessibility = pages.city, pages.site, pages.browser, pages.accessibility

pytestmark = pytest.mark.browser

from playwright.sync_api import Browser, Page, expect  # noqa: E402

WANG = "320811199001011237"
WANG_NAME = "王小明"
BAD_USCC = "91320800MA1XXXXX0X"
ADMIN_PASSWORD = "Gatekeeper-2718"


def officer_of(system: Chengxin) -> Principal:
    found = system.accounts.principal("li.ming")
    assert found is not None
    return found


def listed(system: Chengxin, subject_id: UUID, n: int, **changes: Any) -> UUID:
    today = system.clock.today()
    fields: dict[str, Any] = {
        "subject_id": subject_id,
        "list_type": ListType.FOCUS,
        "domain": "telecom_fraud",
        "severity": Severity.GENERAL,
        "decision_no": f"淮公罚〔2026〕{n}号",
        "decision_date": today - timedelta(days=10),
        "legal_basis": "《中华人民共和国反电信网络诈骗法》第三十八条",
        "repairable": True,
        "department": "public_security",
        **changes,
    }
    return system.entries.record(officer_of(system), NewEntry(**fields)).id


def uscc(n: int) -> str:
    from stdnum.cn import uscc as code

    body = f"91320800{n:09d}"
    return body + code.calc_check_digit(body)


def every_error_at_once(page: Page) -> None:
    page.goto("/workbench/subjects/new")
    page.select_option("#subject-kind", "legal_person")
    page.fill("#subject-identifier", BAD_USCC)
    page.click("form[action='/workbench/subjects'] button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary.locator("a")).to_have_count(2)
    expect(summary.locator("a[href='#subject-identifier']")).to_be_visible()
    expect(summary.locator("a[href='#subject-name']")).to_be_visible()
    assert page.title().startswith("错误：")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    shoot(page, "20-register-every-error")
    summary.locator("a[href='#subject-name']").click()
    assert page.evaluate("() => location.hash") == "#subject-name"


def officer_registers(page: Page) -> None:
    page.goto("/workbench/subjects/new")
    page.select_option("#subject-kind", "natural_person")
    page.select_option("#subject-scheme", "passport")
    page.fill("#subject-identifier", "E12345678")
    page.fill("#subject-nationality", "USA")
    page.fill("#subject-name", "John Smith")
    shoot(page, "21-register-passport")
    page.click("form[action='/workbench/subjects'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("信用主体已登记")
    page.goto("/workbench")
    page.fill("#find-identifier", "王小")
    page.click("form.find-form button[type=submit]")
    expect(page.locator("table")).to_contain_text(WANG_NAME)
    shoot(page, "22-find-by-name")
    page.goto(f"/workbench/subjects/find?q={BAD_USCC}")
    expect(page.locator("#subject-kind")).to_have_value("legal_person")


def the_public_searches(page: Page) -> None:
    page.goto("/")
    page.fill("#search-q", WANG_NAME)
    page.click("form[role=search] button[type=submit]")
    empty = page.locator(".empty")
    expect(empty).to_contain_text(f"名称包含“{WANG_NAME}”")
    expect(empty).to_contain_text("按姓名或部分号码查不到自然人")
    shoot(page, "23-public-empty-says-what")
    page.fill("#search-q", WANG)
    page.fill("#search-name", WANG_NAME)
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("article.record")).to_have_count(1)
    expect(page.locator(".result-count")).to_contain_text("共 1 条")
    shoot(page, "24-public-person-found")
    page.goto(f"/?q={BAD_USCC}")
    expect(page.locator("#search-q-error")).to_be_visible()
    assert page.title().startswith("错误：")
    shoot(page, "25-public-field-error")
    page.goto("/?q=守信建设")
    card = page.locator("article.record").first
    expect(card).to_contain_text("红名单是守信激励")
    expect(card).not_to_contain_text("失信程度")
    shoot(page, "26-public-red-list")
    page.goto("/?q=清河建材")
    expect(page.locator(".result-count")).to_contain_text("共 21 条公示信息，第 1 页，共 2 页")
    page.locator("nav.pager a[aria-label='第 2 页']").click()
    expect(page.locator("article.record")).to_have_count(1)
    shoot(page, "27-public-pages")
    page.goto("/public/open-data")
    expect(page.locator("main")).to_contain_text("目前公示")
    shoot(page, "28-open-data")


def test_search_errors_and_registering_through_the_pages(
    city: Chengxin, site: str, browser: Browser
) -> None:
    wang = city.subjects.register(SubjectKind.NATURAL_PERSON, WANG, WANG_NAME)
    listed(city, wang.id, 1)
    honoured = city.subjects.register(SubjectKind.LEGAL_PERSON, uscc(7), "淮安市守信建设有限公司")
    listed(city, honoured.id, 2, list_type=ListType.RED, severity=None, repairable=False)
    company = city.subjects.register(SubjectKind.LEGAL_PERSON, uscc(8), "淮安市清河建材有限公司")
    for n in range(21):
        listed(city, company.id, 100 + n, decision_date=city.clock.today() - timedelta(days=n))
    officer = sign_in(browser, site, "li.ming", "officer-password")
    every_error_at_once(officer)
    officer_registers(officer)
    the_public_searches(visitor(browser, site))


@pytest.fixture
def late(city: Chengxin, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A company with a case past its statement period, an objection and a repair application
    the department has not answered in time: forty days on."""
    officer = officer_of(city)
    company = city.subjects.register(SubjectKind.LEGAL_PERSON, uscc(9), "淮安某某科技有限公司")
    city.accounts.register("kexin", "company-password", Role.SUBJECT, subject_id=company.id)
    owner = city.accounts.principal("kexin")
    assert owner is not None
    today = city.clock.today()
    case = city.cases.open(officer, OpenCase(company.id, "telecom_fraud", "虚假招聘骗取保证金"))
    city.cases.serve_notice(officer, ServeNotice(case.id, ListType.BLACKLIST, today, 5))
    recent = listed(city, company.id, 10)
    old = listed(city, company.id, 200, decision_date=today - timedelta(days=200))
    city.objections.file(owner, FileObjection(recent, "处罚对象错误"))
    repair = city.repairs.file(owner, FileRepair(old, True, ["罚款缴纳凭证"], None))
    later: date = today + timedelta(days=40)
    monkeypatch.setattr(city.clock, "today", lambda: later)
    return {"company": company.id, "case": case.id, "recent": recent, "repair": repair.id}


def test_overdue_repair_audit_dashboard_and_accounts_through_the_pages(
    city: Chengxin, site: str, browser: Browser, late: dict[str, Any]
) -> None:
    officer = sign_in(browser, site, "li.ming", "officer-password")
    officer.goto("/workbench")
    expect(officer.locator(".counter-bad b")).to_have_text("2")
    expect(officer.locator("table").first).to_contain_text("可以作出决定")
    shoot(officer, "30-workbench-overdue")
    officer.goto(f"/workbench/repairs/{late['repair']}")
    expect(officer.locator("#repair-due")).to_contain_text("已逾期")
    shoot(officer, "31-repair-overdue")

    company = sign_in(browser, site, "kexin", "company-password")
    company.goto("/portal")
    expect(company.locator("table")).to_contain_text("淮公罚〔2026〕10号")
    shoot(company, "32-portal")
    company.goto(f"/portal/entries/{late['recent']}")
    expect(company.locator("#repair-when")).to_contain_text("起方可申请信用修复")
    expect(company.locator("form[action$='/repairs']")).to_have_count(0)
    shoot(company, "33-portal-repair-not-yet")

    auditor = sign_in(browser, site, "zhao.shen", "auditor-password")
    ahead = (city.clock.today() + timedelta(days=30)).isoformat()
    auditor.goto(f"/audit/subjects/{late['company']}?day={ahead}")
    expect(auditor.locator(".callout-warn").first).to_contain_text("在未来")
    shoot(auditor, "34-audit-future")
    auditor.set_viewport_size(PHONE)
    answer = auditor.locator(".answer").bounding_box()
    timeline = auditor.locator("ol.timeline").bounding_box()
    assert answer is not None and timeline is not None and answer["y"] < timeline["y"]
    auditor.goto("/dashboard")
    lines = auditor.evaluate(
        """() => [...document.querySelectorAll('td.domain-name')].map(td => {
            const range = document.createRange(); range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""
    )
    assert lines and max(lines) == 1, lines
    assert auditor.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    auditor.set_viewport_size({"width": 1280, "height": 800})
    shoot(auditor, "35-dashboard")

    admin = sign_in(browser, site, "admin", ADMIN_PASSWORD)
    admin.goto("/admin/accounts")
    admin.fill("#account-username", "wang.wu")
    admin.fill("#account-password", "short")
    admin.click("#new-account button[type=submit]")
    expect(admin.locator(".error-summary")).to_be_visible()
    shoot(admin, "36-admin-account-error")
    admin.fill("#account-password", "Huaian-officer-2026")
    admin.select_option("#account-department", "public_security")
    admin.click("#new-account button[type=submit]")
    expect(admin.locator(".flash")).to_contain_text("账号已创建")
    admin.fill("#password-password", "Another-long-pass-77")
    admin.click("#password button[type=submit]")
    expect(admin.locator(".flash")).to_contain_text("密码已重置")
    admin.select_option("#move-department", "environmental_protection")
    admin.click("#move button[type=submit]")
    expect(admin.locator(".flash")).to_contain_text("所在部门已调整")
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.click("#disable button[type=submit]")
    expect(admin.locator(".flash")).to_contain_text("账号已停用")
    history = admin.locator("ol.timeline")
    for label in ("创建账号", "重置密码", "调整所在部门", "停用账号"):
        expect(history).to_contain_text(label)
    shoot(admin, "37-admin-account-history")
    admin.goto("/admin/accounts")
    shoot(admin, "38-admin-accounts")
    assert re.search(r"wang\.wu", admin.content())

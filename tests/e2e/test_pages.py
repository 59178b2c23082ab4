"""The pages in a real browser: an officer lists a company, the public finds it, the company
objects and applies for repair, the officer resolves both, the auditor replays it all and the
credit office sees the chart. Each page is photographed at desktop and phone widths into
tests/screenshots/ (not committed) so a person can look at them."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
import uvicorn

from domain.accounts import Role
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from interfaces.api.app import create_app
from tests.support import COMPANY_USCC

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
AXE = Path(__file__).resolve().parent / "assets" / "axe.min.js"
BLOCKING = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMPANY = "淮安某某科技有限公司"
PDF = b"%PDF-1.4\n%%EOF\n"

if shutil.which(CHROMIUM) is None:
    if IN_CI:
        pytest.fail(f"CI runs the browser tests: install chromium at {CHROMIUM}", pytrace=False)
    pytest.skip(
        f"no system Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Chengxin]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'chengxin.db'}",
        secret_key="test-secret-key-with-enough-length-for-hs256",
        admin_password="Gatekeeper-2718",
        var_dir=tmp_path,
    )
    system = build(settings)
    system.accounts.register("li.ming", "officer-password", Role.OFFICER, "public_security")
    system.accounts.register("zhao.shen", "auditor-password", Role.AUDITOR)
    yield system
    system.close()


@pytest.fixture
def site(city: Chengxin) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(city), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Accessibility:
    """axe-core over every page state the tests visit; serious or critical findings fail."""

    def __init__(self) -> None:
        if not AXE.exists():
            pytest.fail(f"{AXE} is missing: `make test` fetches axe-core", pytrace=False)
        self.script = AXE.read_text()
        self.findings: list[str] = []

    def check(self, page: Page, name: str, width: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=self.script)
        result = page.evaluate("async () => await window.axe.run(document)")
        for violation in result["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                self.findings.append(
                    f"{name} ({width}): {violation['id']} [{violation['impact']}] "
                    f"{len(violation['nodes'])} nodes, e.g. {targets}"
                )


ACCESSIBILITY: list[Accessibility] = []


def shoot(page: Page, name: str) -> None:
    """The page as it looks on a desktop and on a phone, checked by axe-core at both widths."""
    SHOTS.mkdir(exist_ok=True)
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        for checker in ACCESSIBILITY:
            checker.check(page, name, width)
    page.set_viewport_size(DESKTOP)


@pytest.fixture(autouse=True)
def accessibility() -> Iterator[Accessibility]:
    checker = Accessibility()
    ACCESSIBILITY.append(checker)
    yield checker
    ACCESSIBILITY.remove(checker)
    assert not checker.findings, "axe-core found:\n" + "\n".join(checker.findings)


def visitor(browser: Browser, site: str) -> Page:
    # bypass_csp: the pages forbid inline script, and axe-core is injected as one
    context = browser.new_context(viewport=DESKTOP, base_url=site, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def sign_in(browser: Browser, site: str, username: str, password: str) -> Page:
    page = visitor(browser, site)
    page.goto("/signin")
    page.fill("#signin-username", username)
    page.fill("#signin-password", password)
    page.click("form[action='/signin'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("登录成功")
    return page


def officer_lists_the_company(page: Page, decided_long_ago: str) -> tuple[str, str]:
    page.goto("/workbench/subjects/new")
    page.select_option("#subject-kind", "legal_person")
    page.fill("#subject-identifier", COMPANY_USCC[:-1] + "X")
    page.fill("#subject-name", COMPANY)
    page.click("form[action='/workbench/subjects'] button[type=submit]")
    expect(page.locator("#subject-identifier-error")).to_contain_text("证件号码校验不通过")
    shoot(page, "02-register-subject-error")
    page.fill("#subject-identifier", COMPANY_USCC)
    page.click("form[action='/workbench/subjects'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("信用主体已登记")
    subject_url = page.url

    page.select_option("#case-domain", "telecom_fraud")
    page.fill("#case-summary", "利用电信网络发布虚假招聘信息骗取保证金")
    page.click("#open-case button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("已立案")
    page.click("#notice button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("告知书已送达")
    page.fill("#statement-text", "对事实无异议，请求从轻处理")
    page.click("#statement button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("陈述申辩已记录")
    shoot(page, "04-case")
    page.select_option("#decision-list_type", "blacklist")
    page.select_option("#decision-severity", "serious")
    page.fill("#decision-decision_no", "淮公信〔2026〕18号")
    page.fill("#decision-legal_basis", "《江苏省社会信用条例》第三十条")
    page.click("#decision button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("决定已作出")
    page.select_option("#measure-measure_code", "restrict_bidding")
    page.click("#measures button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("联合惩戒措施已实施")
    listed_url = page.url
    old_url = officer_records_an_old_decision(page, subject_url, decided_long_ago)
    return listed_url.rsplit("/", 1)[1], old_url.rsplit("/", 1)[1]


def officer_records_an_old_decision(page: Page, subject_url: str, decided_long_ago: str) -> str:
    """A decision of months ago, recorded late: its minimum period is over, so repairable."""
    page.goto(subject_url)
    page.select_option("#entry-list_type", "focus")
    page.select_option("#entry-domain", "telecom_fraud")
    page.fill("#entry-decision_no", "淮公罚〔2026〕7号")
    page.fill("#entry-decision_date", decided_long_ago)
    page.fill("#entry-legal_basis", "《中华人民共和国反电信网络诈骗法》第三十一条")
    page.click("#record-entry button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("名单记录已登记")
    shoot(page, "05-entry-officer")
    old_url = page.url
    page.goto(subject_url)
    shoot(page, "03-subject")
    return old_url


def the_public_finds_it(page: Page, under_objection: bool) -> None:
    page.goto("/")
    page.fill("#search-q", "某某科技")
    page.click("form[role=search] button[type=submit]")
    results = page.locator("article.record").filter(has_text=COMPANY)
    if under_objection:
        expect(results.filter(has_text="异议处理中")).to_have_count(1)
        return
    result = results.first
    expect(result).to_be_visible()
    shoot(page, "06-public-search")
    result.locator("h3 a").click()
    expect(page.locator("h1")).to_contain_text(COMPANY)
    shoot(page, "07-public-entry")
    page.goto("/?q=不存在的单位名称")
    expect(page.locator(".empty")).to_be_visible()
    shoot(page, "08-public-empty")


def the_company_objects_and_applies(page: Page, objected: str, repairable: str) -> None:
    shoot(page, "09-portal")
    page.goto(f"/portal/entries/{objected}")
    page.fill("#objection-grounds", "该行为系前员工个人所为，公司不知情")
    page.click("#objection button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("异议已提交")
    page.goto(f"/portal/entries/{repairable}")
    evidence = page.locator("input[name=obligations_evidence]")
    evidence.nth(0).fill("罚款缴纳凭证（2026年6月）")
    evidence.nth(1).fill("整改验收报告")
    page.click("[data-add-evidence]")
    evidence.nth(2).fill("员工合规培训记录")
    page.set_input_files(  # the script sends it, with its progress, and cites its digest
        "#repair-upload",
        files=[{"name": "完税证明.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    expect(page.locator("[data-upload-list] li")).to_contain_text("完税证明.pdf")
    expect(page.locator("[data-upload-list] input[name=evidence_files]")).to_have_count(1)
    shoot(page, "10-portal-repair-upload")
    page.click("#repair button[type=submit]")
    expect(page.locator("#repair .form-alert")).to_contain_text("请根据提示修改")
    expect(page.locator("#repair-commitment_signed-error")).to_contain_text("信用承诺书")
    shoot(page, "10-portal-repair-error")
    page.check("input[name=commitment_signed]")
    page.click("#repair button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("信用修复申请已提交")
    shoot(page, "10-portal-repair-filed")


def the_officer_resolves_both(page: Page, objected: str) -> None:
    page.goto("/workbench")
    expect(page.locator("table").first).to_contain_text("异议处理期限")
    shoot(page, "01-workbench")
    page.goto(f"/workbench/entries/{objected}")
    page.check("input[name=outcome][value=rejected]")
    page.fill("#resolve-reason", "经核查，违法行为由公司经营活动产生，异议不成立")
    page.click("#objections button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("异议已处理")
    page.goto("/workbench")
    page.locator("a[href^='/workbench/repairs/']").first.click()
    page.click("#acceptance button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("信用修复申请已处理")
    expect(page.locator("#evidence a[href^='/workbench/files/']").first).to_be_visible()
    page.click("#evidence button[name=confirmed][value=true]")
    expect(page.locator(".flash")).to_contain_text("核验意见")
    page.fill("#decide-reason", "已履行义务并完成整改，准予修复")
    page.click("#repair-decision button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("信用修复决定已作出")
    shoot(page, "11-repair-officer")


def the_auditor_replays(page: Page, yesterday: str) -> None:
    page.goto("/audit")
    shoot(page, "12-audit")
    page.fill("#pick-identifier", COMPANY_USCC)
    page.click("form[action='/audit'] button[type=submit]")
    timeline = page.locator("ol.timeline li")
    expect(timeline.first).to_contain_text("登记信用主体")
    expect(page.locator("ol.timeline")).to_contain_text("准予修复")
    expect(page.locator("ol.timeline")).to_contain_text("部门经办人员 li.ming")
    shoot(page, "13-audit-timeline")
    page.fill("#moment-day", yesterday)
    page.click("form.moment-form button[type=submit]")
    expect(page.locator("ol.timeline li.later").first).to_be_visible()
    shoot(page, "13-audit-as-of")
    page.goto("/audit/integrity")
    expect(page.locator(".callout-ok")).to_contain_text("核验通过")
    shoot(page, "14-integrity")


def test_a_listing_from_case_to_repair_through_the_pages(
    city: Chengxin, site: str, browser: Browser
) -> None:
    today = city.clock.today()
    public = visitor(browser, site)
    public.goto("/signin")
    shoot(public, "00-signin")
    officer = sign_in(browser, site, "li.ming", "officer-password")
    objected, repairable = officer_lists_the_company(
        officer, (today - timedelta(days=200)).isoformat()
    )
    the_public_finds_it(public, under_objection=False)

    company_id = city.subjects.find(COMPANY_USCC)
    assert company_id is not None
    city.accounts.register("kexin", "company-password", Role.SUBJECT, subject_id=company_id.id)
    company = sign_in(browser, site, "kexin", "company-password")
    the_company_objects_and_applies(company, objected, repairable)
    the_public_finds_it(public, under_objection=True)

    the_officer_resolves_both(officer, objected)
    assert city.entries.get(UUID(repairable)).status.value == "repaired"

    auditor = sign_in(browser, site, "zhao.shen", "auditor-password")
    the_auditor_replays(auditor, (today - timedelta(days=1)).isoformat())
    auditor.goto("/dashboard")
    expect(auditor.locator("svg.chart-wide rect").first).to_be_visible()
    expect(auditor.locator("svg.chart-wide")).to_contain_text("电信网络诈骗")
    shoot(auditor, "15-dashboard")
    public.goto("/?lang=en")
    expect(public.locator("h1")).to_contain_text("Credit China")
    shoot(public, "16-public-english")

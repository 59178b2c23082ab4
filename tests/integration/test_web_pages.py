"""The web pages over HTTP on both backends: every page for its role, sign-in first where an
account is needed, forms that refuse with the rule's Chinese message beside the field and write
nothing, and not one answer of 500, whatever is asked."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from application.accounts import Principal
from application.cases import OpenCase
from application.entries import NewEntry
from application.objections import FileObjection
from application.repairs import FileRepair
from domain.accounts import Role
from domain.reference import ListType, Severity
from domain.subject import SubjectKind
from infrastructure.bootstrap import Chengxin
from interfaces.web import PAGES
from tests.support import COMPANY_USCC

COMPANY = "淮安某某科技有限公司"
PASSWORDS = {
    "li.ming": "officer-password",
    "kexin": "company-password",
    "zhao.shen": "auditor-password",
    "admin": "Gatekeeper-2718",
}


def principal(system: Chengxin, username: str) -> Principal:
    found = system.accounts.principal(username)
    assert found is not None
    return found


@pytest.fixture
def city(system: Chengxin) -> dict[str, Any]:
    """A company on the blacklist twice: one entry objected to, one with a repair filed."""
    system.accounts.register("li.ming", PASSWORDS["li.ming"], Role.OFFICER, "public_security")
    system.accounts.register("zhao.shen", PASSWORDS["zhao.shen"], Role.AUDITOR)
    officer = principal(system, "li.ming")
    company = system.subjects.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, COMPANY)
    system.accounts.register("kexin", PASSWORDS["kexin"], Role.SUBJECT, subject_id=company.id)
    owner = principal(system, "kexin")
    case = system.cases.open(officer, OpenCase(company.id, "telecom_fraud", "虚假招聘骗取保证金"))
    today = system.clock.today()
    entries = [
        system.entries.record(
            officer,
            NewEntry(
                subject_id=company.id,
                list_type=ListType.FOCUS,
                domain="telecom_fraud",
                severity=Severity.GENERAL,
                decision_no=f"淮公罚〔2026〕{days}号",
                decision_date=today - timedelta(days=days),
                legal_basis="《反电信网络诈骗法》",
                repairable=True,
                department="public_security",
            ),
        )
        for days in (10, 200)
    ]
    system.objections.file(owner, FileObjection(entries[0].id, "处罚对象错误"))
    repair = system.repairs.file(owner, FileRepair(entries[1].id, True, ["罚款缴纳凭证"], None))
    return {
        "subject": company.id,
        "case": case.id,
        "objected": entries[0].id,
        "objected_in_public": system.public.public_id(entries[0].id),
        "repairable": entries[1].id,
        "repair": repair.id,
    }


def sign_in(client: TestClient, username: str) -> None:
    client.cookies.clear()
    client.get("/signin")
    answer = client.post(
        "/signin",
        data={
            "username": username,
            "password": PASSWORDS[username],
            "csrf_token": client.cookies.get("cx_csrf"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def pages_of(city: dict[str, Any]) -> dict[str, list[str]]:
    subject, entry = city["subject"], city["objected"]
    return {
        "anonymous": [
            "/",
            "/?q=某某",
            f"/public/entries/{city['objected_in_public']}",
            "/public/open-data",
            "/signin",
        ],
        "li.ming": [
            "/workbench",
            "/workbench/subjects/new",
            f"/workbench/subjects/find?identifier={COMPANY_USCC}",
            "/workbench/subjects/find?q=某某",
            f"/workbench/subjects/{subject}",
            f"/workbench/cases/{city['case']}",
            f"/workbench/entries/{entry}",
            f"/workbench/repairs/{city['repair']}",
            "/dashboard",
        ],
        "kexin": ["/portal", f"/portal/entries/{entry}", f"/portal/entries/{city['repairable']}"],
        "zhao.shen": [
            "/audit",
            f"/audit/subjects/{subject}",
            f"/audit/subjects/{subject}?day=2026-01-01&at=08:30",
            f"/audit/subjects/{subject}?day=2026-01-01&basis=recorded",
            "/audit/integrity",
            "/dashboard",
        ],
        "admin": [
            "/dashboard",
            "/dashboard?year=2026&quarter=2",
            "/audit",
            "/admin/accounts",
            "/admin/accounts/li.ming",
        ],
    }


def test_every_page_renders_for_its_role_in_chinese_and_english(
    client: TestClient, city: dict[str, Any]
) -> None:
    for who, paths in pages_of(city).items():
        client.cookies.clear()
        if who != "anonymous":
            sign_in(client, who)
        for path in paths:
            page = client.get(path)
            assert page.status_code == 200, (who, path, page.text[-500:])
            assert page.headers["content-type"].startswith("text/html")
            assert 'lang="zh-CN"' in page.text
            english = client.get(path, params={"lang": "en"})
            assert english.status_code == 200 and 'lang="en"' in english.text
            client.get("/", params={"lang": "zh"})


def test_the_public_site_masks_nothing_of_a_company_and_marks_the_objection(
    client: TestClient, city: dict[str, Any]
) -> None:
    found = client.get("/", params={"q": "某某科技"})
    assert COMPANY in found.text and COMPANY_USCC in found.text
    assert "异议处理中" in found.text
    by_identifier = client.get("/", params={"q": COMPANY_USCC})
    assert by_identifier.text.count('class="record"') == 2
    empty = client.get("/", params={"q": "没有这家公司"})
    assert "没有找到符合条件的公示信息" in empty.text


@pytest.mark.parametrize(
    "path", ["/workbench", "/portal", "/audit", "/dashboard", "/workbench/subjects/new"]
)
def test_a_protected_page_sends_the_anonymous_to_sign_in(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/signin?next={path}"


def test_signing_in_returns_to_the_page_asked_for_and_a_wrong_role_is_refused(
    client: TestClient, city: dict[str, Any]
) -> None:
    client.get("/signin")
    back = client.post(
        "/signin",
        data={
            "username": "kexin",
            "password": PASSWORDS["kexin"],
            "next": "/portal",
            "csrf_token": client.cookies.get("cx_csrf"),
        },
        follow_redirects=False,
    )
    assert (back.status_code, back.headers["location"]) == (303, "/portal")
    session = back.headers["set-cookie"]
    assert "cx_session=" in session and "HttpOnly" in session and "SameSite=lax" in session
    refused = client.get("/workbench")
    assert refused.status_code == 403 and "没有访问此页面的权限" in refused.text


def test_a_wrong_password_is_told_on_the_form(client: TestClient, city: dict[str, Any]) -> None:
    client.get("/signin")
    answer = client.post(
        "/signin",
        data={"username": "li.ming", "password": "wrong", "csrf_token": client.cookies["cx_csrf"]},
    )
    assert answer.status_code == 401 and "用户名或密码错误" in answer.text
    assert "cx_session" not in client.cookies


def test_a_bad_identifier_is_refused_beside_its_field_in_chinese_and_writes_nothing(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    before = system.store.max_position()
    answer = client.post(
        "/workbench/subjects",
        data={
            "kind": "legal_person",
            "identifier": COMPANY_USCC[:-1] + "X",
            "name": "淮安另一家公司",
            "csrf_token": client.cookies["cx_csrf"],
        },
    )
    assert answer.status_code == 422
    error = re.search(r'id="subject-identifier-error">([^<]+)<', answer.text)
    assert error is not None and "证件号码校验不通过" in error.group(1)
    assert 'value="淮安另一家公司"' in answer.text
    assert system.store.max_position() == before


def test_a_rule_refusal_is_shown_above_the_form_and_writes_nothing(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    before = system.store.max_position()
    answer = client.post(
        f"/workbench/cases/{city['case']}/decision",
        data={
            "outcome": "listing",
            "list_type": "blacklist",
            "severity": "general",
            "csrf_token": client.cookies["cx_csrf"],
        },
    )
    assert answer.status_code == 422
    assert "列入黑名单或重点关注名单前，须先送达告知书" in answer.text
    assert system.store.max_position() == before


def test_a_form_without_its_token_is_refused_and_writes_nothing(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "kexin")
    before = system.store.max_position()
    answer = client.post(
        f"/portal/entries/{city['repairable']}/objections", data={"grounds": "伪造的请求"}
    )
    assert answer.status_code == 403 and "页面已过期" in answer.text
    assert system.store.max_position() == before


def test_a_good_form_redirects_with_a_flash_shown_once(
    client: TestClient, system: Chengxin, city: dict[str, Any]
) -> None:
    sign_in(client, "li.ming")
    answer = client.post(
        f"/workbench/cases/{city['case']}/notice",
        data={
            "proposed": "blacklist",
            "served_on": system.clock.today().isoformat(),
            "csrf_token": client.cookies["cx_csrf"],
        },
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (
        303,
        f"/workbench/cases/{city['case']}",
    )
    shown = client.get(answer.headers["location"])
    assert "告知书已送达" in shown.text
    assert "告知书已送达" not in client.get(answer.headers["location"]).text


def filled(path: str, city: dict[str, Any]) -> str:
    ids = {
        "subject_id": city["subject"],
        "case_id": city["case"],
        "entry_id": city["objected"],
        "repair_id": city["repair"],
        "objection_id": UUID(int=7),
        "commitment_id": UUID(int=9),
        "unit": "public_security",
        "year": 2024,
        "quarter": 1,
        "domain": "telecom_fraud",
        "sha256": "0" * 64,
        "username": "kexin",
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def test_no_page_and_no_empty_form_answers_500(client: TestClient, city: dict[str, Any]) -> None:
    routes = [
        r
        for router in PAGES
        for r in router.routes
        if isinstance(r, APIRoute) and r.path not in {"/signin", "/signout"}
    ]
    for who in ("li.ming", "kexin", "zhao.shen", "admin"):
        sign_in(client, who)
        for route in routes:
            path = filled(route.path, city)
            for method in route.methods:
                if method == "GET":
                    answers = [client.get(path), client.get(path.replace(str(city["case"]), "x"))]
                else:
                    token = {"csrf_token": client.cookies["cx_csrf"]}
                    answers = [client.post(path, data=token, follow_redirects=False)]
                for answer in answers:
                    assert answer.status_code < 500, (who, method, path, answer.text[-300:])
        client.post("/signout", data={"csrf_token": client.cookies["cx_csrf"]})

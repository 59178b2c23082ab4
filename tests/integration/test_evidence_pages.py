"""Evidence files on the pages: the portal's repair form uploads files (its script posts each
with the page's token) and cites them; the workbench repair page lists them with download links
and confirm or reject buttons."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.support import (
    ADMIN,
    COMPANY_USCC,
    TODAY,
    create_user,
    officer,
    page_sign_in,
    register_subject,
)
from tests.support import sign_in as api_sign_in

PDF = b"%PDF-1.4\n%evidence\n"


def setting(client: TestClient) -> dict[str, Any]:
    li = officer(client)
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    admin = api_sign_in(client, *ADMIN)
    owner = create_user(
        client, admin, username="kexin", role="subject", subject_id=company, password="owner-pass-1"
    )
    entry = client.post(
        "/api/v1/entries",
        json={
            "subject_id": company,
            "list_type": "focus",
            "domain": "telecom_fraud",
            "severity": "general",
            "decision_no": "淮公罚〔2026〕9号",
            "decision_date": (TODAY - timedelta(days=200)).isoformat(),
            "legal_basis": "x",
        },
        headers=li,
    )
    assert entry.status_code == 201, entry.text
    return {"li": li, "owner": owner, "entry": entry.json()["id"]}


def page_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_portal_uploads_files_and_the_workbench_checks_them(client: TestClient) -> None:
    world = setting(client)
    entry = world["entry"]
    assert client.get("/static/evidence-upload.js").status_code == 200

    page_sign_in(client, "kexin", "owner-pass-1")
    page = client.get(f"/portal/entries/{entry}")
    assert page.status_code == 200
    assert 'data-upload-url="/portal/files"' in page.text
    assert '<script src="/static/evidence-upload.js" defer></script>' in page.text
    token = page_token(page.text)
    files = {"file": ("完税凭证.pdf", PDF, "application/pdf")}
    unsigned = client.post("/portal/files", files=files)
    assert unsigned.status_code in (400, 403)  # no token from the page: refused
    lying = client.post(
        "/portal/files",
        files={"file": ("x.pdf", b"\x89PNG\r\n\x1a\nxx", "application/pdf")},
        headers={"X-CSRF-Token": token},
    )
    assert lying.status_code == 415
    assert lying.json()["code"] == "unsupported_media_type" and "PDF" in lying.json()["message"]
    kept = client.post("/portal/files", files=files, headers={"X-CSRF-Token": token})
    assert kept.status_code == 201, kept.text
    sha256 = kept.json()["sha256"]
    filed = client.post(
        f"/portal/entries/{entry}/repairs",
        data={"csrf_token": token, "commitment_signed": "on", "evidence_files": sha256},
        follow_redirects=False,
    )
    assert filed.status_code == 303, filed.text
    page = client.get(f"/portal/entries/{entry}")
    assert f"/portal/files/{sha256}" in page.text
    assert client.get(f"/portal/files/{sha256}").content == PDF

    repairs = client.get("/api/v1/repairs", params={"entry_id": entry}, headers=world["li"]).json()[
        "items"
    ]
    repair_id = repairs[0]["id"]
    client.post(
        f"/api/v1/repairs/{repair_id}/acceptance", json={"accepted": True}, headers=world["li"]
    )
    page_sign_in(client, "li.ming", "officer-password")
    page = client.get(f"/workbench/repairs/{repair_id}")
    assert page.status_code == 200
    assert f'href="/workbench/files/{sha256}"' in page.text
    assert 'name="confirmed" value="true"' in page.text and "不予认可" in page.text
    assert client.get(f"/workbench/files/{sha256}").content == PDF
    version = client.get(f"/api/v1/repairs/{repair_id}", headers=world["li"]).json()["version"]
    checked = client.post(
        f"/workbench/repairs/{repair_id}/evidence/{sha256}/confirmation",
        data={
            "csrf_token": page_token(page.text),
            "version": str(version),
            "confirmed": "true",
            "note": "与原件一致",
        },
        follow_redirects=False,
    )
    assert checked.status_code == 303, checked.text
    shown = client.get(f"/api/v1/repairs/{repair_id}", headers=world["li"]).json()
    assert shown["evidence_files"][0]["status"] == "confirmed"
    assert shown["evidence_files"][0]["note"] == "与原件一致"

"""Issue 17 item 7 through HTTP: evidence files (types, sizes, bytes that lie about their type,
who may download), repair applications that cite them, the officer's check of each file before
approval, paper-only applications, channels and the training certificate."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from domain.files import MAX_FILE_BYTES
from infrastructure.bootstrap import Chengxin
from infrastructure.clock import FixedClock
from tests.support import (
    ADMIN,
    COMPANY_2_USCC,
    COMPANY_USCC,
    TODAY,
    create_user,
    officer,
    register_subject,
    sign_in,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def ofd(with_root: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("OFD.xml" if with_root else "Doc_0/Document.xml", "<ofd:OFD/>")
    return buffer.getvalue()


def upload(
    client: TestClient,
    headers: dict[str, str],
    content: bytes,
    media_type: str = "application/pdf",
    name: str = "凭证.pdf",
) -> Any:
    return client.post(
        "/api/v1/files", files={"file": (name, content, media_type)}, headers=headers
    )


@pytest.fixture
def world(client: TestClient) -> dict[str, Any]:
    li = officer(client)  # public_security decides the entries
    other = officer(client, "wang.fang", "taxation")
    company = register_subject(client, li, "legal_person", COMPANY_USCC, "淮安某某科技有限公司")
    rival = register_subject(client, li, "legal_person", COMPANY_2_USCC, "淮安另一家公司")
    admin = sign_in(client, *ADMIN)
    owner = create_user(
        client, admin, username="kexin", role="subject", subject_id=company, password="owner-pass-1"
    )
    stranger = create_user(
        client, admin, username="rival", role="subject", subject_id=rival, password="grand-canal-7"
    )
    auditor = create_user(
        client, admin, username="zhao.shen", role="auditor", password="auditor-pass-1"
    )
    return {
        "li": li,
        "other": other,
        "admin": admin,
        "owner": owner,
        "stranger": stranger,
        "auditor": auditor,
        "company": company,
        "rival": rival,
    }


def record(client: TestClient, li: dict[str, str], subject: str, days_ago: int = 200) -> str:
    answer = client.post(
        "/api/v1/entries",
        json={
            "subject_id": subject,
            "list_type": "focus",
            "domain": "telecom_fraud",
            "severity": "general",
            "decision_no": f"淮公罚〔{days_ago}〕号",
            "decision_date": (TODAY - timedelta(days=days_ago)).isoformat(),
            "legal_basis": "x",
        },
        headers=li,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def repair(client: TestClient, headers: dict[str, str], entry: str, **body: Any) -> Any:
    return client.post(
        "/api/v1/repairs",
        json={"entry_id": entry, "commitment_signed": True, **body},
        headers=headers,
    )


def test_each_type_is_kept_under_its_digest(client: TestClient, world: dict[str, Any]) -> None:
    for content, media_type, name in (
        (PDF, "application/pdf", "a.pdf"),
        (ofd(), "application/ofd", "b.ofd"),
        (JPEG, "image/jpeg", "c.jpg"),
        (PNG, "image/png", "d.png"),
        (ofd(), "application/octet-stream", "发票.OFD"),  # browsers know no type for OFD
    ):
        kept = upload(client, world["owner"], content, media_type, name)
        assert kept.status_code == 201, (name, kept.text)
        sha256 = hashlib.sha256(content).hexdigest()
        assert kept.json() == {
            "sha256": sha256,
            "size": len(content),
            "media_type": media_type if "octet" not in media_type else "application/ofd",
        }
        again = client.get(f"/api/v1/files/{sha256}", headers=world["owner"])
        assert again.status_code == 200 and again.content == content
    assert upload(client, world["li"], PDF).json()["sha256"] == hashlib.sha256(PDF).hexdigest()


def test_a_file_of_another_type_or_whose_bytes_lie_is_refused_and_kept_nowhere(
    client: TestClient, world: dict[str, Any]
) -> None:
    for content, media_type, name in (
        (PNG, "application/pdf", "伪装.pdf"),  # PNG bytes declared as PDF
        (PDF, "image/jpeg", "x.jpg"),
        (ofd(with_root=False), "application/ofd", "x.ofd"),  # a ZIP, but no OFD package
        (b"MZ\x90\x00 not a document", "application/x-msdownload", "x.exe"),
        (b"plain words", "text/plain", "x.txt"),
        (PDF, "application/octet-stream", "x.bin"),  # declares nothing we take
    ):
        refused = upload(client, world["owner"], content, media_type, name)
        assert refused.status_code == 415, (name, refused.text)
        assert refused.json()["code"] == "unsupported_media_type"
        sha256 = hashlib.sha256(content).hexdigest()
        assert client.get(f"/api/v1/files/{sha256}", headers=world["admin"]).status_code == 404
    empty = upload(client, world["owner"], b"")
    assert (empty.status_code, empty.json()["code"]) == (422, "validation_error")
    no_file = client.post("/api/v1/files", data={"other": "x"}, headers=world["owner"])
    assert (no_file.status_code, no_file.json()["code"]) == (422, "validation_error")
    as_json = client.post("/api/v1/files", json={"file": "x"}, headers=world["owner"])
    assert as_json.status_code == 422


def test_the_size_limit_is_twenty_mebibytes(client: TestClient, world: dict[str, Any]) -> None:
    at_limit = PDF + b"0" * (MAX_FILE_BYTES - len(PDF))
    kept = upload(client, world["owner"], at_limit)
    assert (kept.status_code, kept.json()["size"]) == (201, MAX_FILE_BYTES)
    past = at_limit + b"0"
    refused = upload(client, world["owner"], past)
    assert (refused.status_code, refused.json()["code"]) == (413, "file_too_large")
    sha256 = hashlib.sha256(past).hexdigest()
    assert client.get(f"/api/v1/files/{sha256}", headers=world["admin"]).status_code == 404


def test_downloads_per_role(client: TestClient, world: dict[str, Any]) -> None:
    sha256 = upload(client, world["owner"], PDF).json()["sha256"]
    path = f"/api/v1/files/{sha256}"

    def answers() -> dict[str, int]:
        roles = ("owner", "stranger", "li", "other", "auditor", "admin")
        return {role: client.get(path, headers=world[role]).status_code for role in roles}

    before = answers()
    assert before == {
        "owner": 200,
        "stranger": 404,  # as if it did not exist
        "li": 404,  # no record of li's department cites it yet
        "other": 404,
        "auditor": 200,
        "admin": 200,
    }
    assert client.get(path).status_code == 401
    unknown = client.get(f"/api/v1/files/{'0' * 64}", headers=world["li"])
    assert unknown.status_code == 404 and unknown.json() == {
        **client.get(path, headers=world["other"]).json(),
        "detail": unknown.json()["detail"],
        "sha256": "0" * 64,
    }
    entry = record(client, world["li"], world["company"])
    filed = repair(client, world["owner"], entry, evidence_files=[sha256])
    assert filed.status_code == 201, filed.text
    after = answers()
    assert after == {**before, "li": 200}  # the deciding department now; taxation still not
    shown = client.get(path, headers=world["li"])
    assert shown.headers["content-type"] == "application/pdf"
    assert "attachment" in shown.headers["content-disposition"]


def test_an_application_cites_files_and_approval_waits_for_each_to_be_checked(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry = record(client, li, world["company"])
    mine = upload(client, owner, PDF).json()
    photo = upload(client, owner, PNG, "image/png", "现场照片.png").json()
    theirs = upload(client, world["stranger"], JPEG, "image/jpeg", "x.jpg").json()["sha256"]
    before = system.store.max_position()
    for cited in ([theirs], ["f" * 64], ["not-a-digest"]):
        refused = repair(client, owner, entry, evidence_files=cited)
        assert (refused.status_code, refused.json()["code"]) == (422, "validation_error")
        assert refused.json()["errors"][0]["loc"][-1] == "evidence_files"
    nothing = repair(client, owner, entry)  # neither words nor files
    assert nothing.json()["errors"][0]["loc"][-1] == "obligations_evidence"
    assert system.store.max_position() == before

    filed = repair(client, owner, entry, evidence_files=[mine["sha256"], photo["sha256"]])
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert body["channel"] == "online" and body["obligations_evidence"] == []
    assert [
        (f["sha256"], f["size"], f["media_type"], f["status"]) for f in body["evidence_files"]
    ] == [
        (mine["sha256"], mine["size"], "application/pdf", "unchecked"),
        (photo["sha256"], photo["size"], "image/png", "unchecked"),
    ]
    history = client.get(
        f"/api/v1/audit/subjects/{world['company']}/history", headers=world["auditor"]
    ).json()["items"]
    filed_event = next(e for e in history if e["type"].endswith("RepairApplication.Filed"))
    assert filed_event["data"]["evidence_files"] == [
        {"sha256": mine["sha256"], "size": mine["size"], "media_type": "application/pdf"},
        {"sha256": photo["sha256"], "size": photo["size"], "media_type": "image/png"},
    ]

    repair_id = body["id"]
    accepted = client.post(
        f"/api/v1/repairs/{repair_id}/acceptance", json={"accepted": True}, headers=li
    )
    assert accepted.status_code == 200, accepted.text
    check = f"/api/v1/repairs/{repair_id}/evidence/{{}}/confirmation"
    first = client.post(check.format(mine["sha256"]), json={"confirmed": True}, headers=li)
    assert first.status_code == 200, first.text
    before = system.store.max_position()
    early = client.post(
        f"/api/v1/repairs/{repair_id}/decision",
        json={"approved": True, "reason": "整改到位"},
        headers=li,
    )
    assert (early.status_code, early.json()["code"]) == (422, "evidence_unconfirmed")
    assert early.json()["unconfirmed"] == [photo["sha256"]]
    assert (
        client.post(
            check.format(photo["sha256"]), json={"confirmed": True}, headers=world["other"]
        ).status_code
        == 403
    )
    assert (
        client.post(check.format(theirs), json={"confirmed": True}, headers=li).status_code == 404
    )
    assert (
        client.post(
            check.format(photo["sha256"]), json={"confirmed": True}, headers=owner
        ).status_code
        == 403
    )
    assert system.store.max_position() == before

    rejected = client.post(
        check.format(photo["sha256"]), json={"confirmed": False, "note": "照片无法辨认"}, headers=li
    )
    assert rejected.status_code == 200, rejected.text
    files = {f["sha256"]: f for f in rejected.json()["evidence_files"]}
    assert files[photo["sha256"]]["status"] == "rejected"
    assert files[photo["sha256"]]["checked_by"] == "li.ming"
    approved = client.post(
        f"/api/v1/repairs/{repair_id}/decision",
        json={"approved": True, "reason": "整改到位"},
        headers=li,
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["materials_checked_by"] is None  # nothing described: files only
    assert client.get(f"/api/v1/entries/{entry}", headers=li).json()["status"] == "repaired"


def test_a_paper_application_at_the_window_records_who_checked_it(
    client: TestClient, world: dict[str, Any]
) -> None:
    li, owner = world["li"], world["owner"]
    entry = record(client, li, world["company"])
    wrong = repair(client, owner, entry, obligations_evidence=["x"], channel="window")
    assert (wrong.status_code, wrong.json()["errors"][0]["loc"][-1]) == (422, "channel")
    unreferred = repair(client, li, entry, obligations_evidence=["x"], channel="credit_china")
    assert (unreferred.status_code, unreferred.json()["errors"][0]["loc"][-1]) == (
        422,
        "channel_ref",
    )
    filed = repair(
        client,
        li,
        entry,
        obligations_evidence=["完税证明原件（窗口收取）"],
        channel="credit_china",
        channel_ref="XYZG-2026-000123",
    )
    assert filed.status_code == 201, filed.text
    assert (filed.json()["channel"], filed.json()["channel_ref"]) == (
        "credit_china",
        "XYZG-2026-000123",
    )
    repair_id = filed.json()["id"]
    client.post(f"/api/v1/repairs/{repair_id}/acceptance", json={"accepted": True}, headers=li)
    approved = client.post(
        f"/api/v1/repairs/{repair_id}/decision",
        json={"approved": True, "reason": "材料属实"},
        headers=li,
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["materials_checked_by"] == "li.ming"
    scan = upload(client, li, PDF).json()["sha256"]  # scanned at the window by the officer
    by_other = upload(client, world["other"], JPEG, "image/jpeg", "y.jpg").json()["sha256"]
    second = record(client, li, world["company"], 300)
    refused = repair(client, li, second, evidence_files=[by_other])
    assert (refused.status_code, refused.json()["code"]) == (422, "validation_error")
    at_window = repair(client, li, second, evidence_files=[scan])
    assert at_window.status_code == 201, at_window.text
    assert at_window.json()["channel"] == "window"  # an officer's default
    assert at_window.json()["evidence_files"][0]["sha256"] == scan
    # the subject sees the scan in its own application; the other officer's file stays unseen
    assert client.get(f"/api/v1/files/{scan}", headers=owner).status_code == 200
    assert client.get(f"/api/v1/files/{by_other}", headers=owner).status_code == 404
    assert client.get(f"/api/v1/files/{scan}", headers=world["stranger"]).status_code == 404


def test_a_serious_entry_under_the_2019_regime_needs_the_training_certificate(
    client: TestClient, system: Chengxin, world: dict[str, Any]
) -> None:
    clock = FixedClock(date(2021, 6, 1))
    system.entries.clock = clock
    system.repairs.clock = clock

    def penalty(severity: str, number: str, decided: str) -> str:
        answer = client.post(
            "/api/v1/entries",
            json={
                "subject_id": world["company"],
                "list_type": "penalty",
                "domain": "telecom_fraud",
                "severity": severity,
                "decision_no": number,
                "decision_date": decided,
                "legal_basis": "x",
            },
            headers=world["li"],
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["regime"] == "ndrc_2019_527"
        return str(answer.json()["id"])

    serious, general = (
        penalty("serious", "淮公罚〔2020〕1号", "2020-03-02"),
        penalty("general", "淮公罚〔2020〕2号", "2020-10-09"),
    )
    before = system.store.max_position()
    refused = repair(client, world["owner"], serious, obligations_evidence=["罚款缴纳凭证"])
    assert (refused.status_code, refused.json()["code"]) == (422, "training_required")
    assert system.store.max_position() == before
    trained = repair(
        client,
        world["owner"],
        serious,
        obligations_evidence=["罚款缴纳凭证"],
        training_certificate_no="XYPX-2021-05-0042",
    )
    assert trained.status_code == 201, trained.text
    assert trained.json()["training_certificate_no"] == "XYPX-2021-05-0042"
    plain = repair(client, world["owner"], general, obligations_evidence=["罚款缴纳凭证"])
    assert plain.status_code == 201, plain.text

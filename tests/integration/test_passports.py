"""Issue 16: a foreigner known by a passport number and nationality is registered, imported,
credit-checked and replayed by the auditors' disclosure like anyone else, on both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support import ADMIN, officer, sign_in

PASSPORT = "E12345678"
HEADER = "kind,identifier,name,list_type,domain,severity,decision_no,decision_date,legal_basis"


def test_a_passport_holder_is_imported_checked_and_disclosed(client: TestClient) -> None:
    li = officer(client)
    rows = "\n".join(
        [
            f"{HEADER},nationality",
            f"natural_person,{PASSPORT},John Smith,blacklist,telecom_fraud,serious,"
            "淮公罚〔2026〕41号,2026-01-05,《反电信网络诈骗法》第三十八条,USA",
            f"natural_person,{PASSPORT},Jean Dupont,blacklist,telecom_fraud,serious,"
            "淮公罚〔2026〕42号,2026-01-06,《反电信网络诈骗法》第三十八条,FRA",
        ]
    )
    upload = {"file": ("rows.csv", rows.encode(), "text/csv")}
    report = client.post("/api/v1/imports", files=upload, headers=li)
    assert report.status_code == 200, report.text
    assert (report.json()["accepted"], report.json()["rejected"]) == (2, [])
    found = client.get(
        "/api/v1/subjects", params={"identifier": PASSPORT, "nationality": "USA"}, headers=li
    ).json()["items"]
    assert [(s["name"], s["scheme"], s["nationality"]) for s in found] == [
        ("John Smith", "passport", "USA")
    ]
    check = client.get(
        "/api/v1/credit-check", params={"identifier": PASSPORT, "nationality": "USA"}, headers=li
    )
    assert check.status_code == 200, check.text
    assert check.json()["subject"]["name"] == "John Smith"
    assert [e["list_type"] for e in check.json()["entries"]] == ["blacklist"]
    french = client.get(
        "/api/v1/credit-check", params={"identifier": PASSPORT, "nationality": "FRA"}, headers=li
    ).json()
    assert french["subject"]["name"] == "Jean Dupont"
    admin = sign_in(client, *ADMIN)
    shown = client.get(
        "/api/v1/audit/disclosure",
        params={"identifier": PASSPORT, "nationality": "USA"},
        headers=admin,
    )
    assert shown.status_code == 200, shown.text
    assert [item["decision_no"] for item in shown.json()["items"]] == ["淮公罚〔2026〕41号"]
    subject_id = found[0]["id"]
    page_client = client
    page_client.get("/signin")
    signed = page_client.post(
        "/signin",
        data={
            "username": ADMIN[0],
            "password": ADMIN[1],
            "csrf_token": page_client.cookies.get("cx_csrf"),
        },
        follow_redirects=False,
    )
    assert signed.status_code == 303
    audit_page = page_client.get(f"/audit/subjects/{subject_id}")
    assert audit_page.status_code == 200 and "John Smith" in audit_page.text

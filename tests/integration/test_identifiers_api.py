"""Issue 16, identifiers through HTTP on both backends: the people and organisations a credit
office meets are registered; each wrong identifier is refused naming the part that is wrong."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support import officer, valid_resident_id, valid_uscc


def register(client: TestClient, li: dict[str, str], **body: Any) -> Any:
    body.setdefault("kind", "natural_person")
    body.setdefault("name", "张三")
    return client.post("/api/v1/subjects", json=body, headers=li)


@pytest.mark.parametrize(
    ("area", "born"),
    [
        ("320826", "19600101"),
        ("320830", "19750615"),
        ("320802", "19820304"),
        ("320811", "19821130"),
        ("320826", "19820101"),
        ("320830", "19600505"),
        ("320802", "19750707"),
        ("320811", "19600229"),
        ("320812", "19990909"),
    ],
)
def test_residents_of_every_period_are_registered_with_their_birth_date(
    client: TestClient, area: str, born: str
) -> None:
    li = officer(client)
    identifier = valid_resident_id(area, born, "031")
    answer = register(client, li, identifier=identifier)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["identifier"], body["scheme"]) == (identifier, "resident_id")
    assert body["birth_date"] == f"{born[:4]}-{born[4:6]}-{born[6:]}"


def test_a_15_digit_id_registers_and_its_18_digit_form_finds_the_same_subject(
    client: TestClient,
) -> None:
    li = officer(client)
    answer = register(client, li, identifier="320826600101031")
    assert answer.status_code == 201, answer.text
    long_form = valid_resident_id("320826", "19600101", "031")
    assert (answer.json()["identifier"], answer.json()["birth_date"]) == (long_form, "1960-01-01")
    found = client.get("/api/v1/subjects", params={"identifier": long_form}, headers=li)
    assert [s["id"] for s in found.json()["items"]] == [answer.json()["id"]]
    short = client.get("/api/v1/subjects", params={"identifier": "320826600101031"}, headers=li)
    assert [s["id"] for s in short.json()["items"]] == [answer.json()["id"]]
    again = register(client, li, identifier=long_form)
    assert (again.status_code, again.json()["code"]) == (409, "duplicate_subject")
    assert again.json()["subject_id"] == answer.json()["id"]


def test_a_residence_permit_a_permanent_card_and_a_passport_are_registered(
    client: TestClient,
) -> None:
    li = officer(client)
    permit = register(client, li, identifier=valid_resident_id("810000", "19880808", "012"))
    assert (permit.status_code, permit.json()["scheme"]) == (201, "residence_permit")
    card = register(client, li, identifier=valid_resident_id("932840", "19850601", "002"))
    assert (card.status_code, card.json()["scheme"]) == (201, "permanent_residence")
    assert card.json()["birth_date"] == "1985-06-01"
    passport = register(
        client, li, identifier="C01X00T47", scheme="passport", nationality="DEU", name="Anna"
    )
    assert passport.status_code == 201, passport.text
    assert (passport.json()["scheme"], passport.json()["nationality"]) == ("passport", "DEU")
    found = client.get(
        "/api/v1/subjects", params={"identifier": "C01X00T47", "nationality": "DEU"}, headers=li
    )
    assert [s["id"] for s in found.json()["items"]] == [passport.json()["id"]]
    no_country = register(client, li, identifier="C01X00T48", scheme="passport")
    assert (no_country.status_code, no_country.json()["reason"]) == (422, "region")
    stray = register(client, li, identifier="C01X00T49", nationality="DEU")
    assert (stray.status_code, stray.json()["code"]) == (422, "validation_error")


@pytest.mark.parametrize("head", ["N2", "Y1", "A1", "12", "52"])
def test_usccs_of_other_registration_authorities_are_registered(
    client: TestClient, head: str
) -> None:
    li = officer(client)
    code = valid_uscc(f"{head}320800MA1MXXXX0")
    answer = register(client, li, kind="unincorporated_org", identifier=code, name="某村委会")
    assert answer.status_code == 201, answer.text
    assert (answer.json()["scheme"], answer.json()["birth_date"]) == ("uscc", None)


def test_each_wrong_identifier_is_refused_naming_the_reason_and_writes_nothing(
    client: TestClient,
) -> None:
    li = officer(client)
    good = valid_resident_id("320802", "19820304", "031")
    wrong_check = good[:-1] + ("1" if good[-1] != "1" else "2")
    cases = [
        ("natural_person", wrong_check, "check"),
        ("natural_person", "320802" + "19820230" + "0311", "date"),
        ("natural_person", valid_resident_id("329999", "19820304", "031"), "region"),
        ("natural_person", good[:-2], "length"),
        ("natural_person", good[:8] + "AB" + good[10:], "characters"),
        ("legal_person", valid_uscc("91329999MA1MXXXX0"), "region"),
        ("legal_person", valid_uscc("B1320800MA1MXXXX0"), "characters"),
    ]
    for kind, identifier, reason in cases:
        answer = register(client, li, kind=kind, identifier=identifier)
        assert answer.status_code == 422, (identifier, answer.text)
        body = answer.json()
        assert (body["code"], body["reason"]) == ("invalid_identifier", reason), identifier
        assert answer.headers["content-type"].startswith("application/problem+json")
    found = client.get("/api/v1/subjects", params={"identifier": wrong_check}, headers=li)
    assert found.json()["items"] == []


def test_the_contract_documents_scheme_and_nationality(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"scheme", "nationality"} <= set(schema["NewSubject"]["properties"])
    assert "scheme" in schema["SubjectOut"]["properties"]

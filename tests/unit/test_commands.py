"""Request bodies build the application's commands; guards refuse or let through."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from application.accounts import Principal
from application.cases import DecideCase
from application.permissions import (
    require_deciding_department,
    require_may_read,
    require_owner_or_staff,
)
from domain.accounts import Role
from domain.errors import Forbidden, NotFound, ValidationFailed
from domain.reference import ListType, Severity
from infrastructure.reference_data.loader import load_reference_data
from interfaces.api.schemas.cases import NewDecision
from interfaces.api.schemas.entries import NewEntryBody
from interfaces.api.schemas.objections import Resolution

OFFICER = Principal("li.ming", Role.OFFICER, "market")
ADMIN = Principal("admin", Role.ADMIN)
COMPANY_ID = uuid4()
COMPANY = Principal("huaian.tech", Role.SUBJECT, subject_id=COMPANY_ID)
AUDITOR = Principal("zhou.jian", Role.AUDITOR)
REFERENCE = load_reference_data()
ENTRY = {
    "subject_id": str(COMPANY_ID),
    "list_type": "penalty",
    "domain": "food_safety",
    "severity": "general",
    "decision_no": "淮市监罚〔2024〕12号",
    "decision_date": "2024-03-01",
    "legal_basis": "《食品安全法》第一百二十四条",
}


def test_a_listing_decision_without_severity_names_the_missing_field() -> None:
    command = NewDecision(outcome="listing", list_type="blacklist").command(uuid4(), None)
    with pytest.raises(ValidationFailed) as refused:
        command.listing(date(2024, 3, 1))
    assert refused.value.context["field"] == "severity"


def test_a_listing_without_a_number_takes_one_from_the_case() -> None:
    case_id = uuid4()
    command = DecideCase(case_id, False, list_type=ListType.FOCUS, severity=Severity.MINOR)
    listing = command.listing(date(2024, 3, 1))
    assert listing.decision_no == f"CX-{str(case_id)[:8].upper()}"
    assert listing.legal_basis == ""


def test_a_dismissal_carries_the_expected_version() -> None:
    command = NewDecision(outcome="dismissed").command(uuid4(), 4)
    assert command.dismissed and command.expected_version == 4


def test_an_officer_records_for_their_own_department_unless_naming_one() -> None:
    """The named department goes on to the entry service, which keeps it only when the
    officer's unit succeeded it (tests/integration/test_counties.py)."""
    body = NewEntryBody.model_validate({**ENTRY, "department": "tax"})
    assert body.command(OFFICER).department == "tax"
    assert NewEntryBody.model_validate(ENTRY).command(OFFICER).department == "market"


def test_an_admin_names_the_department() -> None:
    assert (
        NewEntryBody.model_validate({**ENTRY, "department": "tax"}).command(ADMIN).department
        == "tax"
    )
    with pytest.raises(ValidationFailed):
        NewEntryBody.model_validate(ENTRY).command(ADMIN)


def test_an_upheld_resolution_says_so() -> None:
    objection_id = uuid4()
    body = Resolution(outcome="upheld", reason="地址有误", revoke=True)
    command = body.command(uuid4(), objection_id, None)
    assert command.upheld and command.revoke and command.objection_id == objection_id


def test_a_subject_reads_only_its_own_records_and_anothers_is_missing_to_it() -> None:
    record_id = uuid4()
    require_may_read(COMPANY, COMPANY_ID, "entry", record_id)
    require_may_read(AUDITOR, COMPANY_ID, "entry", record_id)
    with pytest.raises(NotFound):
        require_may_read(COMPANY, uuid4(), "entry", record_id)


def test_only_the_deciding_department_or_an_admin_passes() -> None:
    require_deciding_department(OFFICER, "market", REFERENCE)
    require_deciding_department(ADMIN, "market", REFERENCE)
    for someone in (Principal("wang.fang", Role.OFFICER, "tax"), AUDITOR, COMPANY):
        with pytest.raises(Forbidden):
            require_deciding_department(someone, "market", REFERENCE)


def test_a_successor_acts_for_its_predecessors_and_only_for_them() -> None:
    """市场监管局 took over 工商、食药监、物价 in 2019; 清江浦区 took over 清河区 and 清浦区."""
    city = Principal("sun.li", Role.OFFICER, "market_regulation")
    county = Principal("qian.bo", Role.OFFICER, "market_regulation@320812")
    for department in ("industry_commerce", "food_drug", "price_bureau", "market_regulation"):
        require_deciding_department(city, department, REFERENCE)
    for department in ("industry_commerce@320802", "industry_commerce@320812"):
        require_deciding_department(county, department, REFERENCE)
    refused = [
        (city, "environmental_protection"),
        (city, "industry_commerce@320812"),  # a county's records are the county's
        (county, "industry_commerce"),
        (Principal("old.hand", Role.OFFICER, "industry_commerce"), "market_regulation"),
    ]
    for someone, department in refused:
        with pytest.raises(Forbidden):
            require_deciding_department(someone, department, REFERENCE)


def test_auditors_change_nothing() -> None:
    require_owner_or_staff(OFFICER, COMPANY_ID, "entry", COMPANY_ID)
    with pytest.raises(Forbidden):
        require_owner_or_staff(AUDITOR, COMPANY_ID, "entry", COMPANY_ID)

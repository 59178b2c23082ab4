"""Moments, what an aggregate had recorded by one, and events as plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from application.timeline import (
    Basis,
    city_day,
    decided_by,
    event_data,
    json_safe,
    parse_moment,
    reconstruct,
    recorded_by,
    took_effect_on,
)
from domain.errors import ValidationFailed
from domain.subject import Subject, SubjectKind

NOW = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)  # noon in Huai'an
COMPANY_USCC = "91110000600037341L"


def test_a_date_means_the_end_of_that_day_in_the_city() -> None:
    moment = parse_moment("2026-03-08", NOW)
    assert moment == datetime(2026, 3, 8, 15, 59, 59, 999999, tzinfo=UTC)
    assert city_day(moment) == date(2026, 3, 8)
    assert city_day(moment + timedelta(microseconds=1)) == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-08T10:00:00+08:00", datetime(2026, 3, 8, 2, tzinfo=UTC)),
        ("2026-03-08T02:00:00Z", datetime(2026, 3, 8, 2, tzinfo=UTC)),
        ("2026-03-08t02:00:00.250z", datetime(2026, 3, 8, 2, 0, 0, 250000, tzinfo=UTC)),
        ("2026-03-08 02:00:00-00:00", datetime(2026, 3, 8, 2, tzinfo=UTC)),
        ("2026-03-08T10:00:00 08:00", datetime(2026, 3, 8, 2, tzinfo=UTC)),  # + unencoded
    ],
)
def test_an_rfc3339_timestamp_is_that_instant(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW) == expected


@pytest.mark.parametrize(
    "text",
    ["", "yesterday", "2026-03-08T10:00:00", "2026-02-30", "2026-13-01T00:00:00Z", "8/3/2026"],
)
def test_anything_else_is_refused_naming_as_of(text: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_moment(text, NOW)
    assert refused.value.context["field"] == "as_of"


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31",
        "9999-12-31T23:59:59-01:00",
        "0001-01-01",
        "0001-01-01T00:00:00+01:00",
        "1899-12-31T23:59:59Z",
    ],
)
def test_a_moment_outside_1900_to_9998_is_refused_naming_as_of(text: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_moment(text, NOW)
    assert refused.value.context["field"] == "as_of"


def test_the_edges_of_the_range_are_moments() -> None:
    assert parse_moment("1900-01-01T00:00:00+08:00", NOW) == datetime(1899, 12, 31, 16, tzinfo=UTC)
    assert parse_moment("9998-12-31", NOW) == NOW


def test_the_future_means_now() -> None:
    assert parse_moment("2099-01-01", NOW) == NOW
    assert parse_moment("2099-01-01T00:00:00Z", NOW) == NOW


def renamed_company() -> list[object]:
    company = Subject.register(SubjectKind.LEGAL_PERSON, COMPANY_USCC, "淮安某某科技有限公司")
    company.rename("淮安某某信息科技有限公司")
    company.rename("淮安某某集团有限公司")
    return [  # an hour apart, so that no two share a timestamp
        replace(event, timestamp=NOW + timedelta(hours=i))
        for i, event in enumerate(company.collect_events())
    ]


def test_an_aggregate_as_of_a_moment_has_the_versions_recorded_by_then() -> None:
    events = renamed_company()
    second = events[1].timestamp  # type: ignore[attr-defined]
    then = recorded_by(events, second)  # type: ignore[type-var]
    assert len(then) == 2
    company = reconstruct(then)
    assert (company.name, company.version) == ("淮安某某信息科技有限公司", 2)
    before = events[0].timestamp - timedelta(seconds=1)  # type: ignore[attr-defined]
    assert recorded_by(events, before) == []  # type: ignore[type-var]
    assert reconstruct([]) is None


def test_event_data_is_the_events_own_fields_as_json() -> None:
    registered = renamed_company()[0]
    assert event_data(registered) == {
        "kind": "legal_person",
        "identifier": COMPANY_USCC,
        "name": "淮安某某科技有限公司",
        "birth_date": None,
        "nationality": None,
    }


def test_json_safe_turns_values_into_plain_json() -> None:
    value = {"on": date(2026, 1, 2), "at": datetime(2026, 1, 2, 8, tzinfo=UTC), "kinds": (1, 2)}
    assert json_safe(value) == {
        "on": "2026-01-02",
        "at": "2026-01-02T08:00:00+00:00",
        "kinds": [1, 2],
    }


def test_decided_by_cuts_a_stream_at_the_first_fact_that_took_effect_later() -> None:
    registered = SimpleNamespace()  # no date of its own: counts from the beginning
    listed = SimpleNamespace(decision_date=date(2020, 5, 11), recorded_on=date(2026, 11, 1))
    published = SimpleNamespace(published_on=date(2020, 5, 11))
    corrected = SimpleNamespace(changes={})  # takes effect with the fact before it
    repaired = SimpleNamespace(repaired_on=date(2021, 3, 2))
    stream = [registered, listed, published, corrected, repaired]
    assert decided_by(stream, date(2019, 1, 1)) == [registered]
    assert decided_by(stream, date(2020, 8, 1)) == stream[:4]
    assert decided_by(stream, date(2021, 3, 2)) == stream
    assert took_effect_on(listed) == date(2020, 5, 11)
    assert took_effect_on(corrected) is None
    assert [b.value for b in Basis] == ["decided", "recorded"]

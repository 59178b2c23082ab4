"""Masked means unrecoverable: at least 10^9 resident ids fit what the public site shows of one.

A resident id is 6 digits of county, 8 of birth date, 3 of sequence and a check character. The
check character follows from the other 17, so it adds no candidates; the hidden county digits
range over the county codes valid in the birth year (python-stdnum's table, the one `validate`
checks against); the birth date over the days on which a listed adult (18 on the decision, and
conservatively at most 80) was born; the sequence over all 1,000 values. So the candidates of a
mask are  sum over birth days d of  |counties with the shown head valid in d's year| × 1,000.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from stdnum import numdb

from application.lookup_keys import LookupKeys
from domain.disclosure import PROVINCE, SHOWN_PROVINCES, mask_identifier
from domain.subject import SubjectKind

ENOUGH = 10**9
SEQUENCES = 1000
DECIDED = date(2026, 11, 29)
YOUNGEST, OLDEST = 18, 80
ZHANG_SAN_ID = "11010519491231002X"
HUAIAN_ID = "320802199001011237"

Span = tuple[int, int]


@cache
def counties() -> dict[str, list[list[Span]]]:
    """Every county code by province: the years each was in use."""
    found: dict[str, list[list[Span]]] = {}
    for length, low, high, _, children in numdb.get("cn/loc").prefixes:
        assert (length, low) == (PROVINCE, high)
        for _, first, last, props, _ in children:
            if "county" in props:
                found.setdefault(low, []).extend(
                    [spans(props["county"])] * (int(last) - int(first) + 1)
                )
    return found


def spans(names: str) -> list[Span]:
    """'[1983-2013]白下区,[2013-]秦淮区' → [(1983, 2013), (2013, 9999)]."""
    result = []
    for name in names.split(","):
        if not name.startswith("["):
            result.append((0, 9999))
            continue
        start, end = name[1:].split("]")[0].split("-")
        result.append((int(start or 0), int(end or 9999)))
    return result


def birth_days_per_year() -> dict[int, int]:
    first = DECIDED.replace(year=DECIDED.year - OLDEST - 1) + timedelta(days=1)
    last = DECIDED.replace(year=DECIDED.year - YOUNGEST)
    days: dict[int, int] = {}
    day = first
    while day <= last:
        days[day.year] = days.get(day.year, 0) + 1
        day += timedelta(days=1)
    return days


def candidates(provinces: set[str]) -> int:
    total = 0
    for year, days in birth_days_per_year().items():
        codes = sum(
            1
            for province in provinces
            for years in counties().get(province, [])
            if any(start <= year <= end for start, end in years)
        )
        total += days * codes * SEQUENCES
    return total


def test_every_province_shown_leaves_at_least_a_billion_candidates() -> None:
    for province in SHOWN_PROVINCES:
        assert candidates({province}) >= ENOUGH, province


def test_the_provinces_not_shown_leave_at_least_a_billion_candidates_together() -> None:
    hidden = set(counties()) - SHOWN_PROVINCES
    assert {"11", "31", "81", "82"} <= hidden  # Beijing, Shanghai, Hong Kong, Macao
    assert candidates(hidden) >= ENOUGH
    assert candidates({"11"}) < ENOUGH  # why Beijing shows nothing


def test_the_mask_shows_the_province_or_nothing() -> None:
    assert mask_identifier(HUAIAN_ID) == "32" + "*" * 16
    assert mask_identifier(ZHANG_SAN_ID) == "*" * 18
    assert mask_identifier("810000199001011234") == "*" * 18


def test_lookup_hashes_are_keyed_and_normalised() -> None:
    keys, other = LookupKeys(b"one key", b"ids key"), LookupKeys(b"another key", b"ids key")
    assert keys.of_identifier(" 320802199001011237 ") == keys.of_identifier(HUAIAN_ID)
    assert keys.of_identifier(HUAIAN_ID) != other.of_identifier(HUAIAN_ID)
    assert keys.fingerprint != other.fingerprint
    assert HUAIAN_ID not in keys.of_identifier(HUAIAN_ID)


def test_a_natural_person_is_found_by_identifier_and_name_together() -> None:
    keys = LookupKeys(b"one key", b"ids key")
    stored = keys.of_subject(SubjectKind.NATURAL_PERSON, HUAIAN_ID, "王 小明")
    assert stored not in keys.wanted(HUAIAN_ID, None)
    assert stored in keys.wanted(HUAIAN_ID, "王小明")
    assert stored not in keys.wanted(HUAIAN_ID, "王小")
    company = keys.of_subject(SubjectKind.LEGAL_PERSON, "91110000600037341L", "清河建材")
    assert company in keys.wanted("91110000600037341L", None)
    assert company in keys.wanted("91110000600037341L", "任何名称")

"""Every identifier kind: real shapes accepted, each refusal naming its reason, and property tests
that generate valid identifiers of each kind and single-character corruptions of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from domain.errors import InvalidIdentifier, ValidationFailed
from domain.identifiers import Scheme, check_character, upgraded
from domain.subject import (
    Subject,
    SubjectKind,
    check_identifier,
    identify,
    subject_id_for,
)
from domain.uscc import ALPHABET, CATEGORIES

TODAY = date(2026, 11, 29)
PERSON = SubjectKind.NATURAL_PERSON
COMPANY = SubjectKind.LEGAL_PERSON
# Huai'an's county codes of every period (1983 on; 320802 and 320811 ended in 2016, 320812 and
# 320813 began then) and a few elsewhere
COUNTIES = ["320826", "320830", "320802", "320811", "320812", "320813", "320803", "110105"]


def resident(area: str, born: date, sequence: int = 123) -> str:
    stem = f"{area}{born:%Y%m%d}{sequence:03d}"
    return stem + check_character(stem)


def refusal(kind: SubjectKind, identifier: str, **options: object) -> str:
    with pytest.raises(InvalidIdentifier) as refused:
        check_identifier(kind, identifier, TODAY, **options)  # type: ignore[arg-type]
    assert refused.value.code == "invalid_identifier"
    return str(refused.value.context["reason"])


@pytest.mark.parametrize("area", COUNTIES)
@pytest.mark.parametrize("year", [1960, 1975, 1982, 1999, 2010])
def test_a_county_code_of_any_period_is_accepted_whatever_the_birth_year(
    area: str, year: int
) -> None:
    checked = check_identifier(PERSON, resident(area, date(year, 3, 4)), TODAY)
    assert (checked.scheme, checked.birth_date) == (Scheme.RESIDENT_ID, date(year, 3, 4))


def test_a_first_generation_id_is_stored_in_its_18_digit_form() -> None:
    checked = check_identifier(PERSON, "320802820304123", TODAY)
    assert checked.compact == resident("320802", date(1982, 3, 4))
    assert checked.birth_date == date(1982, 3, 4)
    assert subject_id_for("320802820304123") == subject_id_for(checked.compact)
    assert upgraded("320802820304123") == checked.compact


def test_the_refusals_of_a_resident_id_name_the_wrong_part() -> None:
    good = resident("320802", date(1982, 3, 4))
    wrong_check = good[:-1] + ("1" if good[-1] != "1" else "2")
    assert refusal(PERSON, wrong_check) == "check"
    assert refusal(PERSON, "320802" + "19820231" + "1231") == "date"  # no 31 February
    assert refusal(PERSON, resident("329999", date(1982, 3, 4))) == "region"
    assert refusal(PERSON, good[:-2]) == "length"
    assert refusal(PERSON, good[:5] + "A" + good[6:]) == "characters"
    future = resident("320802", TODAY + timedelta(days=1))
    assert refusal(PERSON, future) == "date"
    assert refusal(PERSON, "320802821304123") == "date"  # a 13th month, 15-digit form


def test_residence_permits_of_hong_kong_macau_and_taiwan() -> None:
    for area in ("810000", "820000", "830000"):
        checked = check_identifier(PERSON, resident(area, date(1990, 1, 1)), TODAY)
        assert checked.scheme is Scheme.RESIDENCE_PERMIT
    assert refusal(PERSON, resident("810001", date(1990, 1, 1))) == "region"


def test_permanent_residence_cards_of_2023_and_2017() -> None:
    card = resident("932840", date(1985, 6, 1))  # 9, Jiangsu, the USA (840)
    checked = check_identifier(PERSON, card, TODAY)
    assert (checked.scheme, checked.birth_date) == (Scheme.PERMANENT_RESIDENCE, date(1985, 6, 1))
    assert refusal(PERSON, resident("932999", date(1985, 6, 1))) == "region"  # no country 999
    assert refusal(PERSON, resident("999840", date(1985, 6, 1))) == "region"  # no province 99
    old = check_identifier(PERSON, "USA320085060101", TODAY)
    assert (old.scheme, old.birth_date) == (Scheme.PERMANENT_RESIDENCE, date(1985, 6, 1))
    assert refusal(PERSON, "XXX320085060101") == "region"
    assert refusal(PERSON, "USA320085136101") == "date"
    assert refusal(PERSON, "US1320085060101") == "characters"


def test_a_passport_goes_with_its_nationality_and_has_no_check() -> None:
    checked = check_identifier(PERSON, "e1234567", TODAY, Scheme.PASSPORT, "deu")
    assert (checked.compact, checked.nationality) == ("E1234567", "DEU")
    same_number = identify(PERSON, "E1234567", TODAY, Scheme.PASSPORT, "FRA")
    assert same_number.subject_id != identify(PERSON, "E1234567", TODAY, Scheme.PASSPORT, "DEU")
    assert refusal(PERSON, "E1234567", scheme=Scheme.PASSPORT) == "region"
    assert refusal(PERSON, "E1234567", scheme=Scheme.PASSPORT, nationality="XYZ") == "region"
    assert refusal(PERSON, "E12", scheme=Scheme.PASSPORT, nationality="DEU") == "length"
    assert refusal(PERSON, "E123_4567", scheme=Scheme.PASSPORT, nationality="DEU") == "characters"
    subject = Subject.register(PERSON, "E1234567", "Anna Schmidt", TODAY, Scheme.PASSPORT, "DEU")
    assert (subject.scheme, subject.nationality) == (Scheme.PASSPORT, "DEU")
    assert subject.id == subject_id_for("E1234567", "DEU")


def uscc(stem: str) -> str:
    return stem + str(stdnum_uscc.calc_check_digit(stem))


@pytest.mark.parametrize("head", ["N2", "Y1", "A1", "12", "52", "91", "92", "93", "31", "71"])
def test_usccs_of_every_registration_authority(head: str) -> None:
    assert check_identifier(COMPANY, uscc(f"{head}320800MA1MXXXX0"), TODAY).scheme is Scheme.USCC


def test_the_refusals_of_a_uscc_name_the_wrong_part() -> None:
    good = uscc("91320800MA1MXXXX0")
    assert refusal(COMPANY, good[:-1] + ("0" if good[-1] != "0" else "1")) == "check"
    assert refusal(COMPANY, uscc("B1320800MA1MXXXX0")) == "characters"  # no authority B
    assert refusal(COMPANY, uscc("94320800MA1MXXXX0")) == "characters"  # no category 4 of 9
    assert refusal(COMPANY, uscc("91329999MA1MXXXX0")) == "region"
    assert refusal(COMPANY, good + "1") == "length"
    assert refusal(COMPANY, good[:10] + "I" + good[11:]) == "characters"
    assert check_identifier(COMPANY, uscc("11100000MB0143028"), TODAY).compact  # the state


def test_a_scheme_that_does_not_fit_the_kind_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        check_identifier(COMPANY, uscc("91320800MA1MXXXX0"), TODAY, Scheme.PASSPORT)
    with pytest.raises(ValidationFailed):
        check_identifier(PERSON, uscc("91320800MA1MXXXX0"), TODAY, Scheme.USCC)


# -- properties --------------------------------------------------------------------------------

births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    return resident(draw(st.sampled_from(COUNTIES)), draw(births), draw(sequences))


@st.composite
def residence_permits(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["810000", "820000", "830000"]))
    return resident(area, draw(births), draw(sequences))


@st.composite
def permanent_cards(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(["11", "31", "32", "44"]))
    country = draw(st.sampled_from(["840", "276", "392", "410", "826"]))
    return resident(f"9{province}{country}", draw(births), draw(sequences))


@st.composite
def usccs(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from(sorted(CATEGORIES)))
    category = draw(st.sampled_from(CATEGORIES[authority]))
    region = draw(st.sampled_from(["320800", "320802", "320812", "110000", "100000"]))
    body = draw(st.text(alphabet=ALPHABET, min_size=9, max_size=9))
    return uscc(f"{authority}{category}{region}{body}")


CHECKED_KINDS = [
    (PERSON, resident_ids(), Scheme.RESIDENT_ID),
    (PERSON, residence_permits(), Scheme.RESIDENCE_PERMIT),
    (PERSON, permanent_cards(), Scheme.PERMANENT_RESIDENCE),
    (COMPANY, usccs(), Scheme.USCC),
]


@pytest.mark.parametrize(("kind", "strategy", "scheme"), CHECKED_KINDS)
def test_every_generated_identifier_is_accepted(
    kind: SubjectKind, strategy: st.SearchStrategy[str], scheme: Scheme
) -> None:
    @given(strategy)
    def accepted(identifier: str) -> None:
        checked = check_identifier(kind, identifier, TODAY)
        assert (checked.scheme, checked.compact) == (scheme, identifier)

    accepted()


@pytest.mark.parametrize(("kind", "strategy", "scheme"), CHECKED_KINDS)
def test_every_single_character_corruption_is_refused_naming_a_reason(
    kind: SubjectKind, strategy: st.SearchStrategy[str], scheme: Scheme
) -> None:
    @given(strategy, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET + "XZ-"))
    def refused(identifier: str, position: int, character: str) -> None:
        if identifier[position] == character:
            return
        corrupt = identifier[:position] + character + identifier[position + 1 :]
        with pytest.raises(InvalidIdentifier) as caught:
            check_identifier(kind, corrupt, TODAY)
        assert caught.value.context["reason"] in {"length", "characters", "date", "region", "check"}

    refused()


@given(resident_ids())
def test_the_15_digit_form_of_a_20th_century_id_is_the_same_subject(identifier: str) -> None:
    if identifier[6:8] != "19":
        return
    first_generation = identifier[:6] + identifier[8:17]
    checked = check_identifier(PERSON, first_generation, TODAY)
    assert checked.compact == identifier
    assert subject_id_for(first_generation) == subject_id_for(identifier)


@given(
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=5, max_size=20),
    st.sampled_from(["USA", "DEU", "JPN", "KOR", "GBR", "FRA"]),
)
def test_every_passport_number_with_a_nationality_is_accepted(number: str, country: str) -> None:
    checked = check_identifier(PERSON, number, TODAY, Scheme.PASSPORT, country)
    assert (checked.compact, checked.nationality) == (number, country)

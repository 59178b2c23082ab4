"""The identifiers a credit office meets, each checked by what its standard says.

Sources of each rule (regulations.md §7 digests them):

- Resident ID, GB 11643-1999: 6-digit county code of the household registration *when the number
  was assigned*, birth date YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character. The
  county code must exist in *some* edition of GB/T 2260 (python-stdnum's code table keeps each
  code's history); the birth year does not constrain it, unlike `stdnum.cn.ric.validate`.
- First-generation ID (15 digits, no check character): stored in its 18-digit form, `19` inserted
  before the year and the check character computed (the conversion of GB 11643-1999).
- Residence permits of Hong Kong, Macau and Taiwan residents (2018): the resident ID's format with
  the codes 810000, 820000, 830000.
- Foreigner's permanent residence ID card: the 2023 form is 18 digits, `9`, a province code, the
  ISO 3166 numeric nationality, the birth date, a sequence and the resident ID's check character;
  the 2017 form is 15 characters, the ISO 3166 alpha-3 nationality, a 4-digit office code whose
  first two digits are a province, the birth date YYMMDD and 2 more digits. The 2017 form's last
  digit is not verified, by format only: the National Immigration Administration's notice on
  adapting systems to the 2023 card (新版外国人永久居留身份证适配性改造要点, 2023) describes the
  2017 number as "3 Latin letters + 12 digits" and names a MOD 11-2 check character only for the
  new 18-digit form ("新版永居证号码最后一位采用 MOD11-2 算法设置为校验码"); no published source
  found gives a check algorithm for the 2017 form, and guessing one would refuse real cards
  ([U] in regulations.md).
- Passports of other foreigners: the number (5-20 letters and digits) with its ISO 3166 alpha-3
  nationality; a passport number has no check character anyone outside the issuer can verify.
- USCC, GB 32100-2015: see `domain/uscc.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

import pycountry
from stdnum import numdb
from stdnum.cn import ric

from domain.errors import InvalidIdentifier

OLDEST_BIRTH_YEAR = 1880
PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})
DIGITS = re.compile(r"^\d+$")
RESIDENT_BODY = re.compile(r"^\d{17}[\dX]$")
PERMANENT_2017 = re.compile(r"^[A-Z]{3}\d{12}$")
PASSPORT = re.compile(r"^[A-Z0-9]+$")
PASSPORT_LENGTHS = range(5, 21)


class Scheme(Enum):
    RESIDENT_ID = "resident_id"
    RESIDENCE_PERMIT = "residence_permit"
    PERMANENT_RESIDENCE = "permanent_residence"
    PASSPORT = "passport"
    USCC = "uscc"


class Reason(Enum):
    """Which part of an identifier is wrong (API §8.1)."""

    LENGTH = "length"
    CHARACTERS = "characters"
    DATE = "date"
    REGION = "region"
    CHECK = "check"


@dataclass(frozen=True, slots=True)
class Checked:
    """An identifier that passed its scheme's rules, in the form it is stored in."""

    scheme: Scheme
    compact: str
    birth_date: date | None = None
    nationality: str | None = None


def refuse(scheme: Scheme, reason: Reason, identifier: str, why: str) -> InvalidIdentifier:
    return InvalidIdentifier(
        f"{identifier!r} is not a valid {scheme.value}: {why}",
        field="identifier",
        scheme=scheme.value,
        reason=reason.value,
    )


def compact_form(identifier: str) -> str:
    return identifier.strip().upper().replace(" ", "").replace("-", "")


# -- the parts every scheme shares ---------------------------------------------------------


@lru_cache(maxsize=8192)
def is_region_code(code: str) -> bool:
    """A code of GB/T 2260 in any of its editions (province, prefecture or county)."""
    if len(code) != 6 or not DIGITS.match(code):
        return False
    found = numdb.get("cn/loc").info(code)
    return any("county" in properties for _, properties in found)


def is_province(code: str) -> bool:
    return is_region_code(f"{code}0000")


def is_country_alpha3(code: str) -> bool:
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def is_country_numeric(code: str) -> bool:
    return len(code) == 3 and pycountry.countries.get(numeric=code) is not None


def check_character(first_17: str) -> str:
    """ISO 7064 MOD 11-2 over the first 17 digits (GB 11643-1999), via python-stdnum."""
    return str(ric.calc_check_digit(first_17 + "0"))


def birth_date(text: str, today: date | None) -> date | None:
    """`YYYYMMDD` as a real calendar date, not in the future; None when it is not one."""
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    if born.year < OLDEST_BIRTH_YEAR or (today is not None and born > today):
        return None
    return born


def short_birth_date(text: str, today: date | None) -> date | None:
    """`YYMMDD` of the 2017 permanent residence card: this century if that is not in the
    future, else the last."""
    for century in ("20", "19"):
        born = birth_date(century + text, today)
        if born is not None and (today is None or born <= today):
            return born
    return None


# -- the 18-character resident ID format and its relatives ---------------------------------


def check_resident_format(scheme: Scheme, number: str, today: date | None) -> date:
    """Length, characters, birth date and check character of the 18-character format
    (resident ID, residence permit, 2023 permanent residence card): the birth date."""
    if len(number) != 18:
        raise refuse(scheme, Reason.LENGTH, number, "it has 18 characters")
    if not RESIDENT_BODY.match(number):
        raise refuse(scheme, Reason.CHARACTERS, number, "17 digits, then a digit or X")
    born = birth_date(number[6:14], today)
    if born is None:
        raise refuse(scheme, Reason.DATE, number, f"{number[6:14]} is no possible birth date")
    return born


def check_final(scheme: Scheme, number: str) -> None:
    if number[-1] != check_character(number[:17]):
        raise refuse(scheme, Reason.CHECK, number, "the check character does not match")


def resident_id(number: str, today: date | None) -> Checked:
    scheme = Scheme.RESIDENT_ID
    if len(number) == 15:
        return first_generation_id(number, today)
    born = check_resident_format(scheme, number, today)
    if not is_region_code(number[:6]):
        raise refuse(scheme, Reason.REGION, number, f"{number[:6]} is no GB/T 2260 code")
    check_final(scheme, number)
    return Checked(scheme, number, born)


def first_generation_id(number: str, today: date | None) -> Checked:
    """The 15-digit ID of 1984-2004, stored in its 18-digit form."""
    scheme = Scheme.RESIDENT_ID
    if not DIGITS.match(number):
        raise refuse(scheme, Reason.CHARACTERS, number, "a 15-digit ID has digits only")
    born = birth_date("19" + number[6:12], today)
    if born is None:
        raise refuse(scheme, Reason.DATE, number, f"19{number[6:12]} is no possible birth date")
    if not is_region_code(number[:6]):
        raise refuse(scheme, Reason.REGION, number, f"{number[:6]} is no GB/T 2260 code")
    first_17 = number[:6] + "19" + number[6:]
    return Checked(scheme, first_17 + check_character(first_17), born)


def upgraded(identifier: str) -> str:
    """A 15-digit first-generation ID in its 18-digit form; anything else as it is."""
    number = compact_form(identifier)
    if len(number) == 15 and DIGITS.match(number):
        first_17 = number[:6] + "19" + number[6:]
        return first_17 + check_character(first_17)
    return number


def residence_permit(number: str, today: date | None) -> Checked:
    scheme = Scheme.RESIDENCE_PERMIT
    born = check_resident_format(scheme, number, today)
    if number[:6] not in PERMIT_REGIONS:
        raise refuse(scheme, Reason.REGION, number, "the code is 810000, 820000 or 830000")
    check_final(scheme, number)
    return Checked(scheme, number, born)


def permanent_residence(number: str, today: date | None) -> Checked:
    scheme = Scheme.PERMANENT_RESIDENCE
    if len(number) == 15:
        return permanent_residence_2017(number, today)
    born = check_resident_format(scheme, number, today)
    if number[0] != "9" or not is_province(number[1:3]):
        raise refuse(scheme, Reason.REGION, number, "9 and a province code come first")
    if not is_country_numeric(number[3:6]):
        raise refuse(scheme, Reason.REGION, number, f"{number[3:6]} is no ISO 3166 country")
    check_final(scheme, number)
    return Checked(scheme, number, born)


def permanent_residence_2017(number: str, today: date | None) -> Checked:
    scheme = Scheme.PERMANENT_RESIDENCE
    if not PERMANENT_2017.match(number):
        raise refuse(scheme, Reason.CHARACTERS, number, "3 letters, then 12 digits")
    if not is_country_alpha3(number[:3]):
        raise refuse(scheme, Reason.REGION, number, f"{number[:3]} is no ISO 3166 country")
    if not is_province(number[3:5]):
        raise refuse(scheme, Reason.REGION, number, f"{number[3:5]} is no province code")
    born = short_birth_date(number[7:13], today)
    if born is None:
        raise refuse(scheme, Reason.DATE, number, f"{number[7:13]} is no possible birth date")
    return Checked(scheme, number, born)


def passport(number: str, nationality: str | None) -> Checked:
    scheme = Scheme.PASSPORT
    if len(number) not in PASSPORT_LENGTHS:
        raise refuse(scheme, Reason.LENGTH, number, "a passport number has 5 to 20 characters")
    if not PASSPORT.match(number):
        raise refuse(scheme, Reason.CHARACTERS, number, "letters and digits only")
    country = compact_form(nationality or "")
    if not is_country_alpha3(country):
        raise refuse(
            scheme, Reason.REGION, number, "nationality is an ISO 3166 alpha-3 code, e.g. USA"
        )
    return Checked(scheme, number, None, nationality=country)


def detect_person_scheme(number: str) -> Scheme:
    """Which document a natural person's number is, from its shape."""
    if len(number) == 15 and number[:3].isalpha():
        return Scheme.PERMANENT_RESIDENCE
    if len(number) == 18 and number[:1] == "9":
        return Scheme.PERMANENT_RESIDENCE
    if len(number) == 18 and number[:2] in {"81", "82", "83"}:
        return Scheme.RESIDENCE_PERMIT
    return Scheme.RESIDENT_ID

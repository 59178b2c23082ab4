"""Credit subjects: natural persons, legal persons and unincorporated organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import AttributedAggregate
from domain.errors import DomainError, ValidationFailed
from domain.identifiers import (
    Checked,
    Scheme,
    compact_form,
    detect_person_scheme,
    is_province,
    is_region_code,
    passport,
    permanent_residence,
    residence_permit,
    resident_id,
    upgraded,
)
from domain.uscc import CATEGORIES, check_uscc

ADULT_AGE = 18
MAX_NAME_LENGTH = 200
IDENTIFIED_CACHE = 4096
# the authority and category pairs no province code shares (91, 92, 93, 52, …)
USCC_STARTS = frozenset(
    a + c for a, cs in CATEGORIES.items() for c in cs if a.isdigit() and not is_province(a + c)
)


class SubjectKind(Enum):
    NATURAL_PERSON = "natural_person"
    LEGAL_PERSON = "legal_person"
    UNINCORPORATED_ORG = "unincorporated_org"


def subject_id_for(identifier: str, nationality: str | None = None) -> UUID:
    """One subject per identifier: the id is derived from its stored form (a 15-digit ID and
    its 18-digit form are one person; a passport number counts with its nationality)."""
    return uuid5(NAMESPACE_URL, f"chengxin:subject:{subject_key(identifier, nationality)}")


def subject_key(identifier: str, nationality: str | None = None) -> str:
    number = normalise_identifier(identifier)
    return f"{number}@{compact_form(nationality)}" if nationality else number


def normalise_identifier(identifier: str) -> str:
    """The form an identifier is stored and searched in (a 15-digit ID becomes 18 digits)."""
    return upgraded(identifier)


def check_identifier(
    kind: SubjectKind,
    identifier: str,
    today: date | None = None,
    scheme: Scheme | None = None,
    nationality: str | None = None,
) -> Checked:
    """The identifier checked by its scheme's rules, or InvalidIdentifier naming the part that
    is wrong (`reason`). Without a scheme a natural person's is told by the number's shape."""
    number = compact_form(identifier)
    if kind is not SubjectKind.NATURAL_PERSON:
        if scheme not in (None, Scheme.USCC):
            raise ValidationFailed("legal persons and organisations have a USCC", field="scheme")
        return check_uscc(number)
    if scheme is Scheme.USCC:
        raise ValidationFailed("a natural person has no USCC", field="scheme")
    if scheme is Scheme.PASSPORT:
        return passport(number, nationality)
    chosen = scheme or detect_person_scheme(number)
    if chosen is Scheme.RESIDENCE_PERMIT:
        return residence_permit(number, today)
    if chosen is Scheme.PERMANENT_RESIDENCE:
        return permanent_residence(number, today)
    return resident_id(number, today)


def likely_kind(identifier: str) -> SubjectKind:
    """Whose number this looks like, to preselect a form: a number that passes the USCC's
    rules is an organisation's, one that passes a personal document's a natural person's.
    When neither passes (a typo), the shape decides: letters before the last character, or a
    registration authority and category followed by a GB/T 2260 code, make a USCC."""
    number = compact_form(identifier)
    for kind in (SubjectKind.LEGAL_PERSON, SubjectKind.NATURAL_PERSON):
        try:
            check_identifier(kind, number)
        except DomainError:
            continue
        return kind
    uscc_shaped = len(number) == 18 and (
        not number[:17].isdigit() or (number[:2] in USCC_STARTS and is_region_code(number[2:8]))
    )
    return SubjectKind.LEGAL_PERSON if uscc_shaped else SubjectKind.NATURAL_PERSON


def validate_identifier(kind: SubjectKind, identifier: str) -> str:
    """The identifier in its stored form, or InvalidIdentifier naming what is wrong."""
    return check_identifier(kind, identifier).compact


@dataclass(frozen=True, slots=True)
class Identifier:
    """A subject's identifier, checked against its scheme, in stored form."""

    kind: SubjectKind
    compact: str
    scheme: Scheme = Scheme.RESIDENT_ID
    birth_date: date | None = None
    nationality: str | None = None

    @property
    def subject_id(self) -> UUID:
        return subject_id_for(self.compact, self.nationality if self.is_passport else None)

    @property
    def is_passport(self) -> bool:
        return self.scheme is Scheme.PASSPORT


@lru_cache(maxsize=IDENTIFIED_CACHE)  # the check is slow; a file often lists a subject again soon
def identify(
    kind: SubjectKind,
    identifier: str,
    today: date | None = None,
    scheme: Scheme | None = None,
    nationality: str | None = None,
) -> Identifier:
    """The only maker of an Identifier: InvalidIdentifier unless the scheme's rules pass."""
    checked = check_identifier(kind, identifier, today, scheme, nationality)
    return Identifier(
        kind, checked.compact, checked.scheme, checked.birth_date, checked.nationality
    )


def scheme_of(kind: SubjectKind, identifier: str, nationality: str | None) -> Scheme:
    """The scheme of a stored identifier (registered events before v1.1 do not name it)."""
    if kind is not SubjectKind.NATURAL_PERSON:
        return Scheme.USCC
    if nationality:
        return Scheme.PASSPORT
    return detect_person_scheme(identifier)


def clean_name(name: str, field: str = "name") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationFailed("the name must not be empty", field=field)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationFailed(f"the name is longer than {MAX_NAME_LENGTH}", field=field)
    return cleaned


class Subject(AttributedAggregate):
    class Registered(AttributedAggregate.Created):
        kind: SubjectKind
        identifier: str
        name: str
        birth_date: date | None
        nationality: str | None = None  # v1.1: a passport's nationality (ISO 3166 alpha-3)

    class Renamed(AttributedAggregate.Event):
        name: str

    @staticmethod
    def create_id(identifier: str, nationality: str | None = None) -> UUID:
        return subject_id_for(identifier, nationality)

    @classmethod
    def register(
        cls,
        kind: SubjectKind,
        identifier: str,
        name: str,
        today: date | None = None,
        scheme: Scheme | None = None,
        nationality: str | None = None,
    ) -> Subject:
        checked = identify(kind, identifier, today, scheme, nationality)
        return cls.register_identified(checked, name)

    @classmethod
    def register_identified(cls, identifier: Identifier, name: str) -> Subject:
        """The same for an identifier checked already (an import checks a row as it reads it)."""
        return cls(
            kind=identifier.kind,
            identifier=identifier.compact,
            name=clean_name(name),
            birth_date=identifier.birth_date,
            nationality=identifier.nationality if identifier.is_passport else None,
        )

    @event(Registered)
    def __init__(
        self,
        kind: SubjectKind,
        identifier: str,
        name: str,
        birth_date: date | None,
        nationality: str | None = None,
    ) -> None:
        self.kind = kind
        self.identifier = identifier
        self.name = name
        self.birth_date = birth_date
        self.nationality = nationality

    @property
    def scheme(self) -> Scheme:
        return scheme_of(self.kind, self.identifier, self.nationality)

    def rename(self, name: str) -> None:
        cleaned = clean_name(name)
        if cleaned != self.name:
            self._renamed(name=cleaned)

    @event(Renamed)
    def _renamed(self, name: str) -> None:
        self.name = name

    @property
    def is_natural_person(self) -> bool:
        return self.kind is SubjectKind.NATURAL_PERSON

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_minor_on(self, day: date) -> bool:
        age = self.age_on(day)
        return age is not None and age < ADULT_AGE

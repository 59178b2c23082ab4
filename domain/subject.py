"""Credit subjects: natural persons, legal persons and unincorporated organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from domain.base import AttributedAggregate
from domain.errors import InvalidIdentifier, ValidationFailed

ADULT_AGE = 18
MAX_NAME_LENGTH = 200
IDENTIFIED_CACHE = 4096


class SubjectKind(Enum):
    NATURAL_PERSON = "natural_person"
    LEGAL_PERSON = "legal_person"
    UNINCORPORATED_ORG = "unincorporated_org"


def subject_id_for(identifier: str) -> UUID:
    """One subject per identifier: the id is derived from it."""
    return uuid5(NAMESPACE_URL, f"chengxin:subject:{normalise_identifier(identifier)}")


def normalise_identifier(identifier: str) -> str:
    return identifier.strip().upper().replace(" ", "")


def validate_identifier(kind: SubjectKind, identifier: str) -> str:
    """The identifier in its compact form, or InvalidIdentifier naming what is wrong."""
    module = ric if kind is SubjectKind.NATURAL_PERSON else uscc
    scheme = "resident_id" if kind is SubjectKind.NATURAL_PERSON else "uscc"
    try:
        return str(module.validate(normalise_identifier(identifier)))
    except ValidationError as error:
        raise InvalidIdentifier(
            f"{identifier!r} is not a valid {scheme}: {error}",
            field="identifier",
            scheme=scheme,
        ) from None


@dataclass(frozen=True, slots=True)
class Identifier:
    """A subject's identifier, checked against its kind's scheme, in compact form."""

    kind: SubjectKind
    compact: str


@lru_cache(maxsize=IDENTIFIED_CACHE)  # the check is slow; a file often lists a subject again soon
def identify(kind: SubjectKind, identifier: str) -> Identifier:
    """The only maker of an Identifier: InvalidIdentifier unless the scheme's check passes."""
    return Identifier(kind, validate_identifier(kind, identifier))


def birth_date_of(kind: SubjectKind, identifier: str) -> date | None:
    if kind is not SubjectKind.NATURAL_PERSON:
        return None
    born: date = ric.get_birth_date(identifier)
    return born


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

    class Renamed(AttributedAggregate.Event):
        name: str

    @staticmethod
    def create_id(identifier: str) -> UUID:
        return subject_id_for(identifier)

    @classmethod
    def register(cls, kind: SubjectKind, identifier: str, name: str) -> Subject:
        return cls.register_identified(identify(kind, identifier), name)

    @classmethod
    def register_identified(cls, identifier: Identifier, name: str) -> Subject:
        """The same for an identifier checked already (an import checks a row as it reads it)."""
        return cls(
            kind=identifier.kind,
            identifier=identifier.compact,
            name=clean_name(name),
            birth_date=birth_date_of(identifier.kind, identifier.compact),
        )

    @event(Registered)
    def __init__(
        self, kind: SubjectKind, identifier: str, name: str, birth_date: date | None
    ) -> None:
        self.kind = kind
        self.identifier = identifier
        self.name = name
        self.birth_date = birth_date

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

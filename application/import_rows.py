"""One row of a bulk import, read and checked like the body of an API request.

Headers are matched case-insensitively, in English or Chinese; values may also be the Chinese
words officers use (黑名单, 严重, 法人, a domain's Chinese name). Every refusal is the domain
error the API would give for the same request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cached_property
from typing import TypeVar
from uuid import UUID

from application.entries import NewEntry
from domain.entry import entry_id_for
from domain.entry_values import EndReason, Source
from domain.errors import ValidationFailed
from domain.identifiers import Scheme
from domain.reference import ListType, ReferenceData, Severity
from domain.subject import Identifier, SubjectKind, clean_name, identify

FIELDS = (
    "kind",
    "identifier",
    "name",
    "list_type",
    "domain",
    "severity",
    "decision_no",
    "decision_date",
    "legal_basis",
    "repairable",
    "ended_on",
    "end_reason",
    "penalty_content",
    "scheme",
    "nationality",
)
REQUIRED = FIELDS[:9]
OPTIONAL = FIELDS[9:]
HEADER_ALIASES = {
    "主体类型": "kind",
    "统一社会信用代码/身份证号": "identifier",
    "证件号码": "identifier",
    "统一社会信用代码": "identifier",
    "身份证号码": "identifier",
    "名称": "name",
    "主体名称": "name",
    "名单类型": "list_type",
    "领域": "domain",
    "治理领域": "domain",
    "严重程度": "severity",
    "决定文号": "decision_no",
    "决定书文号": "decision_no",
    "决定日期": "decision_date",
    "法律依据": "legal_basis",
    "处罚依据": "legal_basis",
    "处罚内容": "penalty_content",
    "是否可修复": "repairable",
    "可修复": "repairable",
    "证件类型": "scheme",
    "国籍": "nationality",
    "结束日期": "ended_on",
    "终止日期": "ended_on",
    "结束原因": "end_reason",
    "终止原因": "end_reason",
}
VALUE_ALIASES = {
    "自然人": "natural_person",
    "法人": "legal_person",
    "非法人组织": "unincorporated_org",
    "行政处罚": "penalty",
    "黑名单": "blacklist",
    "重点关注名单": "focus",
    "红名单": "red",
    "轻微": "minor",
    "一般": "general",
    "严重": "serious",
    "期满": "expired",
    "到期": "expired",
    "已修复": "repaired",
    "修复": "repaired",
    "撤销": "revoked",
    "已撤销": "revoked",
}
TRUE_WORDS = frozenset({"", "true", "yes", "y", "1", "是"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "否"})
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class ImportRow:
    identifier: Identifier
    name: str
    entry: NewEntry

    @property
    def kind(self) -> SubjectKind:
        return self.identifier.kind

    @property
    def subject_id(self) -> UUID:
        return self.entry.subject_id

    @cached_property
    def entry_id(self) -> UUID:
        return entry_id_for(self.subject_id, self.entry.list_type, self.entry.decision_no)


def header_columns(
    header: Sequence[object],
    fields: Sequence[str] = FIELDS,
    needed: Sequence[str] = REQUIRED,
    aliases: Mapping[str, str] = HEADER_ALIASES,
) -> dict[str, int]:
    """Which column holds which field; every required field must be there."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = text(cell).lstrip("\ufeff").strip().lower().replace(" ", "_")
        field = aliases.get(name, name)
        if field in fields and field not in columns:
            columns[field] = index
    missing = [name for name in needed if name not in columns]
    if missing:
        raise ValidationFailed(
            f"the header row lacks the columns {', '.join(missing)}", field="file", missing=missing
        )
    return columns


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    cleaned = str(value).strip()
    if "\x00" in cleaned:
        raise ValidationFailed("a cell holds a NUL character", field="file")
    return cleaned


QUOTED = 200  # characters of a cell a message quotes at most


def quoted(value: object) -> str:
    """A cell as a message may quote it: at most QUOTED characters."""
    text = str(value)
    return repr(text if len(text) <= QUOTED else text[:QUOTED] + "…")


def is_blank(values: Sequence[object]) -> bool:
    return all(text(value) == "" for value in values)


def choice(enum_type: type[E], value: str, field: str) -> E:
    word = VALUE_ALIASES.get(value, value.lower())
    try:
        return enum_type(word)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum_type)
        raise ValidationFailed(
            f"{field} is one of {allowed}, not {quoted(value)}", field=field
        ) from None


def day(value: object, field: str = "decision_date") -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_PATTERN.match(text(value))
    try:
        if match is None:
            raise ValueError
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValidationFailed(
            f"{field} is a date such as 2024-05-06, not {quoted(text(value))}", field=field
        ) from None


def flag(value: str) -> bool | None:
    """Blank: as the rules derive it."""
    word = value.lower()
    if not word:
        return None
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise ValidationFailed(f"repairable is true or false, not {quoted(value)}", field="repairable")


# A row that says "not repairable" brings the other system's decision, not an officer's reason
IMPORTED_NOT_REPAIRABLE = "导入数据标记为不可修复 (marked not repairable in the imported data)"


def domain_code(reference: ReferenceData, value: str) -> str:
    for domain in reference.domains:
        if value in (domain.code, domain.name_zh):
            return domain.code
    return reference.domain(value).code


def required(cells: Mapping[str, str], field: str) -> str:
    value = cells[field]
    if not value:
        raise ValidationFailed(f"{field} is required", field=field)
    return value


def decision_day(
    values: Sequence[object],
    columns: Mapping[str, int],
    cells: Mapping[str, str],
    field: str = "decision_date",
) -> date:
    """A spreadsheet's own date cell as it is, any other value parsed from its text."""
    index = columns[field]
    raw = values[index] if index < len(values) else None
    return day(raw if isinstance(raw, date) else required(cells, field), field)


def history_end(
    values: Sequence[object], columns: Mapping[str, int], cells: Mapping[str, str]
) -> tuple[date | None, EndReason | None]:
    """The optional end of a record brought from history (columns ended_on, end_reason)."""
    ended_on = decision_day(values, columns, cells, "ended_on") if cells["ended_on"] else None
    reason = choice(EndReason, cells["end_reason"], "end_reason") if cells["end_reason"] else None
    return ended_on, reason


def document_of(cells: Mapping[str, str]) -> tuple[Scheme | None, str | None]:
    """The optional columns `scheme` and `nationality`: a passport is told by its nationality
    (a passport number has no shape of its own); any other scheme by the number's shape."""
    nationality = cells["nationality"] or None
    named = cells["scheme"]
    scheme = choice(Scheme, named, "scheme") if named else None
    if nationality is not None and scheme is None:
        scheme = Scheme.PASSPORT
    return scheme, nationality if scheme is Scheme.PASSPORT else None


def parse_row(
    values: Sequence[object],
    columns: Mapping[str, int],
    reference: ReferenceData,
    department: str,
    today: date | None = None,
) -> ImportRow:
    cells = {f: text(values[i]) if i < len(values) else "" for f, i in columns.items()}
    for optional in OPTIONAL:
        cells.setdefault(optional, "")
    kind = choice(SubjectKind, required(cells, "kind"), "kind")
    ended_on, end_reason = history_end(values, columns, cells)
    scheme, nationality = document_of(cells)
    identifier = identify(kind, required(cells, "identifier"), today, scheme, nationality)
    repairable = flag(cells["repairable"])
    entry = NewEntry(
        subject_id=identifier.subject_id,
        list_type=choice(ListType, required(cells, "list_type"), "list_type"),
        domain=domain_code(reference, required(cells, "domain")),
        severity=choice(Severity, cells["severity"], "severity") if cells["severity"] else None,
        decision_no=required(cells, "decision_no"),
        decision_date=decision_day(values, columns, cells),
        legal_basis=required(cells, "legal_basis"),
        repairable=repairable,
        not_repairable_reason=IMPORTED_NOT_REPAIRABLE if repairable is False else None,
        department=department,
        ended_on=ended_on,
        end_reason=end_reason,
        source=Source.IMPORT,
        penalty_content=cells["penalty_content"],
    )
    return ImportRow(identifier, clean_name(required(cells, "name")), entry)

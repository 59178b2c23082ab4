"""Every word the pages show exists in Chinese and in English: no key shown raw, no English
fallback on a Chinese page, every event, field, value and error code of the model named."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from application.audit_projection import StreamKind
from domain import errors
from domain.accounts import Role
from domain.base import AttributedAggregate
from domain.case import Case, CaseStatus
from domain.credit_check import CreditCheck
from domain.entry import ListEntry
from domain.entry_values import EntryStatus, ObjectionStatus
from domain.identifiers import Reason
from domain.reference import DepartmentNotInForce, ListType, Purpose, Severity
from domain.repair import RepairApplication, RepairStatus
from domain.subject import Subject, SubjectKind
from infrastructure.reference_data.loader import load_reference_data
from interfaces.web import error_texts, labels
from interfaces.web.i18n import Translator
from interfaces.web.menus import MENUS
from interfaces.web.texts import FLASHES, TEXTS

WEB = Path(labels.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
KEY = re.compile(r"""\bt\(\s*['"]([a-z][a-z0-9_.]*)['"]\s*[,)]""")
SNAKE = re.compile(r"^[a-z]+(_[a-z]+)+$")
DYNAMIC = [
    *(f"step.{s}" for s in ("notice", "statement", "decide", "close")),
    *(f"due.{d}" for d in ("statement", "objection", "feedback", "decision")),
    *(f"dash.q{q}" for q in range(5)),
    *(key for items in MENUS.values() for key, _ in items),
]
AGGREGATES = (Subject, Case, ListEntry, RepairApplication, CreditCheck)
ENVELOPE = {"originator_id", "originator_version", "timestamp", "actor", "originator_topic"}


def sources() -> list[Path]:
    return [*WEB.rglob("*.html"), *WEB.glob("*.py")]


def used_keys() -> set[str]:
    return {key for path in sources() for key in KEY.findall(path.read_text())} | set(DYNAMIC)


def test_every_key_a_page_uses_is_translated_both_ways() -> None:
    keys = used_keys()
    assert len(keys) > 200
    assert not sorted(key for key in keys if key not in TEXTS)


def all_pairs() -> list[tuple[str, tuple[str, str]]]:
    pairs = [*TEXTS.items(), *FLASHES.items(), *labels.EVENTS.items(), *labels.FIELDS.items()]
    pairs += [(f"{g}.{v}", p) for g, values in labels.VALUES.items() for v, p in values.items()]
    pairs += [(str(k), p) for k, p in error_texts.FIELD_ERRORS.items()]
    pairs += [(str(k), p) for k, p in error_texts.REASON_ERRORS.items()]
    pairs += [*error_texts.ERRORS.items(), *error_texts.INPUT_ERRORS.items()]
    return pairs


def test_no_chinese_text_is_an_english_fallback() -> None:
    english_only = [key for key, (zh, en) in all_pairs() if not CJK.search(zh) or not en]
    assert not english_only


def flashes_set_by_forms() -> set[str]:
    """The flash of every form: a snake_case string given to the calls that redirect."""
    callers = {"submitted", "on_entry", "on_repair", "case_step", "redirect"}
    found = set()
    for path in WEB.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in callers:
                found |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and SNAKE.match(arg.value)
                }
    return found


def test_every_flash_a_form_sets_has_words() -> None:
    flashes = flashes_set_by_forms()
    assert len(flashes) > 10
    assert flashes <= set(FLASHES), flashes - set(FLASHES)


def event_classes() -> list[tuple[str, type]]:
    return [
        (f"{aggregate.__name__}.{name}", kind)
        for aggregate in AGGREGATES
        for name, kind in vars(aggregate).items()
        if isinstance(kind, type)
        and issubclass(kind, AttributedAggregate.Event)
        and name not in {"Event", "Created"}
    ]


def test_every_event_and_each_of_its_fields_has_a_name() -> None:
    unnamed = [name for name, _ in event_classes() if name not in labels.EVENTS]
    fields = (
        {
            field
            for _, kind in event_classes()
            for klass in kind.__mro__
            for field in getattr(klass, "__annotations__", {})
        }
        - ENVELOPE
        - labels.ID_FIELDS
    )
    assert not unnamed
    assert not sorted(fields - set(labels.FIELDS))


@pytest.mark.parametrize(
    ("group", "enum"),
    [
        ("list_type", ListType),
        ("severity", Severity),
        ("subject_kind", SubjectKind),
        ("entry_status", EntryStatus),
        ("case_status", CaseStatus),
        ("repair_status", RepairStatus),
        ("objection_status", ObjectionStatus),
        ("role", Role),
        ("purpose", Purpose),
        ("aggregate", StreamKind),
    ],
)
def test_every_value_of_the_model_has_a_label(group: str, enum: type) -> None:
    assert {member.value for member in enum} <= set(labels.VALUES[group])  # type: ignore[attr-defined]


def test_every_stable_error_code_reads_in_chinese() -> None:
    codes = {
        kind.code
        for kind in vars(errors).values()
        if isinstance(kind, type) and issubclass(kind, errors.DomainError)
    }
    assert codes <= set(error_texts.ERRORS)


def test_a_department_out_of_force_reads_in_chinese_naming_its_successor() -> None:
    reference = load_reference_data()
    chinese = Translator("zh", reference)
    with pytest.raises(DepartmentNotInForce) as superseded:
        reference.department_in_force("environmental_protection", date(2021, 3, 1))
    assert chinese.error(superseded.value) == (
        "市环保局存续至2018-12-31，其职责由市生态环境局承接：请以市生态环境局名义作出决定"
    )
    with pytest.raises(DepartmentNotInForce) as early:
        reference.department_in_force("ecology_environment", date(2018, 3, 1))
    assert chinese.error(early.value) == "决定日期时市生态环境局尚未设立或已撤销"
    assert "department_not_in_force" in error_texts.ERRORS


@pytest.mark.parametrize("reason", [r.value for r in Reason])
def test_every_reason_an_identifier_is_refused_for_reads_in_chinese(reason: str) -> None:
    chinese, english = error_texts.REASON_ERRORS[("invalid_identifier", reason)]
    assert CJK.search(chinese) and english

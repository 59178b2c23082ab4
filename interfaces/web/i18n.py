"""Chinese first, English on request: every word a page shows comes through a `Translator`.

The tables live in `texts` (the pages' own words) and `labels` (values of the model, events and
the stable error codes); reference data brings its own `name_zh` / `name_en`.
"""

from __future__ import annotations

from typing import Any, Literal

from domain.errors import DomainError
from domain.reference import ReferenceData
from interfaces.web.error_texts import (
    CODE_FIELDS,
    ERRORS,
    FIELD_ERRORS,
    INPUT_ERRORS,
    REASON_ERRORS,
)
from interfaces.web.labels import EVENTS, FIELDS, VALUES
from interfaces.web.texts import TEXTS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def language(value: str | None) -> Lang | None:
    return "en" if value == "en" else "zh" if value == "zh" else None


class Translator:
    def __init__(self, lang: Lang, reference: ReferenceData) -> None:
        self.lang = lang
        self.reference = reference
        self._index = LANGS.index(lang)

    def _pick(self, pair: tuple[str, str], params: dict[str, Any]) -> str:
        text = pair[self._index]
        return text.format_map(_Params(params))

    def __call__(self, key: str, **params: Any) -> str:
        return self._pick(TEXTS[key], params) if key in TEXTS else key

    def label(self, group: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        pair = VALUES.get(group, {}).get(str(getattr(value, "value", value)))
        return self._pick(pair, {}) if pair else str(value)

    def domain(self, code: str | None) -> str:
        if code and self.reference.has_domain(code):
            found = self.reference.domain(code)
            return found.name_zh if self.lang == "zh" else found.name_en
        return code or "—"

    def department(self, code: str | None) -> str:
        if code and self.reference.has_department(code):
            found = self.reference.department(code)
            return found.name_zh if self.lang == "zh" else found.name_en
        return code or "—"

    def regime(self, code: str) -> str:
        found = next((r for r in self.reference.regimes if r.code == code), None)
        if found is None:
            return code
        return found.name_zh if self.lang == "zh" else found.name_en

    def measure(self, code: str) -> str:
        found = next((m for m in self.reference.measures if m.code == code), None)
        if found is None:
            return code
        return found.name_zh if self.lang == "zh" else found.name_en

    def event(self, type_name: str) -> str:
        pair = EVENTS.get(type_name)
        return self._pick(pair, {}) if pair else type_name

    def field(self, name: str) -> str:
        pair = FIELDS.get(name)
        return self._pick(pair, {}) if pair else name

    def error(self, error: DomainError) -> str:
        """The refusal in the page's language: English pages show the API's own message."""
        if self.lang == "en":
            return error.message
        params = {k: self._param(k, v) for k, v in error.context.items()}
        reason, field = error.context.get("reason"), error.context.get("field")
        for table, key in (
            (REASON_ERRORS, (error.code, reason)),
            (FIELD_ERRORS, (error.code, field)),
        ):
            if key in table:
                return self._pick(table[key], params)
        pair = ERRORS.get(error.code, ERRORS["domain_error"])
        return self._pick(pair, params)

    def _param(self, name: str, value: Any) -> str:
        if name == "domain":
            return self.domain(str(value))
        if name in {"department", "successor"}:
            return self.department(str(value))
        return str(value)

    def input_error(self, kind: str, message: str, context: dict[str, Any]) -> str:
        """A pydantic error of one form field, by its type."""
        if self.lang == "en":
            return message
        pair = INPUT_ERRORS.get(kind, INPUT_ERRORS["default"])
        return self._pick(pair, {k: str(v) for k, v in context.items()})


class _Params(dict[str, Any]):
    """A missing parameter shows as a dash rather than breaking the page."""

    def __missing__(self, key: str) -> str:
        return "—"


def error_field(error: DomainError) -> str | None:
    """The form field a refusal belongs to: named by the rule, or implied by its code."""
    field = error.context.get("field")
    return str(field) if field else CODE_FIELDS.get(error.code)

"""Forms in, refusals out: a posted form either does what it says and redirects with a flash,
or the same page comes back with the user's input and each error beside its field.

The validation is the API's own: the request bodies of `interfaces.api` and the services'
rules, so a form refuses exactly what the API refuses, in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from fastapi import Request
from pydantic import ValidationError
from starlette.responses import Response

from domain.errors import DomainError, Forbidden, ForbiddenDomain
from interfaces.web.i18n import Translator, error_field
from interfaces.web.rendering import redirect, translator
from interfaces.web.session import FormInput

GENERAL = "_form"


@dataclass(frozen=True)
class FormState:
    """One form of a page as it was posted: which one, what was typed, what is wrong."""

    name: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    posted: bool = False

    def of(self, name: str) -> FormState:
        """This state for the form called `name`, an empty one for any other form."""
        return self if name == self.name else FormState(name)

    def value(self, name: str, default: Any = "") -> Any:
        return self.values.get(name, "") if self.posted else default

    def checked(self, name: str, default: bool = False) -> bool:
        return self.values.get(name) == "on" if self.posted else default

    def summary(self) -> list[tuple[str, str, str]]:
        """Every error of the form as (anchor of its field, field name, message), the
        form's own message first: the error summary at the top of the page links to each."""
        own = (
            [(f"{self.name}-alert", GENERAL, self.errors[GENERAL])]
            if GENERAL in self.errors
            else []
        )
        fields = [(f"{self.name}-{k}", k, v) for k, v in self.errors.items() if k != GENERAL]
        return own + fields


NO_FORM = FormState()


FieldCheck = Callable[[Mapping[str, Any]], None]


@dataclass(frozen=True)
class FormSpec:
    """A form of the pages: its name and the fields it posts (check boxes, lists apart).

    `checks` are the rules of single fields that the services apply only after the body is
    valid (an identifier's check character, say): each takes what was typed and raises the
    rule's DomainError. When a form is refused they all run, so every error shows at once."""

    name: str
    fields: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    checks: tuple[FieldCheck, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.fields + self.flags + self.lists)

    def body(self, form: FormInput, **extra: Any) -> dict[str, Any]:
        """The request body the API would take from this form: blank fields left out."""
        return {**form.body(*self.fields, flags=self.flags, lists=self.lists), **extra}


def input_errors(t: Translator, error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in error.errors():
        loc = [part for part in problem.get("loc", ()) if isinstance(part, str)]
        name = loc[0] if loc else GENERAL
        context = dict(problem.get("ctx") or {})
        errors.setdefault(name, t.input_error(problem["type"], problem["msg"], context))
    return errors


def refusal_errors(t: Translator, error: DomainError, spec: FormSpec) -> dict[str, str]:
    """The rule's message beside the field it names, or above the form when it names none."""
    name = error_field(error)
    name = spec.aliases.get(name, name) if name else None
    return {name if name in spec.names else GENERAL: t.error(error)}


def state_of(t: Translator, spec: FormSpec, form: FormInput, error: Exception) -> FormState:
    values = form.values()
    if isinstance(error, DomainError):
        errors = refusal_errors(t, error, spec)
    elif isinstance(error, ValidationError):
        errors = input_errors(t, error)
        unknown = [k for k in errors if k not in spec.names and k != GENERAL]
        for name in unknown:
            errors.setdefault(GENERAL, errors.pop(name))
    else:
        raise error
    found = {**errors, **field_errors(t, spec, values, errors)}
    order = (GENERAL, *spec.fields, *spec.flags, *spec.lists)
    ranked = sorted(found, key=lambda k: order.index(k) if k in order else len(order))
    return FormState(spec.name, values, {k: found[k] for k in ranked}, True)


def field_errors(
    t: Translator, spec: FormSpec, values: Mapping[str, Any], known: Mapping[str, str]
) -> dict[str, str]:
    """The errors of the form's field rules that are not known yet, beside their fields."""
    found: dict[str, str] = {}
    for check in spec.checks:
        try:
            check(values)
        except DomainError as refused:
            for name, message in refusal_errors(t, refused, spec).items():
                if name not in known and name not in found:
                    found[name] = message
    return found


def submitted(
    request: Request,
    spec: FormSpec,
    form: FormInput,
    action: Callable[[], str],
    again: Callable[[FormState], Response],
    flash: str,
) -> Response:
    """Run `action` (it answers where to go next); on a refusal show the page `again`."""
    try:
        target = action()
    except (ValidationError, DomainError) as error:
        if isinstance(error, Forbidden) and not isinstance(error, ForbiddenDomain):
            raise  # not this user's record: the refusal page (403), not the form again
        response = again(state_of(translator(request), spec, form, error))
        if isinstance(error, Forbidden):
            response.status_code = 403
        return response
    return redirect(target, flash)


RecordPage = Callable[[Request, Any, Any, UUID, FormState], Response]


def on_record(
    request: Request,
    page: RecordPage,
    context: tuple[Any, Any, UUID],
    form: FormInput,
    spec: FormSpec,
    flash: str,
    step: Callable[[], str | None],
    target: str,
) -> Response:
    """Run a form's `step` on one record and go to `target` (or where the step says); on a
    refusal show the record's page again with the errors. `context` is (system, principal,
    record id)."""
    system, principal, record_id = context

    def act() -> str:
        return step() or target

    def again(state: FormState) -> Response:
        return page(request, system, principal, record_id, state)

    return submitted(request, spec, form, act, again, flash)

"""信用中国（淮安）: the public site's search, one record and the open data, no account needed.

The pages ask the public site's own service (`system.public`), the one the public API asks:
masked, current, inside the publication windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.public_registers import Kind
from domain.errors import InvalidIdentifier
from domain.identifiers import compact_form
from domain.reference import ListType
from domain.subject import check_identifier, likely_kind
from interfaces.api.deps import System
from interfaces.api.errors import ApiError
from interfaces.api.rate_limit import limit_identifier_lookups
from interfaces.web.forms import FormState
from interfaces.web.i18n import Translator
from interfaces.web.rendering import PageRoute, error_page, render, translator, with_params
from interfaces.web.session import MaybeVisitor

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 20
PAGE_WINDOW = 2  # page numbers shown either side of the current one
# a document's number, not a name: letters and digits, 15 to 20 of them, at least 8 digits
IDENTIFIER = re.compile(r"^(?=(?:\D*\d){8})[0-9A-Z]{15,20}$")
# with a full name beside it, a passport number too (5 to 20 letters and digits)
DOCUMENT = re.compile(r"^[0-9A-Z]{5,20}$")
LIST_TYPES = tuple(t.value for t in ListType)
LISTS = tuple(t for t in LIST_TYPES if t != ListType.PENALTY.value)
KINDS = ("penalty", "lists", "licence", "commitment")  # 公示类型; none: penalties and lists
REGISTERS: dict[str, Kind] = {"licence": "licence", "commitment": "commitment"}
Text = Annotated[str, Query(max_length=100)]


@dataclass(frozen=True)
class Terms:
    """What a search box held, read: a name fragment or a full identifier (and a full name)."""

    q: str | None
    identifier: str | None
    name: str | None
    errors: dict[str, str]


def search_terms(t: Translator, words: str, name: str = "") -> Terms:
    """One box for both: a full identifier (with the full name beside it for a natural person),
    or a fragment of a name. A number shaped like an identifier that is not a valid one gets a
    field error instead of an empty result; a name without an identifier gets one too."""
    compact = compact_form(words)
    name = name.strip()
    errors: dict[str, str] = {}
    if IDENTIFIER.match(compact) or (name and DOCUMENT.match(compact)):
        if not name or IDENTIFIER.match(compact):
            try:
                check_identifier(likely_kind(compact), compact)
            except InvalidIdentifier as wrong:
                errors["q"] = t.error(wrong)
        return Terms(None, compact, name or None, errors)
    if name:
        errors["name"] = t("public.search.name.alone")
    return Terms(" ".join(words.split()) or None, None, None, errors)


def page_links(request: Request, number: int, pages: int) -> list[dict[str, Any]]:
    """The page numbers around this one, with the first and the last."""
    shown = {1, pages, *range(number - PAGE_WINDOW, number + PAGE_WINDOW + 1)}
    links: list[dict[str, Any]] = []
    for n in sorted(p for p in shown if 1 <= p <= pages):
        if links and n > links[-1]["number"] + 1:
            links.append({"number": None, "url": "", "current": False})
        links.append(
            {"number": n, "url": with_params(request, page=str(n)), "current": n == number}
        )
    return links


@router.get("/")
def search(
    request: Request,
    system: System,
    _: MaybeVisitor,
    q: Text = "",
    name: Annotated[str, Query(max_length=200)] = "",
    domain: Text = "",
    list_type: Text = "",
    kind: Text = "",
    cursor: Text = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    t = translator(request)
    kept_kind = kind if kind in KINDS else ""
    kept_type = list_type if list_type in LIST_TYPES else ""
    kept_domain = domain if system.reference.has_domain(domain) else ""
    terms = search_terms(t, q, name)
    asked = {
        "q": q,
        "name": name,
        "domain": kept_domain,
        "list_type": kept_type,
        "kind": kept_kind,
    }
    state = FormState("search", asked, terms.errors, posted=True)
    context: dict[str, Any] = {
        "asked": asked,
        "terms": terms,
        "forms": state,
        "searched": any(asked.values()),
        "domains": system.reference.domains,
        "list_types": LIST_TYPES,
        "kinds": KINDS,
        "found": None,
        "pages": [],
        "page_url": lambda n: with_params(request, page=str(n)),
        "register_items": None,
        "next_url": "",
    }
    if terms.errors:
        return render(request, "public/search.html", context, 422)
    try:
        limit_identifier_lookups(request, terms.identifier)
    except ApiError as refused:
        answer = error_page(request, refused.status, t("error.too_many"))
        answer.headers.update(refused.headers)
        return answer
    register = REGISTERS.get(kept_kind)
    if register is not None:
        listed = system.public_registers.search(
            register,
            q=terms.q,
            identifier=terms.identifier,
            name=terms.name,
            cursor=cursor or None,
            limit=PAGE_SIZE,
        )
        context["register_items"] = listed.items
        context["next_url"] = (
            with_params(request, cursor=listed.next_cursor) if listed.next_cursor else ""
        )
        return render(request, "public/search.html", context)
    where = system.public.filter_of(
        terms.q,
        terms.identifier,
        kept_domain or None,
        "penalty" if kept_kind == "penalty" else kept_type or None,
        terms.name,
        LISTS if kept_kind == "lists" else None,
    )
    found = system.public.numbered(where, page, PAGE_SIZE)
    context["found"] = found
    context["pages"] = page_links(request, found.number, found.pages) if found.pages > 1 else []
    return render(request, "public/search.html", context)


@router.get("/public/entries/{entry_id}")
def entry(request: Request, entry_id: UUID, system: System, _: MaybeVisitor) -> Response:
    return render(request, "public/entry.html", {"item": system.public.entry(entry_id)})

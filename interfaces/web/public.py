"""信用中国（淮安）: the public site's search, one record and the open data, no account needed.

The pages ask the public site's own service (`system.public`), the one the public API asks:
masked, current, inside the publication windows.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.public_registers import Kind
from domain.reference import ListType
from interfaces.api.deps import System
from interfaces.api.errors import ApiError
from interfaces.api.rate_limit import limit_identifier_lookups
from interfaces.web.rendering import PageRoute, error_page, render, translator, with_params
from interfaces.web.session import MaybeVisitor

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 20
IDENTIFIER = re.compile(r"^[0-9A-Za-z]{18}$")
LIST_TYPES = tuple(t.value for t in ListType)
LISTS = tuple(t for t in LIST_TYPES if t != ListType.PENALTY.value)
KINDS = ("penalty", "lists", "licence", "commitment")  # 公示类型; none: penalties and lists
REGISTERS: dict[str, Kind] = {"licence": "licence", "commitment": "commitment"}
Text = Annotated[str, Query(max_length=100)]


def search_terms(words: str, name: str = "") -> dict[str, str | None]:
    """One box for both: a full 18-character identifier (with the full name beside it for a
    natural person), or a fragment of a name."""
    compact = "".join(words.split())
    if IDENTIFIER.match(compact):
        return {"q": None, "identifier": compact, "name": name.strip() or None}
    return {"q": words.strip() or None, "identifier": None, "name": None}


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
) -> Response:
    kept_kind = kind if kind in KINDS else ""
    kept_type = list_type if list_type in LIST_TYPES else ""
    kept_domain = domain if system.reference.has_domain(domain) else ""
    terms = search_terms(q, name)
    try:
        limit_identifier_lookups(request, terms["identifier"])
    except ApiError as refused:
        page = error_page(request, refused.status, translator(request)("error.too_many"))
        page.headers.update(refused.headers)
        return page
    register = REGISTERS.get(kept_kind)
    if register is not None:
        found = system.public_registers.search(
            register, **terms, cursor=cursor or None, limit=PAGE_SIZE
        )
    else:
        found = system.public.search(
            **terms,
            domain=kept_domain or None,
            list_type="penalty" if kept_kind == "penalty" else kept_type or None,
            list_types=LISTS if kept_kind == "lists" else None,
            cursor=cursor or None,
            limit=PAGE_SIZE,
        )
    asked = {
        "q": q,
        "name": name,
        "domain": kept_domain,
        "list_type": kept_type,
        "kind": kept_kind,
    }
    context: dict[str, Any] = {
        "asked": asked,
        "searched": any(asked.values()),
        "items": found.items,
        "next_url": with_params(request, cursor=found.next_cursor) if found.next_cursor else "",
        "domains": system.reference.domains,
        "list_types": LIST_TYPES,
        "kinds": KINDS,
    }
    return render(request, "public/search.html", context)


@router.get("/public/entries/{entry_id}")
def entry(request: Request, entry_id: UUID, system: System, _: MaybeVisitor) -> Response:
    return render(request, "public/entry.html", {"item": system.public.entry(entry_id)})


@router.get("/public/open-data")
def open_data(request: Request, _: MaybeVisitor) -> Response:
    return render(request, "public/open_data.html", {})

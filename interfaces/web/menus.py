"""The menu of each role: where a user's day starts and what else they may open."""

from __future__ import annotations

from dataclasses import dataclass

from application.accounts import Principal
from domain.accounts import Role


@dataclass(frozen=True)
class MenuItem:
    key: str
    href: str
    active: bool


PUBLIC = ("nav.public", "/")
MENUS: dict[Role | None, tuple[tuple[str, str], ...]] = {
    None: (PUBLIC,),
    Role.OFFICER: (("nav.workbench", "/workbench"), ("nav.dashboard", "/dashboard"), PUBLIC),
    Role.SUBJECT: (("nav.portal", "/portal"), PUBLIC),
    Role.AUDITOR: (("nav.audit", "/audit"), ("nav.dashboard", "/dashboard"), PUBLIC),
    Role.ADMIN: (
        ("nav.dashboard", "/dashboard"),
        ("nav.accounts", "/admin/accounts"),
        ("nav.audit", "/audit"),
        PUBLIC,
    ),
    Role.OFFICE: (("nav.dashboard", "/dashboard"), PUBLIC),
}


def home_of(principal: Principal) -> str:
    return MENUS[principal.role][0][1]


def menu_of(principal: Principal | None, path: str) -> list[MenuItem]:
    items = MENUS[principal.role if principal else None]
    return [MenuItem(key, href, is_under(path, href)) for key, href in items]


def is_under(path: str, href: str) -> bool:
    if href == "/":
        return path == "/" or path.startswith("/public")
    return path == href or path.startswith(href + "/")

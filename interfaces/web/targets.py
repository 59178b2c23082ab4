"""The office sets a domain's target for a year on the dashboard (the API's
`PUT /api/v1/reports/targets/{year}/{domain}`, with the rate in per cent)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import Field
from starlette.responses import Response

from domain.governance import FIRST_YEAR, LAST_YEAR
from interfaces.api.deps import System
from interfaces.api.schemas import Body, Code
from interfaces.web.dashboard import dashboard_page
from interfaces.web.forms import FormSpec, FormState, submitted
from interfaces.web.rendering import PageRoute
from interfaces.web.session import Form, OfficeOnly

router = APIRouter(prefix="/dashboard", route_class=PageRoute, include_in_schema=False)
TARGET = FormSpec("target", ("domain", "rate_percent", "goal"), aliases={"rate": "rate_percent"})


class TargetForm(Body):
    domain: Code
    rate_percent: Annotated[float, Field(ge=0, le=100)]
    goal: Annotated[str, Field(max_length=2000)] = ""


@router.post("/targets/{year}")
def set_target(
    request: Request,
    year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)],
    system: System,
    principal: OfficeOnly,
    form: Form,
) -> Response:
    period = system.governance.current_period(year, None)

    def act() -> str:
        body = TargetForm.model_validate(TARGET.body(form))
        rate = round(body.rate_percent / 100, 4)
        system.governance.set_target(principal, body.domain, year, rate, body.goal)
        return f"/dashboard?year={year}"

    def again(state: FormState) -> Response:
        return dashboard_page(request, system, principal, period, state)

    return submitted(request, TARGET, form, act, again, "target_set")

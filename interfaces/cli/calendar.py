"""`chengxin calendar`: load a year's State Council holiday schedule, show any year's days."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from interfaces.api.routers.calendar import Schedule
from interfaces.cli.running import fail, system

calendar = typer.Typer(help="The working calendar that deadlines count.", no_args_is_help=True)


class ScheduleFile(Schedule):
    year: int


@calendar.command("load")
def load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Load FILE, a JSON {"year", "holidays": [dates], "workdays": [weekend dates worked]}."""
    try:
        schedule = ScheduleFile.model_validate_json(file.read_bytes())
    except ValidationError as error:
        fail(f"validation_error: {file}: {error.errors()[0]['msg']} at {error.errors()[0]['loc']}")
        return
    with system() as chengxin:
        chengxin.schedules.load(schedule.year, schedule.holidays, schedule.workdays)
        shown = chengxin.schedules.year(schedule.year)
        typer.echo(
            f"{shown.year}: {len(shown.holidays)} holidays, {len(shown.workdays)} weekend "
            f"workdays, source {shown.source}"
        )


@calendar.command("show")
def show(year: int) -> None:
    """Where YEAR's days come from (official, loaded, fallback) and its days off and workdays."""
    with system() as chengxin:
        shown = chengxin.schedules.year(year)
    typer.echo(f"{shown.year}: source {shown.source}")
    typer.echo("holidays: " + " ".join(day.isoformat() for day in shown.holidays))
    typer.echo("workdays: " + " ".join(day.isoformat() for day in shown.workdays))

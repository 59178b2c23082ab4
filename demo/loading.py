"""Load the demo city into an empty database, and print its accounts once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from demo.city import DemoCity
from demo.filings import file_sheets
from demo.registers import record_registers
from demo.services import DemoServices, DemoSummary
from domain.errors import Conflict
from infrastructure.bootstrap import Chengxin

log = logging.getLogger("chengxin.demo")


def load_demo(system: Chengxin, echo: Callable[[str], None] = print) -> DemoSummary:
    """The demo city, into a database that holds no records yet (accounts aside)."""
    if system.aggregate_index.holds_records():
        raise Conflict("the database already holds records: the demo loads only into an empty one")
    services = DemoServices(
        app=system.app,
        reference=system.reference,
        calendar=system.calendar,
        worklists=system.worklists,
        accounts=system.accounts,
        governance=system.governance,
    )
    today = system.clock.today()  # read once: a load that runs past midnight keeps its day
    city = DemoCity(services, today)
    summary = city.load()
    file_sheets(system.progress, city.officers, today)
    record_registers(
        system.licences, system.commitments, city.officers, city.subjects, today, city.rng
    )
    echo(describe(summary))
    return summary


def load_demo_if_empty(system: Chengxin) -> DemoSummary | None:
    """At start-up with CHENGXIN_DEMO=1: the demo city, unless the database has records."""
    if not system.settings.demo:
        return None
    if system.aggregate_index.holds_records():
        log.info("CHENGXIN_DEMO=1, but the database already holds records: no demo loaded")
        return None
    log.info("loading the demo city into the empty database ...")
    return load_demo(system)


def describe(summary: DemoSummary) -> str:
    lines = [
        "",
        "Chengxin demo city: "
        f"{summary.subjects} subjects, {summary.cases} cases, {summary.entries} entries, "
        f"{summary.expired} expired by the sweep.",
        "Accounts (passwords are shown this once):",
    ]
    for account in summary.accounts:
        binding = account.department or (str(account.subject_id) if account.subject_id else "")
        role, name = account.role.value, account.username
        lines.append(f"  {role:<8} {name:<36} {account.password}  {binding}")
    return "\n".join(lines) + "\n"

"""The `chengxin` command line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

from domain.accounts import Role
from domain.errors import DomainError
from infrastructure.bootstrap import Chengxin, build

app = typer.Typer(
    help="Chengxin 诚信: cases, lists, objections and credit repair.", no_args_is_help=True
)
users = typer.Typer(help="Accounts.", no_args_is_help=True)
app.add_typer(users, name="users")


def fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


@contextmanager
def system() -> Iterator[Chengxin]:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    built = build()
    try:
        yield built
    except DomainError as error:
        fail(f"{error.code}: {error.message}")
    finally:
        built.close()


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    with typer.progressbar(length=1, label=label) as bar:
        state = {"done": 0}

        def report(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - state["done"])
            state["done"] = done

        yield report


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API and the web pages."""
    import uvicorn

    from interfaces.api.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(), host=host, port=port)


@users.command("create")
def create_user(
    username: str,
    role: Annotated[Role, typer.Option(help="admin, officer, subject, auditor or office.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    department: Annotated[str | None, typer.Option(help="An officer's department code.")] = None,
    subject_id: Annotated[UUID | None, typer.Option(help="A subject account's subject.")] = None,
) -> None:
    """Create an account."""
    with system() as chengxin:
        chengxin.accounts.register(username, password, role, department, subject_id)
        typer.echo(f"created {role.value} {username}")


@users.command("list")
def list_users(role: Annotated[Role | None, typer.Option()] = None) -> None:
    """List accounts."""
    with system() as chengxin:
        after: str | None = None
        while rows := chengxin.account_queries.list_accounts(role, 500, after):
            for row in rows:
                typer.echo(
                    f"{row['username']:<24} {row['role']:<8} "
                    f"{row['department'] or row['subject_id'] or ''}"
                    f"{'' if row['active'] else '  (deactivated)'}"
                )
            after = rows[-1]["username"]


@app.command()
def sweep(
    as_of: Annotated[str | None, typer.Option(help="Day to sweep as of (YYYY-MM-DD).")] = None,
) -> None:
    """Record an expiry for every entry whose maximum period has ended."""
    from datetime import date

    with system() as chengxin:
        expired = chengxin.entries.sweep(date.fromisoformat(as_of) if as_of else None)
    typer.echo(f"recorded {expired} expiries")


@app.command()
def rebuild() -> None:
    """Rebuild every projection from the events (the site keeps answering)."""
    with system() as chengxin, progress_bar("rebuilding") as report:
        events, projections = chengxin.projector.rebuild(report)
    typer.echo(f"rebuilt {projections} projections from {events} events")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    output: Annotated[str | None, typer.Option(help="File to write; stdout if not given.")] = None,
) -> None:
    """Export every public entry as open data (UTF-8; CSV with a header row), streamed."""
    import sys
    from pathlib import Path

    with system() as chengxin:
        chunks = chengxin.public.export(fmt)
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk.encode("utf-8"))
            return
        with Path(output).open("w", encoding="utf-8", newline="") as out:
            out.writelines(chunks)


@app.command()
def verify() -> None:
    """Check every stored event against its seal; exit 1 naming the first broken one."""
    import getpass

    from domain.base import acting_as

    try:
        operator = getpass.getuser()
    except (KeyError, OSError):
        operator = "unknown"
    with (
        system() as chengxin,
        acting_as(f"cli:{operator}"),
        progress_bar("verifying") as report,
    ):
        result = chengxin.audit.check_integrity(report)
    broken = result.first_broken
    if broken is None:
        typer.echo(f"ok: {result.events_checked} events checked, the seal chain is intact")
        return
    typer.secho(
        f"BROKEN at position {broken.position}: {broken.problem} "
        f"(aggregate {broken.aggregate_id or 'unknown'}, version {broken.version or 'unknown'}); "
        f"{result.events_checked} events before it are intact",
        fg=typer.colors.RED,
        err=True,
    )
    raise typer.Exit(1)


@app.command("import")
def import_records(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX file.")],
    as_user: Annotated[
        str | None, typer.Option("--as", help="The importing account (default: the admin).")
    ] = None,
    department: Annotated[
        str | None, typer.Option(help="Deciding department (an admin must name one).")
    ] = None,
) -> None:
    """Import entries in bulk (CSV in UTF-8 or GB18030, or XLSX); new subjects are registered."""
    from domain.base import acting_as
    from infrastructure.tabular import open_table

    with system() as chengxin:
        username = as_user or chengxin.settings.admin_username
        principal = chengxin.accounts.principal(username)
        if principal is None:
            fail(f"no active account {username!r}")
            return
        with path.open("rb") as file, acting_as(principal.actor), progress_bar("importing") as bar:
            table = open_table(file)
            report = chengxin.imports.run(
                principal, table.rows, department, lambda done: bar(done, table.size_hint - 1)
            )
    for rejection in report.rejected:
        typer.echo(f"row {rejection.row}: {rejection.code}: {rejection.message}", err=True)
    typer.echo(
        f"accepted {report.accepted}, unchanged {report.unchanged}, "
        f"rejected {report.rejected_total}"
    )


@app.command()
def demo() -> None:
    """Load the demo city into an empty database and print its accounts (once)."""
    from demo.loading import load_demo

    with system() as chengxin:
        load_demo(chengxin, typer.echo)

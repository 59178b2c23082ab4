"""The `chengxin` command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

from domain.accounts import Role
from infrastructure.settings import InsecureSettings, Settings
from interfaces.cli.calendar import calendar
from interfaces.cli.running import fail, system

app = typer.Typer(
    help="Chengxin 诚信: cases, lists, objections and credit repair.", no_args_is_help=True
)
users = typer.Typer(help="Accounts.", no_args_is_help=True)
app.add_typer(users, name="users")
app.add_typer(calendar, name="calendar")
keys = typer.Typer(help="Keys kept outside the database.", no_args_is_help=True)
app.add_typer(keys, name="keys")


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
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (each its own Python, one port).")
    ] = 1,
) -> None:
    """Serve the API and the web pages."""
    import uvicorn

    from interfaces.api.access_log import configure_logging
    from interfaces.api.app import create_app

    try:
        Settings().resolved_secret_key()  # a weak signing key refuses to start
    except InsecureSettings as error:
        fail(str(error))
    # uvicorn's access log prints query strings (full identifiers): AccessLog logs instead
    if workers == 1:
        configure_logging(Settings().log_format)
        uvicorn.run(create_app(), host=host, port=port, access_log=False, log_config=None)
        return
    _migrate()  # once, before the workers start (each would wait on the lock and skip it)
    configure_logging(Settings().log_format)
    uvicorn.run(  # each worker process builds its app from the environment's settings
        "interfaces.api.app:serve_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
    )


@app.command()
def migrate() -> None:
    """Create or upgrade the tables, the admin account and the read models (and load the demo
    city with CHENGXIN_DEMO=1 into an empty database), then exit. Safe while servers run: the
    work is done under the start-up lock and only what is missing or changed is done."""
    _migrate()
    typer.echo("the database is up to date")


def _migrate() -> None:
    from demo.loading import load_demo_if_empty

    with system(then=load_demo_if_empty):
        pass


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


@users.command("password")
def change_password(
    username: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Set a new password (same policy as at creation); the account's tokens stop working."""
    with system() as chengxin:
        chengxin.accounts.change_password(username, password)
        typer.echo(f"changed the password of {username}")


@users.command("revoke")
def revoke_tokens(username: str) -> None:
    """Revoke every access token and page session of an account."""
    with system() as chengxin:
        chengxin.accounts.revoke_tokens(username, "revoked_by_admin")
        typer.echo(f"revoked the tokens of {username}")


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
def verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="A checkpoint kept elsewhere: also detect truncation "
            "after it and any rewrite before it.",
        ),
    ] = None,
) -> None:
    """Check every stored event against its seal; exit 1 naming the first broken one."""
    from domain.base import acting_as
    from infrastructure.seal_keys import read_checkpoint

    with system() as chengxin, acting_as(f"cli:{_operator()}"):
        anchor = (
            None if checkpoint is None else read_checkpoint(checkpoint, chengxin.store.seal_key)
        )
        with progress_bar("verifying") as report:
            result = chengxin.audit.check_integrity(report, anchor)
    broken = result.first_broken
    if broken is None:
        against = "" if anchor is None else f", and matches the checkpoint at {anchor.position}"
        typer.echo(f"ok: {result.events_checked} events checked, the seal chain is intact{against}")
        return
    typer.secho(
        f"BROKEN at position {broken.position}: {broken.problem} "
        f"(aggregate {broken.aggregate_id or 'unknown'}, version {broken.version or 'unknown'}); "
        f"{result.events_checked} events before it are intact",
        fg=typer.colors.RED,
        err=True,
    )
    raise typer.Exit(1)


@app.command("checkpoint")
def write_checkpoint(
    output: Annotated[Path | None, typer.Option(help="File to write; stdout if not given.")] = None,
) -> None:
    """Print (or write) a checkpoint of the seal chain, signed with the seal key, to keep
    elsewhere; `chengxin verify --checkpoint FILE` checks the store against it later."""
    from infrastructure.seal_keys import checkpoint_json

    with system() as chengxin:
        text = checkpoint_json(chengxin.audit.checkpoint()) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote the checkpoint to {output}", err=True)


def _operator() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


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


@keys.command("rotate-identifier")
def rotate_identifier_key() -> None:
    """A new key for the public site's identifier hashes; rebuilds them at once. Stop the
    servers first and start them afterwards: each keeps the key it started with."""
    from infrastructure.identifier_keys import KeyFromEnvironment, rotate_identifier_secret

    try:
        key_file = rotate_identifier_secret(Settings())
    except KeyFromEnvironment as error:
        fail(str(error))
        return
    with system():  # starting up with the new key rebuilds what the old one hashed
        typer.echo(f"new identifier key in {key_file}; the public site's hashes are rebuilt")


@app.command()
def demo() -> None:
    """Load the demo city into an empty database and print its accounts (once)."""
    from demo.loading import load_demo

    # under the start-up lock: a server starting meanwhile with CHENGXIN_DEMO=1 waits, then skips
    with system(then=lambda chengxin: load_demo(chengxin, typer.echo)):
        pass

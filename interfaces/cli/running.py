"""What every command does around its work: build the system, turn refusals into a message."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

from domain.errors import DomainError
from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import InsecureSettings


def fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


@contextmanager
def system(then: Callable[[Chengxin], object] | None = None) -> Iterator[Chengxin]:
    """The system, built under the start-up lock (with `then` done under it too)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from infrastructure.seal_keys import SealKeyMismatch

    try:
        built = build(then=then)
    except InsecureSettings as error:
        fail(str(error))
        raise
    except SealKeyMismatch as error:
        fail(f"seal_key_mismatch: {error}")
        raise
    except DomainError as error:  # refused by the work done under the start-up lock
        fail(f"{error.code}: {error.message}")
        raise
    try:
        yield built
    except DomainError as error:
        fail(f"{error.code}: {error.message}")
    finally:
        built.close()

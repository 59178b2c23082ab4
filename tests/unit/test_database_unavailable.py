"""Which errors mean the database is away (answered 503, to be tried again) and which are bugs."""

from __future__ import annotations

import eventsourcing.persistence
import pytest
import sqlalchemy.exc

from infrastructure.persistence import database_unavailable


def lost(kind: type[sqlalchemy.exc.DBAPIError]) -> sqlalchemy.exc.DBAPIError:
    return kind("SELECT 1", {}, ConnectionError("server closed the connection unexpectedly"))


def raised_from(cause: BaseException) -> RuntimeError:
    try:
        raise RuntimeError("the save failed") from cause
    except RuntimeError as error:
        return error


@pytest.mark.parametrize(
    "error",
    [
        lost(sqlalchemy.exc.OperationalError),
        lost(sqlalchemy.exc.InterfaceError),
        eventsourcing.persistence.OperationalError("connection refused"),
        eventsourcing.persistence.InterfaceError("connection already closed"),
        raised_from(lost(sqlalchemy.exc.OperationalError)),
    ],
)
def test_a_lost_connection_is_the_database_away(error: BaseException) -> None:
    assert database_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        lost(sqlalchemy.exc.IntegrityError),
        lost(sqlalchemy.exc.ProgrammingError),
        ValueError("a bug"),
        raised_from(KeyError("a bug")),
    ],
)
def test_anything_else_is_not(error: BaseException) -> None:
    assert not database_unavailable(error)

"""The hourly sweep runs once per hour across every process on one database, not once per process:
two systems over one database stand for two server processes, each with its sweeper running."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from infrastructure.bootstrap import Chengxin, build
from infrastructure.settings import Settings
from interfaces.api.routers.operations import sweep_once_this_hour, sweeping

OFTEN = 0.02  # seconds between a sweeper's looks; each looks many times in one "hour"


class Hour:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 7, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def two(settings: Settings) -> Iterator[tuple[Chengxin, Chengxin, Hour, list[str]]]:
    hour = Hour()
    swept: list[str] = []
    first, second = build(settings), build(settings)
    for name, system in (("first", first), ("second", second)):
        system.claims.now = hour
        sweep = system.entries.sweep

        def counted(as_of: object = None, sweep: object = sweep, name: str = name) -> int:
            swept.append(name)
            return sweep(as_of)  # type: ignore[operator,no-any-return]

        system.entries.sweep = counted  # type: ignore[method-assign]
    yield first, second, hour, swept
    first.close()
    second.close()


def run_both(first: Chengxin, second: Chengxin) -> None:
    with sweeping(first, every=OFTEN), sweeping(second, every=OFTEN):
        time.sleep(20 * OFTEN)


def test_two_processes_sweep_once_per_hour(two: tuple[Chengxin, Chengxin, Hour, list[str]]) -> None:
    first, second, hour, swept = two
    run_both(first, second)
    assert len(swept) == 1  # dozens of looks by two sweepers, one sweep in the hour

    hour.now += timedelta(minutes=50)  # the same hour still
    run_both(first, second)
    assert len(swept) == 1

    hour.now += timedelta(minutes=10)  # the next hour: one sweep again
    run_both(first, second)
    assert len(swept) == 2


def test_a_failed_sweep_gives_the_hour_back(
    two: tuple[Chengxin, Chengxin, Hour, list[str]],
) -> None:
    first, second, _, swept = two

    def broken(as_of: object = None) -> int:
        swept.append("broken")
        raise RuntimeError("the database went away")

    first.entries.sweep = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        sweep_once_this_hour(first)
    assert sweep_once_this_hour(second) is True  # the hour was released: the other sweeps
    assert sweep_once_this_hour(first) is False
    assert swept == ["broken", "second"]

"""Operations: rebuild the projections, and the hourly sweep that records expiries.

The public queries never show an entry past its window, whatever the sweep did; the sweep makes
the expiry an event, so officers' lists and the third parties' change feed (`withdrawn`) follow.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter

from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import Admin, System
from interfaces.api.schemas.operations import RebuildOut

log = logging.getLogger("chengxin.sweeper")
router = APIRouter(prefix="/api/v1/admin", tags=["operations"])
HOUR = 3600.0
STOP_WAIT = 30.0
SWEEP = "sweep"


@router.post("/rebuild", response_model=RebuildOut)
def rebuild(system: System, _: Admin) -> RebuildOut:
    """Every projection from the events; the site answers from the old rows until it is done."""
    events, projections = system.projector.rebuild()
    return RebuildOut(events=events, projections=projections)


def sweep_until(system: Chengxin, stop: threading.Event, every: float) -> None:
    while True:
        try:
            sweep_once_this_hour(system)
        except Exception:
            log.exception("the sweep failed; it runs again in %.0f s", every)
        if stop.wait(every):
            return


def sweep_once_this_hour(system: Chengxin) -> bool:
    """Sweeps unless another process has swept in this hour; True when this one swept."""
    if not system.claims.claim(SWEEP):
        return False
    try:
        expired = system.entries.sweep()
    except Exception:
        system.claims.release(SWEEP)  # another process may sweep this hour instead
        raise
    if expired:
        log.info("recorded %d expiries", expired)
    return True


@contextmanager
def sweeping(system: Chengxin, every: float = HOUR) -> Iterator[None]:
    """Sweep at start-up, then every `every` seconds, until the block ends; in each hour only
    the first process to claim it sweeps."""
    stop = threading.Event()
    thread = threading.Thread(
        target=sweep_until, args=(system, stop, every), name="chengxin-sweeper", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(STOP_WAIT)

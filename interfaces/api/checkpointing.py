"""The server's daily checkpoint of the seal chain, written into a folder outside the database."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from infrastructure.bootstrap import Chengxin

log = logging.getLogger("chengxin.seals")
EVERY = 3600.0  # looks hourly whether a day has passed since the latest checkpoint
STOP_WAIT = 30.0
CHECKPOINT = "checkpoint"


def checkpoint_if_due(system: Chengxin) -> None:
    if system.checkpoints.due(datetime.now(UTC)):
        path = system.checkpoints.write(system.audit.checkpoint())
        log.info("wrote the daily checkpoint %s", path.name)


def checkpoint_until(system: Chengxin, stop: threading.Event, every: float) -> None:
    while True:
        try:
            if system.claims.claim(CHECKPOINT):  # one process of all looks, once an hour
                checkpoint_if_due(system)
        except Exception:
            log.exception("the daily checkpoint failed; it is tried again in %.0f s", every)
        if stop.wait(every):
            return


@contextmanager
def checkpointing(system: Chengxin, every: float = EVERY) -> Iterator[None]:
    """A checkpoint at start-up when the latest is a day old, then daily, until the block ends."""
    stop = threading.Event()
    thread = threading.Thread(
        target=checkpoint_until,
        args=(system, stop, every),
        name="chengxin-checkpoints",
        daemon=True,
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(STOP_WAIT)

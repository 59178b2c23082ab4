"""How fast this machine runs plain Python, printed beside each benchmark's figures: throughput
here is bound by one core's speed, which differs several-fold between machines of the same kind
(and between runs on a shared one)."""

from __future__ import annotations

import platform
import time

LOOP = 10_000_000


def reference_seconds() -> float:
    """Seconds for a plain 10-million-step Python loop (about 0.5 s on a fast desktop core)."""
    started = time.perf_counter()
    total = 0
    for step in range(LOOP):
        total += step
    return time.perf_counter() - started


def describe(when: str = "before") -> str:
    """Printed before and after a benchmark: on a shared machine the speed drifts meanwhile."""
    return (
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; a 10M-step Python loop takes {reference_seconds():.2f} s "
        f"({when})"
    )

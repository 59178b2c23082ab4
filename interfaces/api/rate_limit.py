"""Anonymous look-ups by identifier, at most `CHENGXIN_PUBLIC_RATE_LIMIT` a minute per client
address (API.md §8.5): enumerating the candidates of a masked identifier then takes longer than
any use of it. One limiter per process, in memory: with N workers a client gets at most N times
the limit, which still leaves years of guessing for the 10^9 candidates a mask leaves.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import Request

from interfaces.api.errors import ApiError

WINDOW_S = 60.0
PRUNE_EVERY = 1024


class SlidingWindow:
    """At most `limit` hits per client in any window of `WINDOW_S` seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def retry_after(self, client: str, limit: int) -> int | None:
        """Record a hit and return None, or the seconds to wait when over the limit."""
        now = self.clock()
        with self._lock:
            self._calls += 1
            if self._calls % PRUNE_EVERY == 0:
                self._prune(now)
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + WINDOW_S - now))
            hits.append(now)
            return None

    def _prune(self, now: float) -> None:
        """Forget clients whose last hit has left the window: memory stays bounded."""
        for client in [c for c, hits in self._hits.items() if hits[-1] <= now - WINDOW_S]:
            del self._hits[client]


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def limit_identifier_lookups(request: Request, identifier: str | None) -> None:
    """429 `too_many_requests` with `Retry-After` once the client's minute is used up."""
    if not identifier:
        return
    limit: int = request.app.state.system.settings.public_rate_limit
    if limit == 0:
        return
    limiter: SlidingWindow = request.app.state.identifier_lookups
    wait = limiter.retry_after(client_address(request), limit)
    if wait is not None:
        raise ApiError(
            429,
            "too_many_requests",
            f"at most {limit} look-ups by identifier a minute; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )

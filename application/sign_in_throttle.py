"""Failed sign-ins per client address, kept in this process: the growing delay and the lock of
an address that tries many accounts, which no single account's own count would see."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from datetime import datetime, timedelta

from domain.sign_in import MAX_DELAY, seconds_until

ADDRESS_FREE_FAILURES = 10
ADDRESS_LOCK_FAILURES = 30
ADDRESS_WINDOW = timedelta(minutes=15)
MAX_ADDRESSES = 50_000


class AddressThrottle:
    """A sliding window of failures per address: past `free` failures each attempt waits a
    doubling delay; at `limit` failures in the window the address waits for the window."""

    def __init__(
        self,
        free: int = ADDRESS_FREE_FAILURES,
        limit: int = ADDRESS_LOCK_FAILURES,
        window: timedelta = ADDRESS_WINDOW,
    ) -> None:
        self.free = free
        self.limit = limit
        self.window = window
        self._failures: OrderedDict[str, deque[datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def seconds_to_wait(self, address: str | None, now: datetime) -> int:
        if not address:
            return 0
        with self._lock:
            failures = self._recent(address, now)
            if not failures:
                return 0
            if len(failures) >= self.limit:
                return seconds_until(failures[0] + self.window, now)
            if len(failures) < self.free:
                return 0
            delay = min(timedelta(seconds=2 ** (len(failures) - self.free)), MAX_DELAY)
            return seconds_until(failures[-1] + delay, now)

    def failed(self, address: str | None, now: datetime) -> None:
        if not address:
            return
        with self._lock:
            failures = self._recent(address, now)
            failures.append(now)
            self._failures[address] = failures
            self._failures.move_to_end(address)
            while len(self._failures) > MAX_ADDRESSES:
                self._failures.popitem(last=False)

    def _recent(self, address: str, now: datetime) -> deque[datetime]:
        failures = self._failures.get(address, deque())
        while failures and failures[0] + self.window <= now:
            failures.popleft()
        while len(failures) > self.limit:
            failures.popleft()
        if not failures:
            self._failures.pop(address, None)
        return failures

"""Whether the hub's store works, as ``/healthz`` reports it.

Three signals, each cheap: a damaged store (an integrity check failed, or the store said
its pages are corrupt), which stays damaged until the hub is restarted on a restored
file; the last write failing for lack of space or of a reachable store, until a write
commits again (or, for an unreachable store, until the probe reaches it); and a probe
query at most every :data:`PROBE_SECONDS`, so a flood of health requests never becomes a
flood of queries.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from wa_desk.hub.db.errors import StorageError, StoreCause

PROBE_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class HealthReport:
    """``error`` is None when the store works; its cause and public text otherwise."""

    error: StorageError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def store(self) -> str:
        """``ok``, ``unavailable``, ``full`` or ``damaged``."""
        return "ok" if self.error is None else str(self.error.cause)


_OK = HealthReport()


class StoreHealth:
    """Thread-safe: the writer thread, readers and the integrity check all report here."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._damaged: StorageError | None = None
        self._write_failure: StorageError | None = None
        self._probe_failure: StorageError | None = None
        self._probed_at = float("-inf")

    def damaged(self, error: StorageError) -> None:
        with self._lock:
            if self._damaged is None:
                self._damaged = error

    def failed(self, error: StorageError, *, writing: bool) -> None:
        if error.cause is StoreCause.DAMAGED:
            self.damaged(error)
        elif writing:
            with self._lock:
                self._write_failure = error

    def committed(self) -> None:
        if self._write_failure is not None:
            with self._lock:
                self._write_failure = None

    def probe_due(self) -> bool:
        """True at most once per :data:`PROBE_SECONDS` (the caller then probes)."""
        now = time.monotonic()
        with self._lock:
            if now - self._probed_at < PROBE_SECONDS:
                return False
            self._probed_at = now
            return True

    def probed(self, error: StorageError | None) -> None:
        with self._lock:
            self._probe_failure = error
            lost = self._write_failure
            if error is None and lost is not None and lost.cause is StoreCause.UNAVAILABLE:
                self._write_failure = None  # reachable again: writes will work
            if error is not None and error.cause is StoreCause.DAMAGED:
                self._damaged = self._damaged or error

    def report(self) -> HealthReport:
        with self._lock:
            failure = self._damaged or self._probe_failure or self._write_failure
        return _OK if failure is None else HealthReport(failure)

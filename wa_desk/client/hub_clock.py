"""The hub's clock as this computer sees it, from the ``Date`` of the hub's answers.

The hub refuses action-log events stamped too far ahead of its own clock, and a sealed
event can never be stamped again: a workstation whose clock runs minutes fast would see
its actions refused for good. So the times the app writes follow the hub's clock once the
hub has answered: ``now()`` is this computer's time corrected by the difference seen. A
``Date`` header has a resolution of one second, so a difference under two seconds is
taken as none (the usual case on a synchronised machine); until the hub answers, or with
no usable header, the computer's own clock stands.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime

from wa_desk.core.clock import Millis, now_ms

NOISE_MS = 2_000


class HubClock:
    def __init__(self, local: Callable[[], Millis] = now_ms) -> None:
        """``local``: this computer's clock."""
        self._local = local
        self.offset_ms: Millis = 0

    def now(self) -> Millis:
        return self._local() + self.offset_ms

    def note(self, date_header: str | None) -> None:
        """Take the ``Date`` of an answer just received."""
        received_ms = self._local()
        if not date_header:
            return
        try:
            hub_ms = int(parsedate_to_datetime(date_header).timestamp() * 1000)
        except (TypeError, ValueError, OverflowError):
            return
        # The header is truncated to the second: the hub's time was in [hub_ms, hub_ms + 1 s).
        offset = hub_ms + 500 - received_ms
        self.offset_ms = offset if abs(offset) >= NOISE_MS else 0

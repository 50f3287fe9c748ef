"""Exponential backoff with jitter, so many desktops do not reconnect in lockstep."""

from __future__ import annotations

import random


class Backoff:
    """Delays ``base * 2**n`` capped at ``cap``; the top ``jitter`` of each is random:
    0.5 (the default) draws from the upper half, 1.0 is "full jitter" (anywhere from 0)."""

    def __init__(
        self,
        base: float = 0.5,
        cap: float = 30.0,
        rng: random.Random | None = None,
        *,
        jitter: float = 0.5,
    ) -> None:
        self.base = base
        self.cap = cap
        self.jitter = jitter
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        ceiling: float = min(self.cap, self.base * 2.0 ** min(self.failures, 32))
        self.failures += 1
        random_part = ceiling * self.jitter
        return ceiling - random_part + self._rng.uniform(0, random_part)

    def reset(self) -> None:
        self.failures = 0

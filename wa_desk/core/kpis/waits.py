"""The stretches in which the customer waits for a person, and abandonment
(docs/kpis.md, "First response time", "Next response time", "Abandonment")."""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.periods import Period
from wa_desk.core.window import WINDOW_MS

SHORT_ABANDON_MS: Millis = 60_000


@dataclass(frozen=True, slots=True)
class Wait:
    start: Millis
    end: Millis | None  # the human reply that ended it, or None: unanswered
    first: bool  # the period's first wait: its first response; later ones are next responses


def waits(period: Period) -> tuple[Wait, ...]:
    """A wait starts at a customer message while none runs (or at a reopening) and ends at
    the next human reply; further customer messages and anything not sent by a person
    leave it running."""
    found: list[Wait] = []
    start: Millis | None = period.start if period.reopened else None
    for message in period.messages:
        if message.inbound:
            if start is None:
                start = message.at
        elif message.is_human_reply and start is not None:
            found.append(Wait(start, message.at, not found))
            start = None
    if start is not None:
        found.append(Wait(start, None, not found))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Abandon:
    at: Millis  # the close or the window's expiry, whichever came first
    waited: Millis  # wall time from the period's first customer message to ``at``

    @property
    def short(self) -> bool:
        """Under 60 s: not counted against the SLA."""
        return self.waited < SHORT_ABANDON_MS


def window_expiry(period: Period, now: Millis) -> Millis | None:
    """When the 24 h window first expired in the period with the customer's last word
    unanswered by then, if it did by ``now`` (or by the close)."""
    inbound = [m.at for m in period.messages if m.inbound]
    limit = now if period.end is None else min(now, period.end)
    for i, at in enumerate(inbound):
        following = inbound[i + 1] if i + 1 < len(inbound) else None
        expiry = at + WINDOW_MS
        if (following is None or following >= expiry) and expiry <= limit:
            return expiry
    return None


def abandon(period: Period, now: Millis) -> Abandon | None:
    """The customer wrote in the period and no human reply came before it closed or the
    window expired."""
    inbound = [m.at for m in period.messages if m.inbound]
    if not inbound:
        return None
    candidates = [t for t in (period.end, window_expiry(period, now)) if t is not None]
    if not candidates:
        return None
    at = min(candidates)
    if any(m.is_human_reply and m.at <= at for m in period.messages):
        return None
    return Abandon(at, at - inbound[0])

"""Handle time (docs/kpis.md, "Handle time"): while an agent holds the conversation, the
clock runs from the start of the hold and from each customer message, and pauses once
the customer has been silent for 10 minutes."""

from __future__ import annotations

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import MINUTE_MS, Elapsed, Message, Span
from wa_desk.core.kpis.holds import Hold

SILENCE_MS: Millis = 10 * MINUTE_MS


def active_stretches(hold: Hold, messages: tuple[Message, ...]) -> list[tuple[Millis, Millis]]:
    starts = [hold.start, *(m.at for m in messages if m.inbound and hold.start < m.at < hold.end)]
    merged: list[tuple[Millis, Millis]] = []
    for start in sorted(starts):
        end = min(start + SILENCE_MS, hold.end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def handle_time(
    holds: tuple[Hold, ...], messages: tuple[Message, ...], elapsed: Elapsed
) -> dict[str, Span]:
    """Per agent, the sum of their active stretches over all their holds."""
    totals: dict[str, Span] = {}
    for hold in holds:
        for start, end in active_stretches(hold, messages):
            got = totals.get(hold.agent, Span(0, 0))
            totals[hold.agent] = Span(got.wall + end - start, got.business + elapsed(start, end))
    return totals

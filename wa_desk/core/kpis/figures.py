"""One conversation's figures, exactly as docs/kpis.md defines them."""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import ConversationEvents, Elapsed, Span
from wa_desk.core.kpis.handle import handle_time
from wa_desk.core.kpis.holds import holds
from wa_desk.core.kpis.periods import periods
from wa_desk.core.kpis.rates import transfers
from wa_desk.core.kpis.sla import SlaResult, SlaTargets, period_sla
from wa_desk.core.kpis.waits import Abandon, abandon, waits, window_expiry


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    start: Millis
    end: Millis | None
    first_response: Span | None  # None: no human reply yet
    next_responses: tuple[Span, ...]
    resolution: Span | None  # None while open
    abandoned: Abandon | None
    sla: tuple[SlaResult, ...]
    window_expired_unanswered: bool


@dataclass(frozen=True, slots=True)
class ConversationFigures:
    periods: tuple[PeriodFigures, ...]
    handle_time: dict[str, Span]  # agent -> their active time
    transfers: int

    @property
    def needed_a_person(self) -> bool:
        """Whether it counts as a contact against an earlier close (repeat contact, FCR):
        anything but a conversation closed with no human reply before its window expired
        (a "gracias" an agent closed as it was). One still open counts: until someone
        looks, a customer who came back is presumed to need someone."""
        if not self.periods or self.periods[-1].end is None:
            return True
        return any(
            p.first_response is not None or p.window_expired_unanswered for p in self.periods
        )


def conversation_figures(
    events: ConversationEvents, targets: SlaTargets, now: Millis, elapsed: Elapsed
) -> ConversationFigures:
    found: list[PeriodFigures] = []
    for period in periods(events):
        period_waits = waits(period)
        answered = [Span.between(w.start, w.end, elapsed) for w in period_waits if w.end]
        first = period_waits[0] if period_waits else None
        gone = abandon(period, now)
        expired = window_expiry(period, now)
        found.append(
            PeriodFigures(
                start=period.start,
                end=period.end,
                first_response=answered[0] if first and first.end else None,
                next_responses=tuple(answered[1:] if first and first.end else answered),
                resolution=None
                if period.end is None
                else Span.between(period.start, period.end, elapsed),
                abandoned=gone,
                sla=period_sla(period, period_waits, gone, targets, now, elapsed),
                window_expired_unanswered=gone is not None and gone.at == expired,
            )
        )
    return ConversationFigures(
        tuple(found),
        handle_time(holds(events.facts, now), events.messages, elapsed),
        transfers(events.facts),
    )

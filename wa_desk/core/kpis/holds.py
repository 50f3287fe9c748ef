"""Who held the conversation when: from a claim, an assignment, a transfer to them, a
take-over or a reopening, to a release, a return to the queue by the routing, a transfer
or take-over away, or a close."""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import Fact

_TAKES = {AuditKind.CONVERSATION_CLAIMED, AuditKind.CONVERSATION_REOPENED}
_HANDS_TO = {
    AuditKind.CONVERSATION_ASSIGNED,
    AuditKind.CONVERSATION_TRANSFERRED,
    AuditKind.CONVERSATION_TAKEN_OVER,
}
_ENDS = {
    AuditKind.CONVERSATION_RELEASED,
    AuditKind.CONVERSATION_REQUEUED,
    AuditKind.CONVERSATION_CLOSED,
}


@dataclass(frozen=True, slots=True)
class Hold:
    agent: str
    start: Millis
    end: Millis  # ``now`` for a hold that still lasts


def holds(facts: tuple[Fact, ...], now: Millis) -> tuple[Hold, ...]:
    found: list[Hold] = []
    holder: tuple[str, Millis] | None = None
    for fact in sorted(facts, key=lambda f: f.at):
        taker: str | None = None
        if fact.kind in _TAKES:
            taker = fact.actor
        elif fact.kind in _HANDS_TO:
            taker = fact.to_user  # None: back to the queue
        elif fact.kind not in _ENDS:
            continue
        if holder is not None:
            found.append(Hold(holder[0], holder[1], fact.at))
        holder = None if taker is None else (taker, fact.at)
    if holder is not None:
        found.append(Hold(holder[0], holder[1], now))
    return tuple(h for h in found if h.end > h.start)

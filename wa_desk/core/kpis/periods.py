"""Measurement periods: opened (or reopened) to closed. A reopening starts a new one;
what the customer writes between a close and a reopening belongs to none."""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import ConversationEvents, Message


@dataclass(frozen=True, slots=True)
class Period:
    start: Millis
    end: Millis | None  # the close, or None while it is open
    reopened: bool
    messages: tuple[Message, ...]  # those with start <= at <= end, in time order


def periods(events: ConversationEvents) -> tuple[Period, ...]:
    bounds: list[tuple[Millis, Millis | None, bool]] = []
    start: Millis | None = events.opened_at
    reopened = False
    for fact in sorted(events.facts, key=lambda f: f.at):
        if fact.kind is AuditKind.CONVERSATION_CLOSED and start is not None:
            bounds.append((start, fact.at, reopened))
            start = None
        elif fact.kind is AuditKind.CONVERSATION_REOPENED and start is None:
            start, reopened = fact.at, True
    if start is not None:
        bounds.append((start, None, reopened))
    ordered = sorted(events.messages, key=lambda m: m.at)
    return tuple(
        Period(s, e, r, tuple(m for m in ordered if s <= m.at and (e is None or m.at <= e)))
        for s, e, r in bounds
    )

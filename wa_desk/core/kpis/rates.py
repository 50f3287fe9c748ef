"""Figures that are ratios of counts: transfers, guideline compliance, occupancy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import Fact


def transfers(facts: Iterable[Fact]) -> int:
    return sum(f.kind is AuditKind.CONVERSATION_TRANSFERRED for f in facts)


@dataclass(frozen=True, slots=True)
class GuidelineCounts:
    sends: int  # ``message.sent`` by the agent
    blocks: int  # ``guideline.blocked`` (the device's and the hub's)
    overrides: int  # ``guideline.overridden``
    ticked: int  # checklist items ticked in ``conversation.closed`` data
    items: int  # checklist items offered in those closes
    canned: int = 0  # ``canned_reply.used``: sends whose text came from a canned reply


@dataclass(frozen=True, slots=True)
class Compliance:
    blocks_per_100_sends: float | None
    overrides_per_100_sends: float | None
    checklist_ticked_percent: float | None
    canned_replies_per_100_sends: float | None


def compliance(c: GuidelineCounts) -> Compliance:
    def per_100(n: int) -> float | None:
        return None if c.sends == 0 else 100 * n / c.sends

    ticked = None if c.items == 0 else 100 * c.ticked / c.items
    return Compliance(per_100(c.blocks), per_100(c.overrides), ticked, per_100(c.canned))


@dataclass(frozen=True, slots=True)
class Available:
    """A stretch in which the agent's status was ``available`` or ``busy``."""

    start: Millis
    end: Millis
    capacity: int


def occupancy(
    held: Iterable[tuple[Millis, Millis]], available: Iterable[Available]
) -> float | None:
    """∫ open conversations held dt ÷ ∫ capacity dt, both over the time available."""
    stretches = list(available)
    capacity_time = sum(a.capacity * (a.end - a.start) for a in stretches)
    if capacity_time == 0:
        return None
    load = sum(
        max(0, min(end, a.end) - max(start, a.start)) for start, end in held for a in stretches
    )
    return load / capacity_time

"""Routing per queue (``[[policy.routing]]``): who gets a conversation waiting in a queue
without anyone asking for it.

``mode`` says how: ``manual`` (agents claim, supervisors assign: the default),
``round_robin`` (each agent in turn, from where the queue's last automatic assignment
left off) or ``least_busy`` (the agent holding the fewest open conversations; of equals,
the one whose last automatic assignment is the oldest, then by id). Only agents who are
``available`` and hold fewer conversations than their capacity get one.

``sticky_days``: a customer who writes again within that many days of the close of
their last conversation goes first to the agent who held it, if that agent can take it
now (in any mode, ``manual`` too); otherwise the queue's mode decides.

``reassign_after_minutes``: a conversation whose customer has waited that long on an
assignee who does not answer goes back to the queue, and the routing gives it to
someone else: it passes that agent over for it until it next gives it to anyone (the
agent may still claim it back).

Which of the eligible agents gets a conversation is decided here; who is eligible (the
store's statuses, loads and capacities) is the hub's to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy, queue_entries

ROUTING_ACTOR = "hub:routing"  # the actor of every fact the routing records
MAX_REASSIGN_MINUTES = 7 * 24 * 60
MAX_STICKY_DAYS = 365

_KEYS = {"queue", "mode", "reassign_after_minutes", "sticky_days"}


class RoutingMode(StrEnum):
    MANUAL = "manual"
    ROUND_ROBIN = "round_robin"
    LEAST_BUSY = "least_busy"


class RoutingReason(StrEnum):
    """Why the routing chose an agent (the ``reason`` of its ``conversation.assigned``)."""

    ROUND_ROBIN = "round_robin"
    LEAST_BUSY = "least_busy"
    STICKY = "sticky"  # the agent who held the customer's last conversation


@dataclass(frozen=True, slots=True)
class RoutingPolicy:
    queue: str  # a queue name, or ``*`` for every queue without its own
    mode: RoutingMode = RoutingMode.MANUAL
    reassign_after_minutes: int | None = None
    sticky_days: int | None = None

    @property
    def routes(self) -> bool:
        """Whether the hub assigns anything in this queue on its own."""
        return self.mode != RoutingMode.MANUAL or self.sticky_days is not None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An agent who may take a conversation now: available, under capacity."""

    id: str
    load: int  # open conversations they hold, in any queue
    last_routed_at: int  # their last automatic assignment (0: never)


def routing_for(entries: Iterable[RoutingPolicy], queue: str) -> RoutingPolicy:
    """The queue's own entry, which replaces the every-queue one, else that one, else
    manual."""
    by_queue = {e.queue: e for e in entries}
    return by_queue.get(queue) or by_queue.get(ALL_QUEUES) or RoutingPolicy(queue)


def next_in_turn(candidates: Sequence[Candidate], after: str | None) -> Candidate | None:
    """Round robin: the first candidate by id after ``after`` (the queue's last one),
    around to the first."""
    ordered = sorted(candidates, key=lambda c: c.id)
    if not ordered:
        return None
    if after is None:
        return ordered[0]
    return next((c for c in ordered if c.id > after), ordered[0])


def least_busy(candidates: Sequence[Candidate]) -> Candidate | None:
    """The fewest open conversations; of equals, the longest since their last automatic
    assignment, then the smallest id."""
    return min(candidates, key=lambda c: (c.load, c.last_routed_at, c.id), default=None)


def choose(
    mode: RoutingMode, candidates: Sequence[Candidate], after: str | None
) -> Candidate | None:
    """The agent the queue's mode gives the next waiting conversation to (None in manual
    mode, or with nobody free)."""
    if mode == RoutingMode.ROUND_ROBIN:
        return next_in_turn(candidates, after)
    if mode == RoutingMode.LEAST_BUSY:
        return least_busy(candidates)
    return None


def routing_from_json(raw: Any, where: str = "routing") -> tuple[RoutingPolicy, ...]:
    """The ``routing`` list of the hub's policy, checked; one entry per queue."""
    out: list[RoutingPolicy] = []
    for at, queue, entry in queue_entries(raw, where, _KEYS):
        mode = entry.get("mode", RoutingMode.MANUAL.value)
        if mode not in set(RoutingMode):
            modes = ", ".join(m.value for m in RoutingMode)
            raise InvalidPolicy(f"{at}.mode", f"must be one of {modes}, not {mode!r}")
        reassign = _whole(
            entry.get("reassign_after_minutes"),
            f"{at}.reassign_after_minutes",
            MAX_REASSIGN_MINUTES,
            "minutes",
        )
        sticky = _whole(entry.get("sticky_days"), f"{at}.sticky_days", MAX_STICKY_DAYS, "days")
        out.append(RoutingPolicy(queue, RoutingMode(mode), reassign, sticky))
    return tuple(out)


def _whole(value: Any, where: str, high: int, unit: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise InvalidPolicy(where, f"must be a whole number of {unit} from 1 to {high}")
    return value

"""Agents' statuses and capacities (``[[policy.agents]]``).

An agent's capacity is how many conversations they hold at once. The policy gives a
default per queue (a queue's own entry replaces the ``"*"`` one, and without either the
built-in ``DEFAULT_CAPACITY``); an agent in several queues gets the smallest of theirs,
so no queue's expectation is exceeded. A supervisor may set one agent's own capacity,
which then replaces the policy's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy, queue_entries

DEFAULT_CAPACITY = 5
MAX_CAPACITY = 100
_KEYS = {"queue", "capacity"}


class AgentStatus(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"  # at work, taking no new conversations
    AWAY = "away"
    OFFLINE = "offline"


AGENT_STATUSES: tuple[str, ...] = tuple(s.value for s in AgentStatus)


@dataclass(frozen=True, slots=True)
class QueueCapacity:
    queue: str
    capacity: int


class InvalidCapacity(InvalidPolicy):
    """A ``[[policy.agents]]`` entry that cannot be used; ``where`` names the faulty key."""


def check_capacity(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise InvalidCapacity(
            where,
            f"must be a whole number of conversations from 1 to {MAX_CAPACITY}, not {value!r}",
        )
    return value


def capacities_from_json(raw: Any, where: str = "agents") -> tuple[QueueCapacity, ...]:
    """The ``agents`` list of the policy, checked; one entry per queue."""
    return tuple(
        QueueCapacity(queue, check_capacity(entry.get("capacity"), f"{at}.capacity"))
        for at, queue, entry in queue_entries(raw, where, _KEYS, InvalidCapacity)
    )


def default_capacity(policy: Iterable[QueueCapacity], queues: Iterable[str]) -> int:
    """The capacity of an agent of ``queues`` who has none of their own: the smallest of
    their queues' (each its own entry, else the ``"*"`` one, else ``DEFAULT_CAPACITY``)."""
    by_queue = {c.queue: c.capacity for c in policy}
    every = by_queue.get(ALL_QUEUES, DEFAULT_CAPACITY)
    return min((by_queue.get(q, every) for q in queues), default=every)

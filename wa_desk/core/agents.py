"""Agents' statuses and capacities (``[[policy.agents]]``).

An agent's capacity is how many conversations they hold at once. The policy gives a
default per queue (a queue's own entry replaces the ``"*"`` one, and without either the
built-in ``DEFAULT_CAPACITY``); an agent in several queues gets the smallest of theirs,
so no queue's expectation is exceeded. A supervisor may set one agent's own capacity,
which then replaces the policy's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

ALL_QUEUES = "*"
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


class InvalidCapacity(ValueError):
    """A ``[[policy.agents]]`` entry that cannot be used; ``where`` names the faulty key."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def check_capacity(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise InvalidCapacity(
            where,
            f"must be a whole number of conversations from 1 to {MAX_CAPACITY}, not {value!r}",
        )
    return value


def capacities_from_json(raw: Any, where: str = "agents") -> tuple[QueueCapacity, ...]:
    """The ``agents`` list of the policy, checked; one entry per queue."""
    if not isinstance(raw, list):
        raise InvalidCapacity(where, "must be a list of tables ([[policy.agents]])")
    out: list[QueueCapacity] = []
    for i, entry in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(entry, Mapping):
            raise InvalidCapacity(at, "must be a table with a queue and a capacity")
        unknown = set(entry) - _KEYS
        if unknown:
            raise InvalidCapacity(at, f"unknown keys: {', '.join(sorted(unknown))}")
        queue = entry.get("queue")
        if not isinstance(queue, str) or not queue.strip():
            raise InvalidCapacity(f"{at}.queue", "must name a queue, or '*' for every queue")
        if any(c.queue == queue.strip() for c in out):
            raise InvalidCapacity(f"{at}.queue", f"{queue.strip()!r} has an entry already")
        out.append(
            QueueCapacity(queue.strip(), check_capacity(entry.get("capacity"), f"{at}.capacity"))
        )
    return tuple(out)


def default_capacity(policy: Iterable[QueueCapacity], queues: Iterable[str]) -> int:
    """The capacity of an agent of ``queues`` who has none of their own: the smallest of
    their queues' (each its own entry, else the ``"*"`` one, else ``DEFAULT_CAPACITY``)."""
    by_queue = {c.queue: c.capacity for c in policy}
    every = by_queue.get(ALL_QUEUES, DEFAULT_CAPACITY)
    return min((by_queue.get(q, every) for q in queues), default=every)

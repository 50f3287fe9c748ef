"""What every part of the policy shares: its error, naming the faulty key, and its
per-queue lists (``[[policy.sla]]``, ``[[policy.agents]]``): a list of tables, each with a
``queue`` (``"*"`` for every queue without its own) and only known keys, one per queue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

ALL_QUEUES = "*"


class InvalidPolicy(ValueError):
    """A part of the policy that cannot be used; ``where`` names the faulty key."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def queue_entries(
    raw: Any, where: str, keys: set[str], error: type[InvalidPolicy] = InvalidPolicy
) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """``(where, queue, entry)`` of each table of a per-queue list, checked: a list of
    tables with a queue and only ``keys``, no queue twice (``error`` when not)."""
    if not isinstance(raw, list):
        raise error(where, f"must be a list of tables ([[policy.{where}]])")
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(entry, Mapping):
            raise error(at, "must be a table with a queue")
        unknown = set(entry) - keys
        if unknown:
            raise error(at, f"unknown keys: {', '.join(sorted(unknown))}")
        queue = entry.get("queue")
        if not isinstance(queue, str) or not queue.strip():
            raise error(f"{at}.queue", "must name a queue, or '*' for every queue")
        queue = queue.strip()
        if queue in seen:
            raise error(f"{at}.queue", f"{queue!r} has an entry already")
        seen.add(queue)
        yield at, queue, entry

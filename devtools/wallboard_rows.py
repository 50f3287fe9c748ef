"""Wallboard rows in the hub's API form (``wa_desk.hub.wallboard.queue_row`` and
``agent_row``; docs/kpis.md, "Wallboard"), for tests and benchmarks that feed the board
without a hub."""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.kpis.wallboard import RowType

MINUTE = 60_000


def queue_row(queue: str, now: Millis, **figures: Any) -> dict[str, Any]:
    waiting_since = figures.pop("waiting_since", None)
    row: dict[str, Any] = {
        "type": RowType.QUEUE.value,
        "queue": queue,
        "day": "2026-03-10",
        "time_zone": "UTC",
        "taken_at": to_rfc3339(now),
        "open": 0,
        "assigned": 0,
        "waiting": 0,
        "longest_wait_since": optional_rfc3339(waiting_since),
        "longest_wait_ms": None if waiting_since is None else now - waiting_since,
        "longest_wait_business_ms": None if waiting_since is None else now - waiting_since,
        "oldest_unanswered_at": optional_rfc3339(waiting_since),
        "closed_today": 0,
        "sla_percent_today": None,
        "first_response_median_today_ms": None,
        "first_response_median_today_business_ms": None,
        "next_response_median_today_ms": None,
        "next_response_median_today_business_ms": None,
        "abandoned_today": 0,
        "at_risk": 0,
        "windows_closing": 0,
    }
    row.update(figures)
    return row


def agent_row(
    agent_id: str, name: str, now: Millis, queues: tuple[str, ...] = ("ventas",), **figures: Any
) -> dict[str, Any]:
    waiting_since = figures.pop("waiting_since", None)
    since = figures.pop("since", now - 30 * MINUTE)
    row: dict[str, Any] = {
        "type": RowType.AGENT.value,
        "id": agent_id,
        "name": name,
        "queues": list(queues),
        "taken_at": to_rfc3339(now),
        "status": "available",
        "since": optional_rfc3339(since),
        "open": 0,
        "capacity": 5,
        "load": 0.0,
        "handled_today": 0,
        "next_response_median_today_ms": None,
        "next_response_median_today_business_ms": None,
        "customer_waiting_since": optional_rfc3339(waiting_since),
        "customer_waiting_ms": None if waiting_since is None else now - waiting_since,
        "customer_waiting_business_ms": None if waiting_since is None else now - waiting_since,
        "overrides_today": 0,
    }
    row.update(figures)
    return row

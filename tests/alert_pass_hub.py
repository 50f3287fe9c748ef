"""A hub for the alert pass's tests: its own loop passes once at start, then an hour
later, so the tests make the passes; ana, an agent of ventas, is signed in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hub_harness import RunningHub, running_hub

from wa_desk.hub.settings import policy_guidelines


@contextmanager
def hub_passing_hourly(db_url: str, policy: dict[str, Any]) -> Iterator[RunningHub]:
    settings = {"guidelines": policy_guidelines(policy), "alert_interval_seconds": 3600}
    with running_hub(db_url, hub_settings=settings) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.login("ana")
        yield running

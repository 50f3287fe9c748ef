"""Waiting for an event with a time limit, without losing a cancellation."""

from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, seconds: float) -> None:
    """Wait for ``event`` at most ``seconds`` (TimeoutError after). Not ``wait_for``: on
    Python 3.11 it swallows a cancellation that arrives as the event is set, so a task
    woken and cancelled at once (an action queued as the app stops) would go on for ever
    and hold the app's stop up."""
    async with asyncio.timeout(seconds):
        await event.wait()

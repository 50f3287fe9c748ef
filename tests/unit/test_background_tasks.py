"""Background tasks end together: each is cancelled and waited for, and one that does not
listen to its cancellation is named in the log instead of hanging a sign-out."""

from __future__ import annotations

import asyncio
import logging

import pytest

from wa_desk.core.background import BackgroundTasks


def test_cancel_all_waits_for_each_task_to_end() -> None:
    cleaned: list[str] = []

    async def worker(name: str) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.sleep(0)  # its own clean-up may still await
            cleaned.append(name)

    async def scenario() -> int:
        tasks = BackgroundTasks()
        tasks.spawn(worker("a"), "a")
        tasks.spawn(worker("b"), "b")
        await asyncio.sleep(0)
        await tasks.cancel_all()
        return len(tasks._tasks)

    assert asyncio.run(scenario()) == 0
    assert sorted(cleaned) == ["a", "b"]


def test_a_task_deaf_to_cancellation_is_logged_and_left_behind(
    caplog: pytest.LogCaptureFixture,
) -> None:
    release = asyncio.Event()

    async def deaf() -> None:
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue  # a bug: it goes on waiting

    async def scenario() -> bool:
        tasks = BackgroundTasks()
        stuck = tasks.spawn(deaf(), "deaf-worker")
        await asyncio.sleep(0)
        await tasks.cancel_all(within=0.1)
        still_running = not stuck.done()
        release.set()
        await stuck
        return still_running

    with caplog.at_level(logging.ERROR, logger="wa_desk.core.background"):
        assert asyncio.run(scenario()) is True
    (record,) = caplog.records
    assert "deaf-worker did not end when cancelled" in record.getMessage()
    assert "in deaf" in record.getMessage()  # where it waits

"""Background asyncio tasks kept referenced, their failures logged, cancellable together.

asyncio holds only weak references to tasks: one nobody keeps can vanish mid-flight,
and one whose exception nobody reads fails silently. Every long-lived object that starts
work in the background (the hub, the desktop app, its media controller) uses this.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)

CANCEL_WAIT_S = 10.0


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background task %s failed", name, exc_info=t.exception())

        task.add_done_callback(done)
        return task

    async def cancel_all(self, within: float = CANCEL_WAIT_S) -> None:
        """Cancel and wait for every task but the caller's own (a task may end its peers
        and go on, as a sign-out that signs in again does).

        The wait is bounded: a task still running ``within`` seconds after its
        cancellation (stuck in a call that does not listen) is logged with where it
        waits and left behind, so that a sign-out or a shutdown never hangs on it."""
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not current]
        for task in tasks:
            task.cancel()
        if tasks:
            _done, stuck = await asyncio.wait(tasks, timeout=within)
            for task in stuck:
                where = io.StringIO()
                task.print_stack(file=where)
                log.error(
                    "background task %s did not end when cancelled:\n%s",
                    task.get_name(),
                    where.getvalue(),
                )
        self._tasks.difference_update(tasks)

"""Writes run as one group commit of the store's writer, as they are under load: the
writer is held on a first write while the others queue behind it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.db.read_ahead import ReadAhead

Write = tuple[Callable[[Conn], Any], ReadAhead | None]


def in_one_batch(db: Database, writes: list[Write]) -> list[Any]:
    """The results of ``writes`` run as one batch (an exception in place of a write that
    raised); fails when they were not committed together."""
    entered, release = threading.Event(), threading.Event()

    def hold(_conn: Conn) -> None:
        entered.set()
        assert release.wait(10)

    async def run() -> list[Any]:
        first = asyncio.ensure_future(db.write(hold))
        assert await asyncio.to_thread(entered.wait, 10)
        queued = [asyncio.ensure_future(db.write(fn, ahead)) for fn, ahead in writes]
        await asyncio.sleep(0)  # each has put its job in the queue
        release.set()
        await first
        commits = db.commits
        results = list(await asyncio.gather(*queued, return_exceptions=True))
        # A write that failed is run again alone, after the others' commit.
        assert db.commits <= commits + 1 + sum(isinstance(r, Exception) for r in results), (
            "the writes were not run as one batch"
        )
        return results

    return asyncio.run(run())

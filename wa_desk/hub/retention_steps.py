"""A large retention purge in steps (:mod:`wa_desk.hub.retention`), made by the hub's own
loop and by ``wa-desk hub retention purge`` alike.

A first purge of a store kept for years may remove millions of rows; in one transaction
it would hold the store's only writer all that time, and every webhook and agent's
action would wait behind it. So a purge goes in steps toward its cutoff: each is a whole
purge at an earlier cutoff (the same rules, its own ``retention.purged`` record), chosen
so that at most ``STEP_ROWS`` closed conversations and stream events go at once, and is
committed before the next begins. The writer is free between two steps
(``python -m benchmarks.retention_purge`` measures how long a delivery waits).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.retention import ChainCut, PurgePlan, purge_step, remove_cached_media

log = logging.getLogger(__name__)

T = TypeVar("T")

STEP_ROWS = 500  # closed conversations and stream events: each, per step

# The time by which STEP_ROWS rows would be gone, each in time order through an index.
# The audit events and the heat-maps' rows come from the same activity, and go with it.
_CLOSED_BOUND = (
    "SELECT closed_at FROM conversations WHERE state = ? AND closed_at < ? "
    "ORDER BY closed_at LIMIT 1 OFFSET ?"
)
_STREAM_BOUND = (  # the primary key: events are stored in time order
    "SELECT at FROM stream_events WHERE at < ? ORDER BY seq LIMIT 1 OFFSET ?"
)


def step_cutoff(conn: Conn, cutoff: Millis, rows: int = STEP_ROWS) -> Millis:
    """The cutoff of the next step of a purge toward ``cutoff``: before it, at most
    ``rows`` closed conversations and ``rows`` stream events; ``cutoff`` itself once
    what is left is within that."""
    bounds = [
        conn.scalar(_CLOSED_BOUND, (State.CLOSED.value, cutoff, rows)),
        conn.scalar(_STREAM_BOUND, (cutoff, rows)),
    ]
    return min([cutoff, *(int(b) for b in bounds if b is not None)])


async def to_the_end(coro: Coroutine[Any, Any, T]) -> T:
    """``coro`` run to its end even when the caller is cancelled meanwhile; the
    cancellation then goes on once it ended."""
    task = asyncio.ensure_future(coro)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        if not task.cancelled() and task.exception() is not None:
            log.error("retention purge failed while the hub stopped", exc_info=task.exception())
        raise


@dataclass(frozen=True, slots=True)
class PurgeOrder:
    """A purge to make: up to ``cutoff``, recorded as made by ``operator`` at ``now``
    under ``retention_days``; the cached files of the purged messages from ``media_dir``
    (None: none), the wallboard's superseded pushes before ``wallboard_cutoff`` (None:
    those only with the rest); waiting for another hub's purge (``wait_turn``, the
    command) or leaving the pass to it (a hub)."""

    cutoff: Millis
    retention_days: int | None
    operator: str
    now: Millis
    media_dir: Path | None = None
    wallboard_cutoff: Millis | None = None
    wait_turn: bool = True

    def step(self, conn: Conn, step: Millis) -> PurgePlan | None:
        return purge_step(
            conn,
            step,
            retention_days=self.retention_days,
            operator=self.operator,
            now=self.now,
            media_dir=self.media_dir,
            wallboard_cutoff=self.wallboard_cutoff,
            wait_turn=self.wait_turn,
        )


async def purge_in_steps(db: Database, order: PurgeOrder, rows: int = STEP_ROWS) -> list[PurgePlan]:
    """``order``'s purge in steps, each in a write of its own, the cached files of each
    removed once it committed; what each step purged. It stops early when another hub's
    purge has the turn (and ``order`` does not wait for it)."""
    cutoff = order.cutoff
    done: list[PurgePlan] = []
    whole = False
    while True:
        step = cutoff if whole else await db.read(lambda c: step_cutoff(c, cutoff, rows))

        async def write_and_remove(step: Millis = step) -> PurgePlan | None:
            plan = await db.write(lambda c: order.step(c, step))
            if plan is not None and not plan.empty:
                remove_cached_media(plan)  # committed: the files can go
            return plan

        # Cancelled meanwhile (the hub stops), a step under way still ends and its files
        # go; the purge stops there.
        plan = await to_the_end(write_and_remove())
        if plan is None:
            return done
        if not plan.empty:
            done.append(plan)
        if step >= cutoff:
            return done
        # Nothing before this step: more than ``rows`` rows share one instant. What is
        # left goes in one step rather than none.
        whole = plan.empty


def merged(steps: list[PurgePlan]) -> PurgePlan:
    """One purge's steps as one plan: the last cutoff, every count summed, each chain
    cut where its last step left it."""
    whole = PurgePlan(steps[-1].cutoff, steps[-1].wallboard_cutoff)
    chains: dict[str, ChainCut] = {}
    for step in steps:
        for cut in step.chains:
            before = chains.get(cut.device)
            events = cut.events + (before.events if before else 0)
            chains[cut.device] = ChainCut(cut.device, events, cut.new_base_seq, cut.new_base_hash)
        for device in step.refused:
            if device not in whole.refused:
                whole.refused.append(device)
        for name in (
            "conversations",
            "messages",
            "notes",
            "stream_events",
            "heatmap_rows",
            "alerts",
            "media_files",
        ):
            setattr(whole, name, getattr(whole, name) + getattr(step, name))
    whole.chains = list(chains.values())
    return whole

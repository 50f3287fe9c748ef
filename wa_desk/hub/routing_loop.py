"""When the routing runs (``hub.routing``): right after any commit that may let it give
something, and every :data:`SWEEP_EVERY_SECONDS` on the replica that runs the work that
runs once.

A conversation entering a queue nobody holds (a new customer, a release, a transfer to
a queue, a return to the queue) and an agent freeing up (a close, a transfer or release
away, a status back to available, a capacity raised) all reach the stream as
``conversation.updated`` or ``agent.status``: every replica hears of its own commits
(``Broker.committed_here``) and routes after them, in a transaction of its own. Its
reads come first, outside the writer: most commits (a message in a held conversation)
give nothing to route, and those cost the writer nothing.

The sweep catches what no commit announced: a replica that stopped between a commit and
its routing, a policy reloaded with another mode. It also takes back to the queue the
conversations left waiting on a silent assignee, which only the clock reveals.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import routing
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.queries.stream_log import StreamEvent

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 5.0

# What may let the routing give something: a conversation that changed (entered a
# queue, or left an agent), an agent's status or capacity.
_WAKES = frozenset({StreamEventKind.CONVERSATION_UPDATED, StreamEventKind.AGENT_STATUS})


async def route_now(ctx: HubContext, now: Millis) -> int:
    """Give what can be given now; how many conversations were."""
    guidelines = ctx.settings.guidelines
    if not routing.routes_any(guidelines):
        return 0  # no read either: this runs after most commits
    if not await ctx.db.read(lambda c: routing.would_route(c, guidelines, now)):
        return 0
    return await ctx.write(lambda c: routing.route(c, None, guidelines, now))


async def sweep_once(ctx: HubContext, now: Millis) -> tuple[int, int]:
    """Take overdue conversations back to their queue, then route: how many went back,
    and how many were given."""
    guidelines = ctx.settings.guidelines
    back = 0
    if await ctx.db.read(lambda c: bool(routing.overdue(c, guidelines, now))):
        back = await ctx.write(lambda c: routing.requeue_overdue(c, guidelines, now))
    return back, await route_now(ctx, now)


class Router:
    """Routes after this process's commits: one pass at a time, another after it if
    anything was committed meanwhile."""

    def __init__(self, ctx: HubContext, clock: Callable[[], Millis] = now_ms) -> None:
        self.ctx = ctx
        self.clock = clock
        self.wake = asyncio.Event()

    def note(self, events: list[StreamEvent]) -> None:
        if any(e.kind in _WAKES for e in events):
            self.wake.set()

    async def run(self) -> None:
        self.ctx.broker.listen(self.note)
        try:
            while True:
                await self.wake.wait()
                self.wake.clear()
                try:
                    await route_now(self.ctx, self.clock())
                except StorageError as exc:  # the store is away: the sweep tries again
                    log.warning("routing skipped: %s", exc)
        finally:
            self.ctx.broker.unlisten(self.note)


async def keep_routed_after_commits(ctx: HubContext) -> None:
    await Router(ctx).run()


async def keep_routing_swept(ctx: HubContext) -> None:
    """The sweep of the work that runs once."""
    while True:
        try:
            back, given = await sweep_once(ctx, now_ms())
        except StorageError as exc:
            log.warning("routing sweep skipped: %s", exc)
        else:
            if back or given:
                log.info("routing sweep: %d back to the queue, %d assigned", back, given)
        await asyncio.sleep(SWEEP_EVERY_SECONDS)

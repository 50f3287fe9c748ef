"""The alert loop: the time-based conditions (SLA at risk and breached, customers waiting
on an agent, windows closing, backlogs, guideline spikes) checked every
``alert_interval_seconds``, so an alert is raised within 15 s of its condition.

Conditions that a fact causes are raised by that fact (``hub.alert_facts``); this loop
also resolves those whose condition cleared with time. Several hub replicas on one
PostgreSQL take turns: a pass's write holds an advisory lock, and a replica that cannot
take it skips its pass (another one is making it). A pass with nothing to change finds
so in a read snapshot and never takes the writer.

A pass with many changes (a thousand customers waiting, each one's alert updated as they
write again) writes them :data:`CHANGES_PER_WRITE` at a time, each in a write of its own
that makes the pass again and applies the first of what it finds: every write of the
store waits for the one in progress (on PostgreSQL, every replica's, for the stream's
order), and a whole storm written at once held webhook deliveries up for 100-300 ms.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable

from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub import alert_pass
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.outcome import Outcome

log = logging.getLogger(__name__)

_PASS_LOCK = 727_275  # pg_try_advisory_xact_lock key of an alert pass
# Alert changes written by one write of a pass: each costs about 0.3 ms on PostgreSQL,
# on top of the pass made again in the write (10-30 ms with a thousand customers
# waiting), so that a write of the pass holds the others up for tens of ms at most.
CHANGES_PER_WRITE = 25


def _pass(conn: Conn, ctx: HubContext, now: Millis) -> Outcome[tuple[int, bool]]:
    """The pass's next write: how many events it announced, whether the pass is done."""
    if conn.dialect == "postgresql" and not conn.scalar(
        "SELECT pg_try_advisory_xact_lock(?)", (_PASS_LOCK,)
    ):
        return Outcome((0, True))
    events, done = alert_pass.evaluate(conn, ctx.settings.guidelines, now, CHANGES_PER_WRITE)
    return Outcome((len(events), done), events)


def _changes(conn: Conn, ctx: HubContext, now: Millis) -> int:
    if conn.dialect == "postgresql":  # one snapshot for all the pass's reads
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    return alert_pass.plan(conn, ctx.settings.guidelines, now).changes


async def evaluate_once(ctx: HubContext, now: Millis) -> int:
    """One pass as of ``now``; how many alert events it announced.

    Most passes change nothing, so a pass first reads, in a snapshot, what it would
    change, and takes the store's writer only when there is something. The write makes
    the whole pass again (the state may have moved since the read), so its result is
    that of a pass made entirely in the write; a quiet pass writes nothing. Many changes
    take several writes, each a pass again, so what a write leaves out the next finds; a
    write that changes nothing, or one more than the read's changes call for, ends it."""
    changes = await ctx.db.read(lambda c: _changes(c, ctx, now))
    if not changes:
        return 0
    announced = 0
    for _ in range(math.ceil(changes / CHANGES_PER_WRITE) + 1):
        count, done = await ctx.write(lambda c: _pass(c, ctx, now))
        announced += count
        if done or count == 0:
            break
    return announced


async def keep_alerts_evaluated(
    ctx: HubContext,
    interval_s: float | None = None,
    clock: Callable[[], Millis] = now_ms,
) -> None:
    """A pass every ``interval_s`` (default: the hub's ``alert_interval_seconds``)."""
    every = ctx.settings.alert_interval_seconds if interval_s is None else interval_s
    while True:
        try:
            changed = await evaluate_once(ctx, clock())
        except StorageError as exc:  # the store is away: the next pass tries again
            log.warning("alert pass skipped: %s", exc)
        else:
            if changed:
                log.info("alert pass: %d alert change(s)", changed)
        await asyncio.sleep(every)

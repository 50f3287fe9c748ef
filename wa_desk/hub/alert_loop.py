"""The alert loop: the time-based conditions (SLA at risk and breached, customers waiting
on an agent, windows closing, backlogs, guideline spikes) checked every
``alert_interval_seconds``, so an alert is raised within 15 s of its condition.

Conditions that a fact causes are raised by that fact (``hub.alert_facts``); this loop
also resolves those whose condition cleared with time. Several hub replicas on one
PostgreSQL take turns: a pass's write holds an advisory lock, and a replica that cannot
take it skips its pass (another one is making it). A pass with nothing to change finds
so in a read snapshot and never takes the writer.

A pass with many changes (a thousand customers waiting, each one's alert updated as they
write again) writes them :data:`CHANGES_PER_WRITE` at a time, each in a write of its own:
every write of the store waits for the one in progress (on PostgreSQL, every replica's,
for the stream's order), and a whole storm written at once held webhook deliveries up for
100-300 ms. Each write makes the pass again for its share of the alerts alone
(``hub.alert_scope``), so that it costs a few alerts' reads, not the whole pass's.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial

from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub import alert_pass, alert_scope
from wa_desk.hub.alert_scope import Scope
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.outcome import Outcome

log = logging.getLogger(__name__)

_PASS_LOCK = 727_275  # pg_try_advisory_xact_lock key of an alert pass
# Alert changes written by one write of a pass: each costs about 0.3 ms on PostgreSQL,
# and the write reads again what they are about, so that a write of the pass holds the
# others up for a few ms.
CHANGES_PER_WRITE = 10


def _pass(conn: Conn, ctx: HubContext, now: Millis, scope: Scope) -> Outcome[int]:
    """One write of the pass, for ``scope``'s alerts: how many events it announced."""
    if conn.dialect == "postgresql" and not conn.scalar(
        "SELECT pg_try_advisory_xact_lock(?)", (_PASS_LOCK,)
    ):
        return Outcome(0)
    events = alert_pass.evaluate(conn, ctx.settings.guidelines, now, scope)
    return Outcome(len(events), events)


def _changes(conn: Conn, ctx: HubContext, now: Millis) -> list[Scope]:
    if conn.dialect == "postgresql":  # one snapshot for all the pass's reads
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    found = alert_pass.plan(conn, ctx.settings.guidelines, now)
    return alert_scope.writes(found.keys(), found.quiet_failures, CHANGES_PER_WRITE)


async def evaluate_once(ctx: HubContext, now: Millis) -> int:
    """One pass as of ``now``; how many alert events it announced.

    Most passes change nothing, so a pass first reads, in a snapshot, what it would
    change, and takes the store's writer only when there is something. Each write makes
    the pass again for the alerts it was given (the state may have moved since the read),
    so its result is that of a pass made entirely in the write, for those alerts; a quiet
    pass writes nothing. A condition that began after the read is the next pass's."""
    announced = 0
    for scope in await ctx.db.read(lambda c: _changes(c, ctx, now)):
        announced += await ctx.write(partial(_pass, ctx=ctx, now=now, scope=scope))
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

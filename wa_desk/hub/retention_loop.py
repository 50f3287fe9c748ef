"""The retention purge (:mod:`wa_desk.hub.retention`), made by the hub itself every
``[audit] purge_interval_minutes`` (hourly by default; 0: never, for a hub whose purge
runs from cron with ``wa-desk hub retention purge``).

Each pass reads first, in one snapshot, whether there is anything to purge; most find
nothing and never take the store's writer. Otherwise the purge goes in steps toward the
cutoff (:mod:`wa_desk.hub.retention_steps`: at most 500 closed conversations and 500
stream events each), each step a write of its own that plans again (the store may have
moved since the read): together they remove and record (``retention.purged``, operator
``hub``, one record per step) exactly what the command would, and their summed counts
are logged. The cached media files of each step's messages go once it committed.

Several hub replicas on one PostgreSQL take turns: the purge's write holds an advisory
lock, and a replica that cannot take it leaves this pass to the one holding it (the same
rows are purged either way). The command waits for the lock. On SQLite a write is the
only writer anyway, and a second purge plans again in its own write: it finds nothing
left, and records nothing.

A pass that fails (the store away, a table it cannot read) is logged, and the next
interval tries again: the hub goes on serving. Stopping the hub ends the wait between
passes at once; a step already handed to the writer is let commit (the store waits for
it before closing anyway) and its files removed, so no cached file outlives the purge
that orphaned it; the next pass goes on from there.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from wa_desk.core.clock import Millis, now_ms, to_rfc3339
from wa_desk.hub import retention, retention_steps, stream_purge
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.media import resolve_media_dir
from wa_desk.hub.retention import PurgePlan
from wa_desk.hub.settings import HubSettings

log = logging.getLogger(__name__)

OPERATOR = "hub"  # who the record of a purge the hub made itself names


@dataclass(frozen=True, slots=True)
class Cutoffs:
    retention: Millis | None  # None: retention is off, only wallboard pushes go
    wallboard: Millis

    @classmethod
    def of(cls, settings: HubSettings, now: Millis) -> Cutoffs:
        days = settings.retention_days
        return cls(
            None if days is None else retention.cutoff_for(days, now),
            stream_purge.wallboard_cutoff(settings.wallboard_retention_minutes, now),
        )


@dataclass(frozen=True, slots=True)
class Found:
    """What a pass's read found: how many rows would go, and the chains left whole."""

    rows: int
    refused: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Purged:
    """What a purge removed: the retention purge's plan (its steps merged), or
    (retention off) how many superseded wallboard pushes."""

    plan: PurgePlan | None
    wallboard_pushes: int
    wallboard_cutoff: Millis
    steps: int = 1

    def summary(self) -> str:
        """Counts and cutoffs, for the log (nothing a customer or an agent wrote)."""
        if self.plan is not None:
            line = self.plan.lines(dry_run=False)[0]
            return line if self.steps == 1 else f"{line} (in {self.steps:,} steps)"
        return (
            f"retention is off: purged {self.wallboard_pushes:,} wallboard pushes older than "
            f"{to_rfc3339(self.wallboard_cutoff)} that a newer push of their row replaced"
        )


@dataclass(frozen=True, slots=True)
class PassResult:
    found: Found
    purged: Purged | None  # None: nothing to purge, or another hub's purge had the turn


def find(conn: Conn, cut: Cutoffs) -> Found:
    """What a purge at ``cut`` would remove, read in one snapshot."""
    if conn.dialect == "postgresql":
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    if cut.retention is None:
        return Found(stream_purge.count(conn, None, cut.wallboard))
    plan = retention.plan(conn, cut.retention, wallboard_cutoff=cut.wallboard)
    return Found(0 if plan.empty else sum(plan.counts().values()), tuple(plan.refused))


def purge_wallboard(conn: Conn, cut: Cutoffs) -> Purged | None:
    """Retention off: the superseded wallboard pushes alone, in one write; None when
    another hub's purge has the turn or none is left."""
    if not retention.take_turn(conn, wait=False):
        return None
    n = stream_purge.delete(conn, None, cut.wallboard)
    return Purged(None, n, cut.wallboard) if n else None


async def _purge(ctx: HubContext, cut: Cutoffs, now: Millis) -> Purged | None:
    if cut.retention is None:
        return await retention_steps.to_the_end(ctx.db.write(lambda c: purge_wallboard(c, cut)))
    order = retention_steps.PurgeOrder(
        cut.retention,
        ctx.settings.retention_days,
        OPERATOR,
        now,
        resolve_media_dir(ctx.settings.extra, os.environ, ctx.settings.db),
        cut.wallboard,
        wait_turn=False,  # another hub's purge has this pass
    )
    steps = await retention_steps.purge_in_steps(ctx.db, order)
    if not steps:
        return None
    whole = retention_steps.merged(steps)
    return Purged(whole, whole.stream_events, cut.wallboard, len(steps))


async def purge_once(ctx: HubContext, now: Millis) -> PassResult:
    """One pass as of ``now``: read, then purge if there is anything to."""
    cut = Cutoffs.of(ctx.settings, now)
    found = await ctx.db.read(lambda c: find(c, cut))
    if not found.rows:
        return PassResult(found, None)
    return PassResult(found, await _purge(ctx, cut, now))


async def keep_store_purged(
    ctx: HubContext,
    interval_s: float | None = None,
    clock: Callable[[], Millis] = now_ms,
) -> None:
    """A pass at once, then one every ``interval_s`` (default: the hub's
    ``purge_interval_seconds``; 0 or less: no pass at all) until cancelled."""
    every = ctx.settings.purge_interval_seconds if interval_s is None else interval_s
    if every <= 0:
        return
    warned: tuple[str, ...] = ()
    while True:
        try:
            result = await purge_once(ctx, clock())
        except StorageError as exc:  # the store is away: the next pass tries again
            log.warning("retention purge skipped, tried again in %s: %s", _span(every), exc)
        except Exception:
            log.exception("retention purge failed, tried again in %s", _span(every))
        else:
            if result.purged is not None:
                log.info("retention purge: %s", result.purged.summary())
            if result.found.refused and result.found.refused != warned:
                log.warning(
                    "retention purge: chains kept whole, their oldest events do not verify "
                    "(run wa-desk hub audit verify): %s",
                    ", ".join(result.found.refused),
                )
            warned = result.found.refused
        await asyncio.sleep(every)


def _span(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"

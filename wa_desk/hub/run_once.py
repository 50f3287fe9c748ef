"""Work that one hub replica does for all: alert passes, the retention purge, template
syncs, the sweep of signed-out agents.

Each of them works on the shared store only, so one replica at a time is enough. Several
at once stay correct (an alert pass and a purge also take turns on their own advisory
locks, a sweep re-checks what it changes) but repeat the same reads and calls to Meta on
every replica. The replica that holds a session-level advisory lock (:data:`LEADER_LOCK`)
on a connection of its own runs them; the others try for it every
:data:`TRY_EVERY_SECONDS`.

A holder that dies loses its connection, and PostgreSQL lets the lock go with it: at
once when the process is killed (its socket closes), within
``_KEEPALIVE_IDLE_S + _KEEPALIVE_INTERVAL_S * _KEEPALIVE_COUNT`` seconds when its
machine or network goes (the server's TCP keepalives on that connection, set below).
Another replica takes the lock at its next try. A holder that finds its connection gone
(checked every :data:`CHECK_EVERY_SECONDS`) stops the work: it may have lost the lock.

SQLite has one hub process: it runs the work itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from wa_desk.core.background import BackgroundTasks
from wa_desk.hub.context import HubContext

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

Work = dict[str, Callable[[], Coroutine[Any, Any, Any]]]  # name -> a coroutine's maker

LEADER_LOCK = 727_281  # beside db.stream_order's 727_280
# How an administrator finds, in ``pg_stat_activity``, each replica's connection for it
# (and in ``pg_locks`` the one holding the lock).
APPLICATION_NAME = "wa-desk hub: work that runs once"
TRY_EVERY_SECONDS = 1.0
CHECK_EVERY_SECONDS = 1.0
_KEEPALIVE_IDLE_S = 5
_KEEPALIVE_INTERVAL_S = 2
_KEEPALIVE_COUNT = 3
_CONNECT_TIMEOUT_SECONDS = 10


async def run_once_across_replicas(ctx: HubContext, work: Work) -> None:
    """Run ``work`` while this replica holds the lock, until cancelled."""
    if ctx.db.dialect == "sqlite":
        await _run(ctx, work, asyncio.Event())
        return
    lock = _LockConnection(ctx.db.url.target)
    try:
        while True:
            if not await asyncio.to_thread(lock.try_take):
                await asyncio.sleep(TRY_EVERY_SECONDS)
                continue
            log.info("this hub replica now runs the work that runs once: %s", ", ".join(work))
            lost = asyncio.Event()
            watch = asyncio.ensure_future(_watch(lock, lost))
            try:
                await _run(ctx, work, lost)
            finally:
                watch.cancel()
            log.warning("lost the connection holding the work that runs once: stopped it here")
            await asyncio.to_thread(lock.close)  # the next try starts on a new one
    finally:
        await asyncio.to_thread(lock.close)


async def _run(ctx: HubContext, work: Work, until: asyncio.Event) -> None:
    tasks = BackgroundTasks()
    ctx.runs_once = True
    try:
        for name, make in work.items():
            tasks.spawn(make(), name)
        await until.wait()
    finally:
        ctx.runs_once = False
        await tasks.cancel_all()


async def _watch(lock: _LockConnection, lost: asyncio.Event) -> None:
    while True:
        await asyncio.sleep(CHECK_EVERY_SECONDS)
        if not await asyncio.to_thread(lock.alive):
            lost.set()
            return


class _LockConnection:
    """The connection that tries for the lock, then holds it (used from one thread at a
    time)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._conn: psycopg.Connection[Any] | None = None

    def try_take(self) -> bool:
        """Whether the lock is ours now (False too when the store is away)."""
        import psycopg

        try:
            conn = self._connected()
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (LEADER_LOCK,)).fetchone()
        except psycopg.Error:
            self.close()
            return False
        return row is not None and bool(row[0])

    def alive(self) -> bool:
        import psycopg

        if self._conn is None:
            return False
        try:
            self._conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connected(self) -> psycopg.Connection[Any]:
        import psycopg

        if self._conn is not None and not (self._conn.closed or self._conn.broken):
            return self._conn
        self.close()
        conn = psycopg.connect(
            self._url,
            autocommit=True,
            connect_timeout=_CONNECT_TIMEOUT_SECONDS,
            application_name=APPLICATION_NAME,
        )
        try:
            # The server notices a holder whose machine or network went, not only a
            # closed socket, and lets the lock go.
            conn.execute(f"SET tcp_keepalives_idle = {_KEEPALIVE_IDLE_S}")
            conn.execute(f"SET tcp_keepalives_interval = {_KEEPALIVE_INTERVAL_S}")
            conn.execute(f"SET tcp_keepalives_count = {_KEEPALIVE_COUNT}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

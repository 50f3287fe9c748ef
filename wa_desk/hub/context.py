"""The hub's composition root: settings, store, broker and Graph client, built once."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from wa_desk.core.background import BackgroundTasks
from wa_desk.core.ids import uuid7
from wa_desk.hub.broker import Broker
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.db.read_ahead import ReadAhead
from wa_desk.hub.graph import GraphClient
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import audit_log, stream_log
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.settings import HubSettings
from wa_desk.hub.stream_follower import StreamFollower

T = TypeVar("T")


# What each of the store writer's transactions reads first on PostgreSQL
# (``db.read_ahead.BatchStart``): the stream's last number and this replica's chain head.
BATCH_STARTS = (stream_log.number_ahead, audit_log.head_ahead)


class HubContext:
    def __init__(self, settings: HubSettings, db: Database, graph: GraphClient) -> None:
        self.settings = settings
        self.db = db
        self.graph = graph
        self.broker = Broker()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.follower: StreamFollower | None = None  # PostgreSQL: every replica's events
        # Hear every replica's committed events as this one's streams do (on the loop).
        self.followed_listeners: list[Callable[[list[StreamEvent]], None]] = []
        self.runs_once = False  # this replica runs the work that runs once (hub.run_once)
        # This replica, as the others read it in its announcements (``policy.changed``).
        self.replica = f"{socket.gethostname()}/{os.getpid()}/{uuid7()[-8:]}"
        self._tasks = BackgroundTasks()

    @classmethod
    def create(cls, settings: HubSettings) -> HubContext:
        db = Database.open(
            settings.db,
            replica_id=settings.replica_id,
            batch_starts=BATCH_STARTS,
        )
        _prepare_media_cache(settings)
        graph = GraphClient(settings.graph_url, settings.api_version, settings.access_token)
        return cls(settings, db, graph)

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Route committed stream events into this loop's broker: on SQLite straight
        from the writer thread; on PostgreSQL, where other hub replicas append too, the
        streams follow the store (:mod:`wa_desk.hub.stream_follower`) and only the
        listeners hear of this process's commits from the writer."""
        self._loop = loop
        self.db.on_commit = self._publish_committed
        if self.db.dialect == "postgresql" and self.follower is None:
            # Read before any stream opens, so that none starts before the follower.
            start = self.db.read_sync(stream_log.last_seq)
            self.follower = StreamFollower(self.db.url.target, self._deliver_followed, start)
            self.follower.start()

    def _publish_committed(self, results: list[Any]) -> None:
        events = [e for r in results if isinstance(r, Outcome) for e in r.events]
        if not events or self._loop is None:
            return
        if self.db.dialect == "sqlite":
            self._loop.call_soon_threadsafe(self.broker.publish, events)
        else:
            self._loop.call_soon_threadsafe(self.broker.committed_here, events)

    def _deliver_followed(self, events: list[StreamEvent]) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.broker.deliver, events)
            for listener in self.followed_listeners:
                self._loop.call_soon_threadsafe(listener, events)

    @property
    def media_dir(self) -> Path:
        """This replica's media cache (``WA_MEDIA_DIR``, else beside the store)."""
        from wa_desk.hub.media import resolve_media_dir

        return resolve_media_dir(self.settings.extra, os.environ, self.settings.db)

    @property
    def stream_caught_up(self) -> bool:
        """Whether this process's streams are being fed every committed event (always on
        SQLite; on PostgreSQL once the follower listens and has read up to the store)."""
        if self.db.dialect == "sqlite":
            return True
        return self.follower is not None and self.follower.caught_up

    async def write(self, fn: Callable[[Conn], Outcome[T]], ahead: ReadAhead | None = None) -> T:
        """Run a write; its events reach the stream right after the commit. ``ahead``:
        the reads it starts with (``Database.write``)."""
        outcome = await self.db.write(fn, ahead)
        return outcome.value

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        """Run work in the background, keeping a reference and logging its failure."""
        self._tasks.spawn(coro, name)

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        if self.follower is not None:
            await asyncio.to_thread(self.follower.stop)
        await self.graph.aclose()
        self.db.close()


def _prepare_media_cache(settings: HubSettings) -> None:
    """The media cache's folders, private before any customer file lands in them."""
    import os

    from wa_desk.hub.media import prepare_media_dir, resolve_media_dir

    try:
        prepare_media_dir(resolve_media_dir(settings.extra, os.environ, settings.db), settings.db)
    except OSError as exc:  # served media will say so; the hub itself can run
        logging.getLogger(__name__).warning("media cache folder not ready: %s", exc)

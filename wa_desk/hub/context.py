"""The hub's composition root: settings, store, broker and Graph client, built once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from wa_desk.core.background import BackgroundTasks
from wa_desk.hub.broker import Broker
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.graph import GraphClient
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.settings import HubSettings

T = TypeVar("T")


class HubContext:
    def __init__(self, settings: HubSettings, db: Database, graph: GraphClient) -> None:
        self.settings = settings
        self.db = db
        self.graph = graph
        self.broker = Broker()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks = BackgroundTasks()

    @classmethod
    def create(cls, settings: HubSettings) -> HubContext:
        db = Database.open(settings.db)
        _prepare_media_cache(settings)
        graph = GraphClient(settings.graph_url, settings.api_version, settings.access_token)
        return cls(settings, db, graph)

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Route committed stream events from the writer thread into this loop's broker."""
        self._loop = loop
        self.db.on_commit = self._publish_committed

    def _publish_committed(self, results: list[Any]) -> None:
        events = [e for r in results if isinstance(r, Outcome) for e in r.events]
        if events and self._loop is not None:
            self._loop.call_soon_threadsafe(self.broker.publish, events)

    async def write(self, fn: Callable[[Conn], Outcome[T]]) -> T:
        """Run a write; its events reach the stream right after the commit."""
        outcome = await self.db.write(fn)
        return outcome.value

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        """Run work in the background, keeping a reference and logging its failure."""
        self._tasks.spawn(coro, name)

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
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

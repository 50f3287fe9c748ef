"""The live stream, routed: each feature subscribes to the event kinds it shows.

Events arrive one by one from the stream consumer. The router gathers them into bursts
handled by one task: a burst is written to the local store in a worker thread, then
each subscriber gets the burst's events of its kinds, in the order it subscribed, at
most once a frame. Where the stream resumes is saved with the burst, never before: a
crash in between replays the burst (every cache write is idempotent).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from wa_desk.client.ports import LAST_EVENT_ID_KEY
from wa_desk.core.background import BackgroundTasks
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.store.local_store import LocalStore

StreamEvent = tuple[str, dict[str, Any]]  # (kind, data)
Handler = Callable[[list[StreamEvent]], Awaitable[None] | None]

# Between two bursts Qt lays the lists out and paints once, whatever the stream's rate.
FRAME_S = 0.025
# Events cached per store transaction: the UI thread's own store calls wait for one at most.
STORE_CHUNK = 100


class StreamRouter(QObject):
    shown = Signal(int)  # the seq of the last event every subscriber has been given

    def __init__(self, store: LocalStore, tasks: BackgroundTasks) -> None:
        super().__init__()
        self._store = store
        self._tasks = tasks
        self._routes: list[tuple[frozenset[str], Handler]] = []
        self._pending: list[StreamEvent] = []
        self._pending_seq = 0
        self._flusher: asyncio.Task[None] | None = None

    def subscribe(self, kinds: Iterable[str], handler: Handler) -> None:
        """``handler`` gets, once per burst, the burst's events of these kinds (never an
        empty list); it may be a coroutine function, awaited before the next handler."""
        self._routes.append((frozenset(kinds), handler))

    def unsubscribe_owner(self, owner: object) -> None:
        """Forget every handler that is a method of ``owner`` (a controller whose pane
        is gone while the session goes on)."""
        self._routes = [r for r in self._routes if getattr(r[1], "__self__", None) is not owner]

    def receive(self, kind: str, seq: int, data: dict[str, Any]) -> None:
        """The stream consumer's callback."""
        self._pending.append((kind, data))
        self._pending_seq = seq
        if self._flusher is None or self._flusher.done():
            self._flusher = self._tasks.spawn(self._flush(), "stream-events")

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            started = loop.time()
            events, self._pending = self._pending, []
            seq = self._pending_seq
            await asyncio.to_thread(cache_events, self._store, events, seq)
            await self._dispatch(events)
            self.shown.emit(seq)
            # The rest of the frame is Qt's (layout, paint); what arrives meanwhile joins
            # the next burst.
            await asyncio.sleep(max(0.0, started + FRAME_S - loop.time()))

    async def _dispatch(self, events: list[StreamEvent]) -> None:
        for kinds, handler in self._routes:
            mine = [e for e in events if e[0] in kinds]
            if mine:
                outcome = handler(mine)
                if outcome is not None:
                    await outcome


def cache_events(store: LocalStore, events: list[StreamEvent], seq: int) -> None:
    """Cache a burst of stream events (runs in a worker thread; the store locks itself),
    in chunks of short transactions, then remember ``seq`` (the burst's last event) as
    where the stream resumes."""
    for start in range(0, len(events), STORE_CHUNK):
        chunk = events[start : start + STORE_CHUNK]
        created = [d for k, d in chunk if k == StreamEventKind.MESSAGE_CREATED]
        if created:
            store.upsert_messages(created)
        statuses = [d for k, d in chunk if k == StreamEventKind.MESSAGE_STATUS]
        if statuses:
            store.apply_statuses(statuses)
        changed = {str(d["id"]): d for k, d in chunk if k == StreamEventKind.CONVERSATION_UPDATED}
        if changed:
            store.upsert_conversations(list(changed.values()))
    store.set(LAST_EVENT_ID_KEY, str(seq))

"""Live fan-out of committed stream events to the SSE subscribers of this hub process.

Events are published from the store's after-commit hook, in commit (``seq``) order. A
subscriber that falls too far behind is not allowed to grow without bound: it is marked
as overflowed and catches up from the store, so a slow client never loses an event and
never slows the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from wa_desk.hub.queries.stream_log import StreamEvent

Visible = Callable[[StreamEvent], bool]

_QUEUE_LIMIT = 10_000


class Subscription:
    def __init__(self, visible: Visible) -> None:
        self.visible = visible
        self.queue: asyncio.Queue[StreamEvent] = asyncio.Queue(maxsize=_QUEUE_LIMIT)
        self.overflowed = False

    def offer(self, event: StreamEvent) -> None:
        if self.overflowed or not self.visible(event):
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True

    def reset(self) -> None:
        """Start afresh after an overflow; the subscriber catches up from the store."""
        self.queue = asyncio.Queue(maxsize=_QUEUE_LIMIT)
        self.overflowed = False


class Broker:
    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()
        self.published_seq = 0

    def subscribe(self, visible: Visible) -> Subscription:
        sub = Subscription(visible)
        self._subscriptions.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subscriptions.discard(sub)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscriptions)

    def publish(self, events: Iterable[StreamEvent]) -> None:
        for event in events:
            if event.seq > self.published_seq:
                self.published_seq = event.seq
            for sub in self._subscriptions:
                sub.offer(event)

"""Live fan-out of committed stream events to the SSE subscribers of this hub process.

Committed events arrive in ``seq`` order (see the last paragraph for from where). A
subscriber that falls too far behind is not allowed to grow without bound: it is marked
as overflowed and catches up from the store, so a slow client never loses an event and
never slows the others.

Each subscription belongs to one user and one token (by its hash), so the broker can
count the streams each holds and end them the moment their session ends (sign-out,
eviction, a disabled user): :meth:`Broker.end_streams`. Streams of another hub process
are ended by their own re-check of the token.

With one process (SQLite) its commits are published straight from the store's hook. With
hub replicas on PostgreSQL, streams get every replica's events from the store
(:mod:`wa_desk.hub.stream_follower`, :meth:`Broker.deliver`) and listeners only this
process's own (:meth:`Broker.committed_here`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable

from wa_desk.core.stream_protocol import SessionEnd
from wa_desk.hub.queries.stream_log import StreamEvent

Visible = Callable[[StreamEvent], bool]
# Told of every event this process committed: work the hub does in the background
# because something changed (the wallboard's rows).
Listener = Callable[[list[StreamEvent]], None]

_QUEUE_LIMIT = 10_000


# Put in a subscription's queue to wake its stream when the stream is ended.
_WAKE = StreamEvent(0, 0, "", None, None, b"", b"")


class Subscription:
    def __init__(self, visible: Visible, user_id: str, token_hash: str) -> None:
        self.visible = visible
        self.user_id = user_id
        self.token_hash = token_hash
        self.queue: asyncio.Queue[StreamEvent] = asyncio.Queue(maxsize=_QUEUE_LIMIT)
        self.overflowed = False
        self.ended: SessionEnd | None = None  # set once: the stream sends nothing more
        # The hub is stopping: the stream ends with a hint to reconnect (to another replica).
        self.moved = False

    def offer(self, event: StreamEvent) -> None:
        if self.overflowed or self.ended is not None or not self.visible(event):
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True

    def end(self, why: SessionEnd) -> None:
        """No more events; the stream wakes, says why, and closes."""
        if self.ended is not None:
            return
        self.ended = why
        # A full queue means the stream is busy draining it and sees ``ended`` next.
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(_WAKE)

    def move(self) -> None:
        """No more events here; the stream wakes, tells its client to reconnect, and
        closes (the client resumes where it was, on this hub's successor or a replica)."""
        if self.moved or self.ended is not None:
            return
        self.moved = True
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(_WAKE)

    def reset(self) -> None:
        """Start afresh after an overflow; the subscriber catches up from the store."""
        self.queue = asyncio.Queue(maxsize=_QUEUE_LIMIT)
        self.overflowed = False


class Broker:
    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()
        self._by_token: dict[str, set[Subscription]] = {}
        self._by_user: dict[str, set[Subscription]] = {}
        self._listeners: list[Listener] = []
        self.published_seq = 0
        self.draining = False  # the process is stopping: no new stream opens

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unlisten(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def subscribe(self, visible: Visible, *, user_id: str, token_hash: str) -> Subscription:
        sub = Subscription(visible, user_id, token_hash)
        self._subscriptions.add(sub)
        self._by_token.setdefault(token_hash, set()).add(sub)
        self._by_user.setdefault(user_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        """Idempotent: a stream may be unsubscribed by its generator and its response."""
        if sub not in self._subscriptions:
            return
        self._subscriptions.discard(sub)
        _drop(self._by_token, sub.token_hash, sub)
        _drop(self._by_user, sub.user_id, sub)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscriptions)

    def streams_of_token(self, token_hash: str) -> int:
        return len(self._by_token.get(token_hash, ()))

    def streams_of_user(self, user_id: str) -> int:
        return len(self._by_user.get(user_id, ()))

    def end_streams(
        self,
        *,
        token_hash: str | None = None,
        user_id: str | None = None,
        why: SessionEnd | None = None,
    ) -> int:
        """End at once the open streams of a token, of a user, or (both given) of that
        user's token; the number ended. Each sends a final ``session_ended`` event with
        ``why`` (by default: revoked for a token, user disabled for a user) and closes.
        Call it after the change that ends the session is committed."""
        if token_hash is None and user_id is None:
            raise ValueError("end_streams needs a token_hash or a user_id")
        if token_hash is not None:
            found = set(self._by_token.get(token_hash, ()))
            if user_id is not None:
                found = {s for s in found if s.user_id == user_id}
            default = SessionEnd.REVOKED
        else:
            assert user_id is not None
            found = set(self._by_user.get(user_id, ()))
            default = SessionEnd.USER_DISABLED
        ended = 0
        for sub in found:
            if sub.ended is None:
                sub.end(why or default)
                ended += 1
            self.unsubscribe(sub)  # its place is free now, not when the socket closes
        return ended

    def drain(self) -> None:
        """The process is stopping: every open stream moves (``Subscription.move``) and
        no new one opens."""
        self.draining = True
        for sub in list(self._subscriptions):
            sub.move()
            self.unsubscribe(sub)

    def publish(self, events: Iterable[StreamEvent]) -> None:
        """Events this process committed, to its streams and its listeners (one process
        on SQLite: its commits are the whole stream)."""
        found = list(events)
        self.deliver(found)
        self.committed_here(found)

    def deliver(self, events: list[StreamEvent]) -> None:
        """Committed events to the streams, in ``seq`` order, each once."""
        for event in events:
            if event.seq > self.published_seq:
                self.published_seq = event.seq
            for sub in self._subscriptions:
                sub.offer(event)

    def committed_here(self, events: list[StreamEvent]) -> None:
        """Events this process committed, to its listeners (with several replicas, each
        hears of its own writes, and its streams of everyone's through the store)."""
        for listener in self._listeners:
            listener(events)


def _drop(index: dict[str, set[Subscription]], key: str, sub: Subscription) -> None:
    subs = index.get(key)
    if subs is None:
        return
    subs.discard(sub)
    if not subs:
        del index[key]

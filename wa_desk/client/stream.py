"""The hub's live stream, held open: one ``GET /api/v1/stream``, resumed after any drop.

Each event's id is the hub's sequence number. After a drop the consumer reconnects
with ``Last-Event-ID`` (backing off with jitter while the hub is away), so the hub
replays what was missed and nothing is lost or repeated. Keeping that position across
runs is the app's: it passes ``last_event_id`` in, and saves an event's seq once the
event is stored, never before. An expired session ends the stream: reconnecting cannot
help until the agent signs in again. The hub says so either by refusing the stream (401)
or, on an open stream, by its last event, ``session_ended`` (signed out, expired, user
disabled): both lead to the same "sign in again".

A resume point the hub can no longer serve (409 ``resume_point_expired``: older than its
store keeps, or from another hub) is dropped: the consumer connects afresh at once, and
once the fresh stream is ready, ``on_reload`` tells the app to reload what it shows, since
the events in between are gone.

Each connect and drop is reported as a ``StreamState``; one with ``session_expired`` is
the last: the consumer has stopped and the user must sign in again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.client.backoff import Backoff
from wa_desk.client.errors import HubError, Refused, SessionExpired
from wa_desk.client.hub_api import HubApi
from wa_desk.client.sse import SseEvent, SseParser
from wa_desk.core.stream_protocol import (
    BAD_LAST_EVENT_ID,
    RESUME_POINT_EXPIRED,
    StreamEventKind,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StreamState:
    """The stream connected, or dropped and why."""

    connected: bool
    reason: str | None = None  # why it is not connected, in words; None while connected
    session_expired: bool = False  # the hub ended the session: stopped until a new sign-in
    retry_in: float | None = None  # seconds until the next try, when one is planned


OnEvent = Callable[[str, int, dict[str, Any]], None]
OnState = Callable[[StreamState], None]
OnReload = Callable[[], None]

# The hub cannot resume from the saved position: start afresh rather than retry it.
_UNUSABLE_POSITION = (RESUME_POINT_EXPIRED, BAD_LAST_EVENT_ID)


class StreamConsumer:
    def __init__(
        self,
        api: HubApi,
        on_event: OnEvent,
        on_state: OnState,
        *,
        last_event_id: int | None = None,
        backoff: Backoff | None = None,
        read_timeout: float = 45.0,
        on_reload: OnReload | None = None,
    ) -> None:
        self._api = api
        self._on_event = on_event
        self._on_state = on_state
        self._on_reload = on_reload
        self._reload_when_ready = False
        self.last_event_id = last_event_id
        self._backoff = backoff or Backoff()
        self._read_timeout = read_timeout
        self.state = StreamState(False)

    async def run(self) -> None:
        """Hold the stream until cancelled or the session expires."""
        try:
            while True:
                try:
                    await self._once()
                    reason = "closed by the hub"
                except SessionExpired as exc:
                    self._set_state(StreamState(False, exc.message, session_expired=True))
                    return
                except Refused as exc:
                    if exc.code in _UNUSABLE_POSITION and self.last_event_id is not None:
                        self._start_afresh()
                        continue
                    reason = f"{exc.code}: {exc.message}"
                except HubError as exc:
                    reason = f"{type(exc).__name__}: {exc.message}"
                delay = self._backoff.next_delay()
                self._set_state(StreamState(False, reason, retry_in=delay))
                await asyncio.sleep(delay)
        finally:
            if self.connected:
                self._set_state(StreamState(False, "stopped"))

    @property
    def connected(self) -> bool:
        return self.state.connected

    async def _once(self) -> None:
        parser = SseParser()
        async with self._api.open_stream(
            self.last_event_id, read_timeout=self._read_timeout
        ) as chunks:
            self._backoff.reset()
            self._set_state(StreamState(True))
            async for chunk in chunks:
                for event in parser.feed(chunk):
                    self._handle(event)

    def _start_afresh(self) -> None:
        """The saved position is of no use any more: forget it, connect without one."""
        self.last_event_id = None
        self._reload_when_ready = True

    def _handle(self, event: SseEvent) -> None:
        if event.event == StreamEventKind.SESSION_ENDED:
            raise SessionExpired(_ended_message(event.data))
        if event.id is None or not event.id.isdigit():
            return
        seq = int(event.id)
        try:
            data = orjson.loads(event.data)
        except orjson.JSONDecodeError:
            log.warning("stream event %s is not JSON; skipped", seq)
            data = None
        if isinstance(data, dict):
            self._on_event(event.event, seq, data)
        self.last_event_id = seq
        if self._reload_when_ready and event.event == StreamEventKind.READY:
            self._reload_when_ready = False
            if self._on_reload is not None:
                self._on_reload()

    def _set_state(self, state: StreamState) -> None:
        if state.connected and self.connected:
            return
        if state.connected:
            since = self.last_event_id
            log.info(
                "live stream connected, %s", f"after event {since}" if since else "from the start"
            )
        elif self.connected:
            log.info("live stream lost: %s", state.reason)
        self.state = state
        self._on_state(state)


def _ended_message(data: str) -> str:
    try:
        body = orjson.loads(data)
    except orjson.JSONDecodeError:
        body = None
    message = body.get("message") if isinstance(body, dict) else None
    return message if isinstance(message, str) else "The hub ended this session."

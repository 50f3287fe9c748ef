"""``GET /api/v1/stream``: the live stream as server-sent events, resumable.

Each event's id is the hub's sequence number. A client that reconnects with
``Last-Event-ID`` first gets every event it missed (read from the store), then live
ones; nothing is missed and nothing is sent twice. Comments every few seconds keep
proxies from closing an idle connection. Users see only the events of their queues.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from wa_desk.hub.api.deps import CurrentUser, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.broker import Subscription, Visible
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.users import User

router = APIRouter(prefix="/api/v1")

_BACKLOG_PAGE = 1000


def visibility(user: User) -> Visible:
    """Agents and supervisors see their queues; admins all; queue-less events: leads."""
    admin = user.role.value == "admin"
    queues = frozenset(user.queues)
    lead = user.is_lead

    def visible(event: StreamEvent) -> bool:
        if event.queue is None:
            return lead
        return admin or event.queue in queues

    return visible


def _resume_point(request: Request) -> int | None:
    raw = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
    if not raw:
        return None
    if not raw.isdigit():
        raise ApiError(400, "bad_last_event_id", "Last-Event-ID must be a sequence number.")
    return int(raw)


def _since(conn: Conn, after: int) -> list[StreamEvent]:
    return stream_log.since(conn, after, _BACKLOG_PAGE)


async def _catch_up(ctx: HubContext, sub: Subscription, last: int, out: list[bytes]) -> int:
    """Append every visible stored event after ``last`` to ``out``; the new ``last``."""
    while True:
        page = await ctx.db.read(partial(_since, after=last))
        for event in page:
            last = event.seq
            if sub.visible(event):
                out.append(event.sse)
        if len(page) < _BACKLOG_PAGE:
            return last


async def _events(ctx: HubContext, visible: Visible, start: int | None) -> AsyncIterator[bytes]:
    # Subscribe before reading the store, so nothing falls between the two.
    sub = ctx.broker.subscribe(visible)
    try:
        yield b"retry: 2000\n\n"
        if start is None:
            last = await ctx.db.read(stream_log.last_seq)
            yield b'id: %d\nevent: ready\ndata: {"seq":%d}\n\n' % (last, last)
        else:
            last = start
            frames: list[bytes] = []
            last = await _catch_up(ctx, sub, last, frames)
            for frame in frames:
                yield frame
        heartbeat = ctx.settings.heartbeat_seconds
        while True:
            if sub.overflowed:
                sub.reset()
                frames = []
                last = await _catch_up(ctx, sub, last, frames)
                for frame in frames:
                    yield frame
            try:
                event = sub.queue.get_nowait()
            except asyncio.QueueEmpty:
                try:
                    async with asyncio.timeout(heartbeat):  # no task per wait, unlike wait_for
                        event = await sub.queue.get()
                except TimeoutError:
                    yield b": keep-alive\n\n"
                    continue
            # Everything already queued goes out in one write (one commit's events arrive
            # together): a send per event costs more than the event itself.
            frames = []
            while True:
                if event.seq > last:
                    last = event.seq
                    frames.append(event.sse)
                try:
                    event = sub.queue.get_nowait()
                except asyncio.QueueEmpty:
                    break
            if frames:
                yield b"".join(frames)
    finally:
        ctx.broker.unsubscribe(sub)


@router.get("/stream", response_class=StreamingResponse)
async def stream(request: Request, user: CurrentUser, ctx: Hub) -> StreamingResponse:
    start = _resume_point(request)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(
        _events(ctx, visibility(user), start), media_type="text/event-stream", headers=headers
    )

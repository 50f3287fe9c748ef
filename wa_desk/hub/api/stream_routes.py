"""``GET /api/v1/stream``: the live stream as server-sent events, resumable.

Each event's id is the hub's sequence number. A client that reconnects with
``Last-Event-ID`` first gets every event it missed (read from the store a page at a time,
each page sent before the next is read), then live ones; nothing is missed and nothing is
sent twice. Comments every few seconds keep proxies from closing an idle connection.
Users see only the events of their queues.

A stream lasts only as long as its session: the broker ends it at once when this process
signs the token out or disables its user, and the stream re-checks its token every
``[sessions] stream_recheck_seconds`` (and at each heartbeat) for what other processes
did. Either way its last event is ``session_ended`` with the reason, then it closes. A
hub process that is stopping ends its streams with a ``retry:`` hint instead (the client
resumes elsewhere, or here once restarted) and refuses new ones with 503 ``hub_stopping``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from functools import partial

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import (
    BAD_LAST_EVENT_ID,
    HUB_STOPPING,
    MOVE_RETRY_MS,
    RESUME_POINT_EXPIRED,
    TOO_MANY_STREAMS,
    SessionEnd,
    StreamEventKind,
)
from wa_desk.hub import retention
from wa_desk.hub.api.deps import CurrentUser, Hub, bearer_token, session_user
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.broker import Broker, Subscription, Visible
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import stream_log, users
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.users import User
from wa_desk.hub.session_policy import SessionPolicy
from wa_desk.hub.stream_session import MESSAGES, why_ended

router = APIRouter(prefix="/api/v1")

_BACKLOG_PAGE = 1000
_MAX_SEQ = 2**63 - 1  # the store's BIGINT
_MAX_SEQ_DIGITS = len(str(_MAX_SEQ))


def visibility(user: User) -> Visible:
    """Agents and supervisors see their queues; admins all; queue-less events: leads (of
    the event's audience queues, when it names some), or every member of the audience
    queues when the event is for all of them (an agent's status), or everyone when it
    names no audience but is for all (the account's templates changed)."""
    admin = user.role.value == "admin"
    queues = frozenset(user.queues)
    lead = user.is_lead

    def visible(event: StreamEvent) -> bool:
        if event.queue is None:
            audience = event.audience
            if audience is None:
                return lead or event.audience_members
            if not (lead or event.audience_members):
                return False
            return admin or not audience.isdisjoint(queues)
        return admin or event.queue in queues

    return visible


def _resume_point(request: Request) -> int | None:
    raw = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
    if not raw:
        return None
    if not (len(raw) <= _MAX_SEQ_DIGITS and raw.isascii() and raw.isdigit()) or (
        int(raw) > _MAX_SEQ
    ):
        raise ApiError(
            400,
            BAD_LAST_EVENT_ID,
            "Last-Event-ID must be a sequence number this hub sent (ASCII digits, at most "
            f"{_MAX_SEQ}); connect without it to start afresh.",
        )
    return int(raw)


async def _refuse_expired(ctx: HubContext, start: int) -> None:
    days = ctx.settings.retention_days
    horizon = None if days is None else retention.cutoff_for(days, now_ms())
    if await ctx.db.read(partial(stream_log.resume_expired, after_seq=start, horizon=horizon)):
        raise ApiError(
            409,
            RESUME_POINT_EXPIRED,
            "The stream cannot resume from this point (too old, or not from this hub): "
            "reload the lists and connect without Last-Event-ID.",
        )


def _refuse_while_stopping(broker: Broker) -> None:
    if broker.draining:
        raise ApiError(
            503,
            HUB_STOPPING,
            "This hub is stopping: connect again in a moment (with Last-Event-ID), and "
            "another hub or this one once restarted takes the stream over.",
        )


def _refuse_over_cap(broker: Broker, policy: SessionPolicy, user_id: str, token_hash: str) -> None:
    if broker.streams_of_token(token_hash) >= policy.max_streams_per_token:
        raise ApiError(
            429,
            TOO_MANY_STREAMS,
            f"This session already holds {policy.max_streams_per_token} live streams, the "
            "most allowed: close one first (a dropped one frees its place as it closes).",
        )
    if broker.streams_of_user(user_id) >= policy.max_streams_per_user:
        raise ApiError(
            429,
            TOO_MANY_STREAMS,
            f"This user already holds {policy.max_streams_per_user} live streams, the most "
            "allowed: close the app on another computer first.",
        )


def _since(conn: Conn, after: int) -> list[StreamEvent]:
    return stream_log.since(conn, after, _BACKLOG_PAGE)


async def _backlog_page(ctx: HubContext, sub: Subscription, last: int) -> tuple[bytes, int, bool]:
    """The visible stored events of one page after ``last`` as one write; the new
    ``last``; whether more pages may follow."""
    page = await ctx.db.read(partial(_since, after=last))
    if page:
        last = page[-1].seq
    visible = sub.visible
    return b"".join([e.sse for e in page if visible(e)]), last, len(page) == _BACKLOG_PAGE


_MOVE_FRAME = b"retry: %d\n\n" % MOVE_RETRY_MS


def _ended_frame(why: SessionEnd) -> bytes:
    data = orjson.dumps({"code": why.value, "message": MESSAGES[why]})
    # No id: the end moves no resume point.
    return b"event: %s\ndata: %s\n\n" % (StreamEventKind.SESSION_ENDED.encode(), data)


async def _events(
    ctx: HubContext, sub: Subscription, token: str, start: int | None
) -> AsyncIterator[bytes]:
    """The subscription was made before anything here reads the store, so nothing falls
    between the two; live events the store already gave (``seq <= last``) are skipped."""
    loop = asyncio.get_running_loop()
    heartbeat = ctx.settings.heartbeat_seconds
    recheck = ctx.settings.sessions.stream_recheck_seconds

    async def recheck_session() -> None:
        if await session_user(ctx, token) is None:
            sub.end(await ctx.db.read(partial(why_ended, token=token)))

    try:
        yield b"retry: 2000\n\n"
        if start is None:
            last = await ctx.db.read(stream_log.last_seq)
            yield stream_log.sse_frame(last, StreamEventKind.READY, b'{"seq":%d}' % last)
        else:
            last = start
        behind = start is not None  # the backlog is still to send
        next_check = loop.time() + recheck
        next_beat = loop.time() + heartbeat
        while True:
            if loop.time() >= next_check:
                await recheck_session()
                next_check = loop.time() + recheck
            if sub.ended is not None:
                yield _ended_frame(sub.ended)
                return
            if sub.moved:
                yield _MOVE_FRAME
                return
            if behind or sub.overflowed:
                # One page of the store at a time, sent before the next is read.
                if sub.overflowed:
                    sub.reset()
                chunk, last, behind = await _backlog_page(ctx, sub, last)
                if chunk and sub.ended is None:
                    yield chunk
                    next_beat = loop.time() + heartbeat
                del chunk  # not held while the next page is read
                continue
            try:
                event = sub.queue.get_nowait()
            except asyncio.QueueEmpty:
                try:
                    # No task per wait, unlike wait_for.
                    async with asyncio.timeout_at(min(next_check, next_beat)):
                        event = await sub.queue.get()
                except TimeoutError:
                    if loop.time() >= next_beat:
                        await recheck_session()  # every heartbeat re-checks too
                        next_check = loop.time() + recheck
                        if sub.ended is None:
                            yield b": keep-alive\n\n"
                        next_beat = loop.time() + heartbeat
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
            if frames and sub.ended is None:
                yield b"".join(frames)
                next_beat = loop.time() + heartbeat
    finally:
        ctx.broker.unsubscribe(sub)


class _StreamResponse(StreamingResponse):
    """Gives the stream's place back however the response ends, even when the client
    leaves before the first byte (the body's generator then never starts)."""

    def __init__(
        self, content: AsyncIterator[bytes], release: Callable[[], None], headers: dict[str, str]
    ) -> None:
        super().__init__(content, media_type="text/event-stream", headers=headers)
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


@router.get("/stream", response_class=StreamingResponse)
async def stream(request: Request, user: CurrentUser, ctx: Hub) -> StreamingResponse:
    """The live stream. ``Last-Event-ID`` (header, or ``last_event_id`` in the query)
    resumes after that sequence number: 400 ``bad_last_event_id`` when it is not one, 409
    ``resume_point_expired`` when the store can no longer serve it (reload, then connect
    without it).

    Open streams are capped by ``[sessions]``: ``max_streams_per_token`` (default 2: the
    desktop holds one, and a reconnect may briefly overlap the stream it replaces) and
    ``max_streams_per_user`` (default 4: two computers). One more is refused with 429
    ``too_many_streams``; a closed stream frees its place at once.
    """
    start = _resume_point(request)
    if start is not None:
        await _refuse_expired(ctx, start)
    token = bearer_token(request)
    token_hash = users.hash_token(token)
    # No await from the count to the subscription: two opens cannot both take the last place.
    _refuse_while_stopping(ctx.broker)
    _refuse_over_cap(ctx.broker, ctx.settings.sessions, user.id, token_hash)
    sub = ctx.broker.subscribe(visibility(user), user_id=user.id, token_hash=token_hash)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return _StreamResponse(
        _events(ctx, sub, token, start), partial(ctx.broker.unsubscribe, sub), headers
    )

"""The supervisor API: a conversation's full timeline (messages and actions)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from wa_desk.core import cursor as cursors
from wa_desk.core.clock import now_ms
from wa_desk.hub import supervisor_views
from wa_desk.hub.actions import NotVisible, load_visible
from wa_desk.hub.api.deps import CurrentLead, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import conversations, timeline
from wa_desk.hub.supervisor_views import ViewedPart

router = APIRouter(prefix="/api/v1/supervisor")

DEFAULT_TIMELINE_LIMIT = 2000
MAX_TIMELINE_LIMIT = 5000


@router.get("/conversations/{conversation_id}/timeline")
async def conversation_timeline(
    conversation_id: str,
    user: CurrentLead,
    ctx: Hub,
    limit: int = DEFAULT_TIMELINE_LIMIT,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Messages and audit events of every chain, oldest first, with the conversation's
    waiting, first-response and handle times; ``next`` pages on (``cursor=``). A device's
    logged intent (a claim, a close...) carries its ``outcome``: ``{"state": "done"}``
    when the hub's fact carries its key, ``{"state": "refused", "code", "message"}`` when
    the device logged the hub's refusal, else ``{"state": "unconfirmed"}``; every other
    item's ``outcome`` is null. What happened is the hub's facts (``source: "hub"``).
    Recorded as ``supervisor.viewed`` when the caller does not hold the conversation (at
    most once per supervisor and conversation every 10 minutes); marks nothing read."""
    if not 1 <= limit <= MAX_TIMELINE_LIMIT:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {MAX_TIMELINE_LIMIT}.")
    after = None
    if cursor:
        try:
            after = timeline.key_of_cursor(*cursors.decode(cursor))
        except ValueError:
            raise ApiError(400, "bad_cursor", "The cursor is not one this hub gave out.") from None

    now = now_ms()

    def read(conn: Conn) -> tuple[Any, dict[str, Any], bool]:
        load_visible(conn, user, conversation_id)
        conv = conversations.get(conn, conversation_id)
        assert conv is not None
        due = supervisor_views.is_due(conn, user.id, conversation_id, now)
        items = timeline.items_page(conn, conv, after, limit + 1)
        more = len(items) > limit
        items = items[:limit]
        last = items[-1] if more else None
        return (
            conv,
            {
                "conversation": timeline.conversation_view(conv),
                "items": items,
                "next": timeline.next_cursor(last) if last else None,
                "durations": timeline.durations(conn, conv).view(),
                "disposition": conv["disposition"],
            },
            due,
        )

    try:
        conv, answer, due = await ctx.db.read(read)
    except NotVisible:
        raise ApiError(
            404, "not_found", f"No conversation {conversation_id} that you can see."
        ) from None
    await supervisor_views.note_view(ctx, user, conv, ViewedPart.TIMELINE, due, now)
    return answer

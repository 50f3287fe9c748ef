"""``supervisor.viewed``: a lead opening a conversation they do not hold, in the hub's
audit chain.

A supervisor (or an administrator) reading a conversation, its messages or its timeline
while someone else holds it (or nobody does) is recorded once per supervisor and
conversation every ``VIEW_EVERY_MS`` (10 minutes): paging through a long conversation or
coming back to it a minute later is one view, not a flood of facts. Reading changes
nothing for the agent: the conversation's unread count and read receipts are the
agent's own (``POST .../read``), never touched here.
"""

from __future__ import annotations

from enum import StrEnum

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User

VIEW_EVERY_MS: Millis = 10 * 60 * 1000


class ViewedPart(StrEnum):
    """What the lead opened (the fact's ``data.view``)."""

    CONVERSATION = "conversation"
    MESSAGES = "messages"
    TIMELINE = "timeline"


def is_supervising(user: User, conversation: Row) -> bool:
    """A lead reading a conversation they do not hold."""
    return user.is_lead and conversation["assignee"] != user.id


def is_due(conn: Conn, user_id: str, conversation_id: str, now: Millis) -> bool:
    """No ``supervisor.viewed`` of this lead on this conversation in the last 10 minutes."""
    last = conn.scalar(
        "SELECT MAX(at_ms) FROM audit_events WHERE conversation_id = ? AND kind = ? AND actor = ?",
        (conversation_id, AuditKind.SUPERVISOR_VIEWED.value, user_id),
    )
    return last is None or now - int(last) >= VIEW_EVERY_MS


def record(
    conn: Conn, user: User, conversation: Row, part: ViewedPart, now: Millis
) -> Outcome[bool]:
    """The fact, unless one of the last 10 minutes already says it (checked again inside
    the write: two requests at once record one view)."""
    cid = str(conversation["id"])
    if not is_due(conn, user.id, cid, now):
        return Outcome(False)
    data = {"view": part.value, "queue": conversation["queue"], "holder": conversation["assignee"]}
    append_hub_fact(conn, AuditKind.SUPERVISOR_VIEWED, user.id, cid, data, now)
    return Outcome(True)


async def note_view(
    ctx: HubContext, user: User, conversation: Row, part: ViewedPart, due: bool, now: Millis
) -> None:
    """Record the view when ``due`` (as read alongside the conversation)."""
    if due and is_supervising(user, conversation):
        await ctx.write(lambda c: record(c, user, conversation, part, now))

"""Stream events that announce a changed conversation, agent or set of templates, shared
by every writer."""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.agent_view import agent_view
from wa_desk.hub.db.connection import Conn, LaterRow, Row
from wa_desk.hub.queries import conversations, stream_log, users
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.templates import TemplateChange


def conversation_changed(conn: Conn, conversation_id: str, now: Millis) -> StreamEvent:
    row = conversations.get(conn, conversation_id)
    assert row is not None
    return conversation_row_changed(conn, row, now)


def conversation_row_changed(conn: Conn, row: Row, now: Millis) -> StreamEvent:
    """``conversation_changed`` for a row already read as ``conversations.get`` reads it."""
    return stream_log.append(
        conn,
        StreamEventKind.CONVERSATION_UPDATED,
        row["queue"],
        str(row["id"]),
        conversations.view(row),
        now,
    )


def conversation_changed_later(
    conn: Conn, conversation_id: str, queue: str, row: LaterRow, now: Millis
) -> StreamEvent:
    """``conversation_row_changed`` for a row still on its way (``Conn.one_later``), of
    a conversation whose queue the change keeps: its view is taken when the event is
    written."""

    def view() -> dict[str, Any]:
        found = row.get()
        assert found is not None, f"conversation {conversation_id} not returned"
        return conversations.view(found)

    return stream_log.append(
        conn, StreamEventKind.CONVERSATION_UPDATED, queue, conversation_id, view, now
    )


def agent_status_changed(
    conn: Conn, user_id: str, now: Millis, guidelines: Guidelines
) -> StreamEvent:
    """The agent as ``GET /api/v1/agents`` lists them, for everyone who shares a queue
    with them: their supervisors, and the colleagues who may transfer to them."""
    user = users.get_user(conn, user_id)
    assert user is not None
    return stream_log.append(
        conn,
        StreamEventKind.AGENT_STATUS,
        None,
        None,
        agent_view(user, guidelines),
        now,
        audience=frozenset(user.queues),
        audience_members=True,
    )


def templates_changed(conn: Conn, changes: list[TemplateChange], now: Millis) -> StreamEvent:
    """The templates that changed, for every signed-in user: anyone may send templates,
    and an agent filling one in must learn that it can no longer be sent."""
    return stream_log.append(
        conn,
        StreamEventKind.TEMPLATES_CHANGED,
        None,
        None,
        {"templates": [c.to_json() for c in changes]},
        now,
        audience_members=True,
    )

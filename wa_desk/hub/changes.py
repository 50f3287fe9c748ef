"""Stream events that announce a changed conversation or agent, shared by every writer."""

from __future__ import annotations

from wa_desk.core.clock import Millis
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import conversations, stream_log
from wa_desk.hub.queries.stream_log import StreamEvent


def conversation_changed(conn: Conn, conversation_id: str, now: Millis) -> StreamEvent:
    row = conversations.get(conn, conversation_id)
    assert row is not None
    return stream_log.append(
        conn,
        StreamEventKind.CONVERSATION_UPDATED,
        row["queue"],
        conversation_id,
        conversations.view(row),
        now,
    )


def agent_status_changed(conn: Conn, user_id: str, status: str, now: Millis) -> StreamEvent:
    """Agent presence is for supervisors: a stream event tied to no queue."""
    return stream_log.append(
        conn, StreamEventKind.AGENT_STATUS, None, None, {"user_id": user_id, "status": status}, now
    )

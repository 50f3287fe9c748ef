"""Automatic replies in the store: what a conversation already had, and the durable
queue of automatic sends not yet handed to WhatsApp (``auto_reply_sends``)."""

from __future__ import annotations

from wa_desk.core.auto_replies import AutoReplyKind
from wa_desk.core.clock import Millis
from wa_desk.hub.db.connection import Conn

_COLUMN = {AutoReplyKind.GREETING: "auto_greeted_at", AutoReplyKind.AWAY: "auto_away_at"}


def note_sent(
    conn: Conn,
    conversation_id: str,
    kind: AutoReplyKind,
    at: Millis,
    preview: str | None,
) -> None:
    """The conversation had its ``kind`` of automatic reply at ``at``. Only its last
    message moves: the customer still waits for a person (``waiting_since``, ``unread``
    and ``first_response_at`` stay as they are)."""
    conn.execute(
        f"UPDATE conversations SET {_COLUMN[kind]} = ?, "  # noqa: S608 - a constant column
        "last_message_at = CASE WHEN last_message_at < ? THEN ? ELSE last_message_at END, "
        "last_message_preview = ? WHERE id = ?",
        (at, at, at, preview, conversation_id),
    )


def enqueue(conn: Conn, message_id: str, now: Millis) -> None:
    conn.execute(
        "INSERT INTO auto_reply_sends (message_id, created_at) VALUES (?, ?)", (message_id, now)
    )


def unclaimed(conn: Conn, limit: int = 100) -> list[str]:
    rows = conn.all(
        "SELECT message_id FROM auto_reply_sends WHERE claimed_at IS NULL "
        "ORDER BY created_at LIMIT ?",
        (limit,),
    )
    return [str(r["message_id"]) for r in rows]


def claim(conn: Conn, message_id: str, now: Millis) -> bool:
    """Compare-and-set: True for the one caller (of any replica) that gets to send it."""
    return (
        conn.execute(
            "UPDATE auto_reply_sends SET claimed_at = ? "
            "WHERE message_id = ? AND claimed_at IS NULL",
            (now, message_id),
        )
        == 1
    )


def done(conn: Conn, message_id: str) -> None:
    conn.execute("DELETE FROM auto_reply_sends WHERE message_id = ?", (message_id,))

"""Private notes on a conversation: what agents tell each other, never the customer."""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.ids import uuid7
from wa_desk.hub.db.connection import Conn, Row

_SELECT = (
    "SELECT n.*, u.name AS author_name FROM conversation_notes n "
    "LEFT JOIN users u ON u.id = n.author "
)


def view(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "conversation_id": row["conversation_id"],
        "author": row["author"],
        "author_name": row["author_name"],
        "kind": row["kind"],
        "text": row["text"],
        "at": to_rfc3339(row["at"]),
        "idempotency_key": row["idempotency_key"],
    }


def get(conn: Conn, note_id: str) -> Row | None:
    return conn.one(_SELECT + "WHERE n.id = ?", (note_id,))


def by_key(conn: Conn, author: str, conversation_id: str, key: str) -> Row | None:
    """The author's note with this key on this conversation (keys are scoped to both)."""
    return conn.one(
        _SELECT + "WHERE n.conversation_id = ? AND n.author = ? AND n.idempotency_key = ?",
        (conversation_id, author, key),
    )


def add(
    conn: Conn, conversation_id: str, author: str, text: str, now: Millis, key: str | None
) -> Row:
    note_id = uuid7()
    conn.execute(
        "INSERT INTO conversation_notes (id, conversation_id, author, kind, text, at, "
        "idempotency_key) VALUES (?, ?, ?, 'note', ?, ?, ?)",
        (note_id, conversation_id, author, text, now, key),
    )
    row = get(conn, note_id)
    assert row is not None
    return row


def for_conversation(conn: Conn, conversation_id: str, limit: int) -> list[Row]:
    """Oldest first; transfer and closing notes included (their ``kind`` says which)."""
    return conn.all(
        _SELECT + "WHERE n.conversation_id = ? ORDER BY n.at, n.id LIMIT ?",
        (conversation_id, limit),
    )

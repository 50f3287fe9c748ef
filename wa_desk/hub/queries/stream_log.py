"""The hub's ordered stream: every change clients must see, numbered by ``seq``.

Events are appended in the same transaction as the change they describe, so the stream
never shows something that was rolled back, and a client that resumes from its last
``seq`` misses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core.clock import Millis
from wa_desk.hub.db.connection import Conn


@dataclass(frozen=True, slots=True)
class StreamEvent:
    seq: int
    at: Millis
    kind: str
    queue: str | None  # None: not tied to a queue (seen by leads only)
    conversation_id: str | None
    data: bytes  # JSON of the event's payload

    def visible_to(self, queues: frozenset[str] | None, user_id: str | None = None) -> bool:
        """``queues`` None means every queue (admins)."""
        if queues is None:
            return True
        if self.queue is None:
            return False
        return self.queue in queues


def append(
    conn: Conn,
    kind: str,
    queue: str | None,
    conversation_id: str | None,
    data: dict[str, Any],
    now: Millis,
) -> StreamEvent:
    blob = orjson.dumps(data)
    seq = conn.scalar(
        "INSERT INTO stream_events (at, queue, conversation_id, kind, data) "
        "VALUES (?, ?, ?, ?, ?) RETURNING seq",
        (now, queue, conversation_id, kind, blob.decode("utf-8")),
    )
    return StreamEvent(int(seq), now, kind, queue, conversation_id, blob)


def since(conn: Conn, after_seq: int, limit: int = 1000) -> list[StreamEvent]:
    rows = conn.all(
        "SELECT seq, at, queue, conversation_id, kind, data FROM stream_events "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        (after_seq, limit),
    )
    return [
        StreamEvent(
            int(r["seq"]),
            r["at"],
            r["kind"],
            r["queue"],
            r["conversation_id"],
            r["data"].encode("utf-8"),
        )
        for r in rows
    ]


def last_seq(conn: Conn) -> int:
    return int(conn.scalar("SELECT COALESCE(MAX(seq), 0) FROM stream_events") or 0)

"""Tags on contacts, shared by every conversation with that customer."""

from __future__ import annotations

from wa_desk.core.clock import Millis
from wa_desk.hub.db.connection import Conn


def of_contact(conn: Conn, wa_id: str) -> list[str]:
    rows = conn.all("SELECT tag FROM contact_tags WHERE wa_id = ? ORDER BY tag", (wa_id,))
    return [str(r["tag"]) for r in rows]


def count(conn: Conn, wa_id: str) -> int:
    return int(conn.scalar("SELECT count(*) FROM contact_tags WHERE wa_id = ?", (wa_id,)) or 0)


def add(conn: Conn, wa_id: str, tag: str, user_id: str, now: Millis) -> bool:
    """Whether the tag is new on this contact."""
    changed = conn.execute(
        "INSERT INTO contact_tags (wa_id, tag, added_by, added_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (wa_id, tag) DO NOTHING",
        (wa_id, tag, user_id, now),
    )
    return changed == 1


def remove(conn: Conn, wa_id: str, tag: str) -> bool:
    changed = conn.execute("DELETE FROM contact_tags WHERE wa_id = ? AND tag = ?", (wa_id, tag))
    return changed == 1


def queues_of_contact(conn: Conn, wa_id: str) -> list[str]:
    rows = conn.all(
        "SELECT DISTINCT queue FROM conversations WHERE wa_id = ? ORDER BY queue", (wa_id,)
    )
    return [str(r["queue"]) for r in rows]

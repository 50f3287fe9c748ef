"""Cached private notes and contact tags, so the customer panel fills at once (and
offline); the hub's copy replaces the cache whenever it arrives.

A note the agent just wrote is kept as a pending copy (``local = 1``) until the hub's
note with the same idempotency key replaces it; a tag change shows at once and the hub's
answer (the contact's whole tag set) settles it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.store.rows import dumps, loads, millis


def notes(conn: sqlite3.Connection, conversation_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT json FROM notes WHERE conversation_id = ? ORDER BY at, id", (conversation_id,)
    ).fetchall()
    return [dict(loads(r[0])) for r in rows]


def upsert_notes(conn: sqlite3.Connection, items: Iterable[dict[str, Any]]) -> None:
    for item in items:
        key = item.get("idempotency_key")
        if key:
            conn.execute("DELETE FROM notes WHERE idempotency_key = ? AND local = 1", (key,))
        conn.execute(
            "INSERT INTO notes (id, conversation_id, at, idempotency_key, local, json) "
            "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
            (
                item["id"],
                item["conversation_id"],
                millis(item.get("at")) or 0,
                key,
                dumps(item),
            ),
        )


def add_pending_note(
    conn: sqlite3.Connection,
    conversation_id: str,
    key: str,
    author: str,
    author_name: str,
    text: str,
    now: Millis,
) -> dict[str, Any]:
    note = {
        "id": f"local-{key}",
        "conversation_id": conversation_id,
        "author": author,
        "author_name": author_name,
        "kind": "note",
        "text": text,
        "at": to_rfc3339(now),
        "idempotency_key": key,
        "pending": True,
    }
    conn.execute(
        "INSERT INTO notes (id, conversation_id, at, idempotency_key, local, json) "
        "VALUES (?, ?, ?, ?, 1, ?)",
        (note["id"], conversation_id, now, key, dumps(note)),
    )
    return note


def drop_pending_note(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM notes WHERE idempotency_key = ? AND local = 1", (key,))


def contact_tags(conn: sqlite3.Connection, wa_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT tag FROM contact_tags WHERE wa_id = ? ORDER BY tag", (wa_id,)
    ).fetchall()
    return [str(r[0]) for r in rows]


def set_contact_tags(conn: sqlite3.Connection, wa_id: str, tags: Iterable[str]) -> None:
    conn.execute("DELETE FROM contact_tags WHERE wa_id = ?", (wa_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO contact_tags (wa_id, tag) VALUES (?, ?)",
        [(wa_id, tag) for tag in tags],
    )


def change_tag(conn: sqlite3.Connection, wa_id: str, tag: str, add: bool) -> None:
    if add:
        conn.execute("INSERT OR IGNORE INTO contact_tags (wa_id, tag) VALUES (?, ?)", (wa_id, tag))
    else:
        conn.execute("DELETE FROM contact_tags WHERE wa_id = ? AND tag = ?", (wa_id, tag))

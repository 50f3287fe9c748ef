"""Reads of the desktop's local store that only tests make: one cached message by id,
the outbox entries the hub refused. They take the store's lock as its own reads do (the
app may be writing from a worker thread meanwhile)."""

from __future__ import annotations

from typing import Any

from wa_desk.store import outbox
from wa_desk.store.local_store import LocalStore
from wa_desk.store.outbox import OutboxEntry
from wa_desk.store.rows import loads


def stored_message(store: LocalStore, message_id: str) -> dict[str, Any] | None:
    with store._read() as c:
        row = c.execute("SELECT json FROM messages WHERE id = ?", (message_id,)).fetchone()
    return None if row is None else dict(loads(row[0]))


def failed_entries(store: LocalStore, limit: int = 100) -> list[OutboxEntry]:
    with store._read() as c:
        return outbox.in_state(c, outbox.FAILED, limit)

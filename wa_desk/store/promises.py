"""The customers' promises as the hub last told them, so the customer panel shows a
customer's open promises at once and offline; and those promises as the agent has left
them, with the changes still waiting in the outbox applied on top.

The cache holds the hub's word only (its list of a customer's open promises, its answer
to each change, the stream's ``promise.changed``), and open promises only: one kept or
broken leaves it, so it stays as small as what is still owed. A change the agent made that the hub
has not taken yet lives in the outbox alone, durable with its action-log entry; it is
laid over the cache each time the promises are read, so nothing has to be undone when
the hub answers or refuses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.outbox_kinds import PROMISE_CHANGES, OutboxKind
from wa_desk.core.promises import PromiseState
from wa_desk.store.outbox import OutboxEntry
from wa_desk.store.rows import dumps, loads, millis


def upsert_promises(conn: sqlite3.Connection, items: Iterable[Mapping[str, Any]]) -> None:
    """Promises as the hub shows them (any state): each replaces its cached copy; one
    kept or broken leaves the cache, which holds open promises only."""
    for item in items:
        if item["state"] != PromiseState.OPEN:
            conn.execute("DELETE FROM promises WHERE id = ?", (item["id"],))
            continue
        conn.execute(
            "INSERT INTO promises (id, wa_id, conversation_id, state, due_at, json) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET wa_id = excluded.wa_id, "
            "conversation_id = excluded.conversation_id, state = excluded.state, "
            "due_at = excluded.due_at, json = excluded.json",
            (
                item["id"],
                item["wa_id"],
                item["conversation_id"],
                item["state"],
                millis(item.get("due_at")) or 0,
                dumps(dict(item)),
            ),
        )


def set_open_promises(
    conn: sqlite3.Connection, wa_id: str, items: Iterable[Mapping[str, Any]]
) -> None:
    """The hub's list of the customer's open promises: one the cache held open and the
    hub no longer lists was closed (or handed out of sight) meanwhile."""
    conn.execute(
        "DELETE FROM promises WHERE wa_id = ? AND state = ?", (wa_id, PromiseState.OPEN.value)
    )
    upsert_promises(conn, items)


def cached_open(conn: sqlite3.Connection, wa_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT json FROM promises WHERE wa_id = ? AND state = ? ORDER BY due_at, id",
        (wa_id, PromiseState.OPEN.value),
    ).fetchall()
    return [dict(loads(r[0])) for r in rows]


def conversation_customer(conn: sqlite3.Connection, conversation_id: str | None) -> str | None:
    row = conn.execute(
        "SELECT wa_id FROM conversations WHERE id = ?", (conversation_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def with_waiting(
    wa_id: str,
    cached: list[dict[str, Any]],
    waiting: Iterable[OutboxEntry],
    customers: Mapping[str, str],
    me: tuple[str, str],
) -> list[dict[str, Any]]:
    """The customer's open promises with the agent's waiting changes applied, in the
    soonest due first. ``customers``: each waiting promise
    entry's conversation → its customer; ``me``: the agent's id and name. A promise a
    waiting change touched is marked ``pending``."""
    shown = {str(p["id"]): dict(p) for p in cached}
    for entry in waiting:
        if entry.kind not in PROMISE_CHANGES:
            continue
        p = entry.payload
        if entry.kind is OutboxKind.PROMISE_MAKE:
            if customers.get(entry.conversation_id or "") != wa_id or p.get("id") in shown:
                continue
            shown[str(p["id"])] = _made(wa_id, entry, me)
            continue
        promise = shown.get(str(p.get("promise")))
        if promise is None:
            continue
        promise["pending"] = True
        if entry.kind in (OutboxKind.PROMISE_KEEP, OutboxKind.PROMISE_BREAK):
            del shown[str(promise["id"])]
        elif entry.kind is OutboxKind.PROMISE_RESCHEDULE:
            promise["due_at"] = p.get("due_at")
            promise["reason"] = p.get("reason")
        elif entry.kind is OutboxKind.PROMISE_TRANSFER:
            promise["owner"] = p.get("to_user")
            promise["owner_name"] = None  # the hub names them when it answers
    return sorted(shown.values(), key=lambda q: (millis(q.get("due_at")) or 0, str(q["id"])))


def _made(wa_id: str, entry: OutboxEntry, me: tuple[str, str]) -> dict[str, Any]:
    p = entry.payload
    made_at: Millis = entry.created_at
    return {
        "id": p["id"],
        "conversation_id": entry.conversation_id,
        "wa_id": wa_id,
        "what": p.get("what"),
        "due_at": p.get("due_at"),
        "owner": p.get("owner") or me[0],
        "owner_name": None if p.get("owner") else me[1],
        "made_by": me[0],
        "made_by_name": me[1],
        "made_at": to_rfc3339(made_at),
        "message_id": p.get("message_id"),
        "state": PromiseState.OPEN.value,
        "pending": True,
    }

"""The promise ledger's rows: what was promised to a customer, by when, who owns it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.promises import PromiseState
from wa_desk.hub.db.connection import Conn, Row

# The queue a promise is seen from is its conversation's queue now (a transferred
# conversation takes its promises along); ``queue`` is where it was made.
_SELECT = (
    "SELECT p.*, c.queue AS conversation_queue, o.name AS owner_name, "
    "m.name AS made_by_name FROM promises p "
    "JOIN conversations c ON c.id = p.conversation_id "
    "LEFT JOIN users o ON o.id = p.owner "
    "LEFT JOIN users m ON m.id = p.made_by "
)


@dataclass(frozen=True, slots=True)
class NewPromise:
    id: str
    conversation_id: str
    wa_id: str
    queue: str
    what: str
    due_at: Millis
    owner: str
    made_by: str
    message_id: str | None


def _time(value: Any) -> str | None:
    return None if value is None else to_rfc3339(int(value))


def view(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "conversation_id": row["conversation_id"],
        "wa_id": row["wa_id"],
        "queue": row["conversation_queue"],
        "made_in_queue": row["queue"],
        "what": row["what"],
        "due_at": to_rfc3339(int(row["due_at"])),
        "first_due_at": to_rfc3339(int(row["first_due_at"])),
        "owner": row["owner"],
        "owner_name": row["owner_name"],
        "made_by": row["made_by"],
        "made_by_name": row["made_by_name"],
        "made_at": to_rfc3339(int(row["made_at"])),
        "message_id": row["message_id"],
        "state": row["state"],
        "closed_at": _time(row["closed_at"]),
        "kept_message_id": row["kept_message_id"],
        "reason": row["reason"],
        "reschedules": int(row["reschedules"]),
    }


def get(conn: Conn, promise_id: str) -> Row | None:
    return conn.one(_SELECT + "WHERE p.id = ?", (promise_id,))


def add(conn: Conn, new: NewPromise, now: Millis) -> Row:
    conn.execute(
        "INSERT INTO promises (id, conversation_id, wa_id, queue, what, due_at, first_due_at, "
        "owner, made_by, made_at, message_id, state) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.id,
            new.conversation_id,
            new.wa_id,
            new.queue,
            new.what,
            new.due_at,
            new.due_at,
            new.owner,
            new.made_by,
            now,
            new.message_id,
            PromiseState.OPEN.value,
        ),
    )
    row = get(conn, new.id)
    assert row is not None
    return row


def close(
    conn: Conn,
    promise_id: str,
    state: PromiseState,
    now: Millis,
    *,
    kept_message_id: str | None = None,
    reason: str | None = None,
) -> None:
    conn.execute(
        "UPDATE promises SET state = ?, closed_at = ?, kept_message_id = ?, "
        "reason = COALESCE(?, reason) WHERE id = ?",
        (state.value, now, kept_message_id, reason, promise_id),
    )


def reschedule(conn: Conn, promise_id: str, due_at: Millis, reason: str) -> None:
    conn.execute(
        "UPDATE promises SET due_at = ?, reason = ?, reschedules = reschedules + 1 WHERE id = ?",
        (due_at, reason, promise_id),
    )


def set_owner(conn: Conn, promise_id: str, owner: str) -> None:
    conn.execute("UPDATE promises SET owner = ? WHERE id = ?", (owner, promise_id))


def for_conversation(conn: Conn, conversation_id: str) -> list[Row]:
    """Every promise made in the conversation, oldest first."""
    return conn.all(
        _SELECT + "WHERE p.conversation_id = ? ORDER BY p.made_at, p.id", (conversation_id,)
    )


def for_contact(
    conn: Conn, wa_id: str, queues: Iterable[str] | None, state: PromiseState | None
) -> list[Row]:
    """The customer's promises in conversations of ``queues`` (None: every queue), the
    soonest due first."""
    sql = _SELECT + "WHERE p.wa_id = ?"
    params: list[Any] = [wa_id]
    if state is not None:
        sql += " AND p.state = ?"
        params.append(state.value)
    if queues is not None:
        wanted = sorted(set(queues))
        if not wanted:
            return []
        sql += f" AND c.queue IN ({', '.join('?' for _ in wanted)})"
        params.extend(wanted)
    return conn.all(sql + " ORDER BY p.due_at, p.id", tuple(params))


def message_in_conversation(
    conn: Conn, conversation_id: str, message_id: str | None, message_key: str | None
) -> str | None:
    """The hub's id of the conversation's message named by its id, its WhatsApp id or
    the idempotency key its sender gave it; None when no such message is there."""
    if message_id:
        row = conn.one(
            "SELECT id FROM messages WHERE conversation_id = ? AND (id = ? OR wamid = ?)",
            (conversation_id, message_id, message_id),
        )
    elif message_key:
        row = conn.one(
            "SELECT id FROM messages WHERE conversation_id = ? AND idempotency_key = ?",
            (conversation_id, message_key),
        )
    else:
        return None
    return None if row is None else str(row["id"])


def message_of_contact(
    conn: Conn, wa_id: str, message_id: str | None, message_key: str | None
) -> Row | None:
    """The customer's message (in any of their conversations) named by its id, its
    WhatsApp id or the idempotency key its sender gave it: its ``id`` and
    ``conversation_id``; None when the customer has no such message. A promise made in
    one conversation is often kept in the next one the customer opens."""
    select = (
        "SELECT m.id, m.conversation_id FROM messages m "
        "JOIN conversations c ON c.id = m.conversation_id WHERE c.wa_id = ? "
    )
    if message_id:
        return conn.one(select + "AND (m.id = ? OR m.wamid = ?)", (wa_id, message_id, message_id))
    if message_key:
        return conn.one(select + "AND m.idempotency_key = ?", (wa_id, message_key))
    return None

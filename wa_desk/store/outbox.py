"""The outbox: actions waiting for the hub, sent strictly in the order they were taken.

Entries move ``queued → sending → done | failed``; ``sending → queued`` again when the
hub could not be reached. An entry left in ``sending`` by a crash went out or did not:
it goes back to ``queued`` at the next start, and its idempotency key (sends) or the
runner's replay check (state changes) keeps it from taking effect twice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from wa_desk.core.audit_kinds import REFUSAL_OF, AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store.rows import dumps, loads

QUEUED = "queued"
SENDING = "sending"
DONE = "done"
FAILED = "failed"

# Outbox kind → action-log kind (DESIGN.md's list; never rename a kind once shipped).
ACTION_KINDS: dict[OutboxKind, AuditKind] = {
    OutboxKind.SEND: AuditKind.MESSAGE_SENT,
    OutboxKind.CLAIM: AuditKind.CONVERSATION_CLAIMED,
    OutboxKind.RELEASE: AuditKind.CONVERSATION_RELEASED,
    OutboxKind.TRANSFER: AuditKind.CONVERSATION_TRANSFERRED,
    OutboxKind.CLOSE: AuditKind.CONVERSATION_CLOSED,
    OutboxKind.REOPEN: AuditKind.CONVERSATION_REOPENED,
    OutboxKind.TAKE_OVER: AuditKind.CONVERSATION_TAKEN_OVER,
    OutboxKind.READ: AuditKind.CONVERSATION_READ,
    OutboxKind.STATUS: AuditKind.AGENT_STATUS_CHANGED,
    OutboxKind.NOTE: AuditKind.NOTE_ADDED,
    OutboxKind.TAG_ADD: AuditKind.TAG_ADDED,
    OutboxKind.TAG_REMOVE: AuditKind.TAG_REMOVED,
    OutboxKind.ASSIGN: AuditKind.CONVERSATION_ASSIGNED,
    OutboxKind.CHANGE_AGENT: AuditKind.AGENT_CHANGED,
    OutboxKind.MARKETING_STOP: AuditKind.CONTACT_OPTED_OUT,
    OutboxKind.MARKETING_RESUME: AuditKind.CONTACT_OPTED_IN,
    OutboxKind.PROMISE_MAKE: AuditKind.PROMISE_MADE,
    OutboxKind.PROMISE_KEEP: AuditKind.PROMISE_KEPT,
    OutboxKind.PROMISE_RESCHEDULE: AuditKind.PROMISE_RESCHEDULED,
    OutboxKind.PROMISE_BREAK: AuditKind.PROMISE_BROKEN,
    OutboxKind.PROMISE_TRANSFER: AuditKind.PROMISE_TRANSFERRED,
}


# Outbox kind → what the action log records when the hub refuses it (a refused send is
# ``message.send_failed``, written with the failed message).
REFUSED_KINDS: dict[OutboxKind, AuditKind] = {
    kind: REFUSAL_OF[logged] for kind, logged in ACTION_KINDS.items() if kind != OutboxKind.SEND
}


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    kind: OutboxKind
    conversation_id: str | None
    payload: dict[str, Any]
    idempotency_key: str
    state: str
    attempts: int
    error_code: str | None
    error_message: str | None
    created_at: Millis


def _entry(row: sqlite3.Row) -> OutboxEntry:
    return OutboxEntry(
        id=row["id"],
        kind=OutboxKind(row["kind"]),
        conversation_id=row["conversation_id"],
        payload=loads(row["payload"]),
        idempotency_key=row["idempotency_key"],
        state=row["state"],
        attempts=row["attempts"],
        error_code=row["error_code"],
        error_message=row["error_message"],
        created_at=row["created_at"],
    )


def add(
    conn: sqlite3.Connection,
    kind: OutboxKind,
    conversation_id: str | None,
    payload: dict[str, Any],
    key: str,
    now: Millis,
) -> OutboxEntry:
    cursor = conn.execute(
        "INSERT INTO outbox (kind, conversation_id, payload, idempotency_key, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (kind.value, conversation_id, dumps(payload), key, now, now),
    )
    found = get(conn, int(cursor.lastrowid or 0))
    assert found is not None
    return found


def get(conn: sqlite3.Connection, entry_id: int) -> OutboxEntry | None:
    row = conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else _entry(row)


def next_queued(conn: sqlite3.Connection) -> OutboxEntry | None:
    row = conn.execute(
        "SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT 1", (QUEUED,)
    ).fetchone()
    return None if row is None else _entry(row)


def set_state(
    conn: sqlite3.Connection,
    entry_id: int,
    state: str,
    now: Millis,
    *,
    code: str | None = None,
    message: str | None = None,
    attempt: bool = False,
) -> None:
    conn.execute(
        "UPDATE outbox SET state = ?, updated_at = ?, attempts = attempts + ?, "
        "error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message) "
        "WHERE id = ?",
        (state, now, int(attempt), code, message, entry_id),
    )


def requeue_interrupted(conn: sqlite3.Connection, now: Millis) -> int:
    return conn.execute(
        "UPDATE outbox SET state = ?, updated_at = ? WHERE state = ?", (QUEUED, now, SENDING)
    ).rowcount


def waiting(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM outbox WHERE state IN (?, ?)", (QUEUED, SENDING)
    ).fetchone()
    return int(row[0])


def in_state(conn: sqlite3.Connection, state: str, limit: int) -> list[OutboxEntry]:
    rows = conn.execute(
        "SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ?", (state, limit)
    ).fetchall()
    return [_entry(r) for r in rows]

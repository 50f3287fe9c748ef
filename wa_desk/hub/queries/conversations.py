"""Conversations: found or opened for inbound messages, changed by agents, listed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core import search_words
from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.conversation import ConversationFacts, State
from wa_desk.core.conversation_permissions import Place
from wa_desk.core.ids import uuid7
from wa_desk.core.window import window_expires_at
from wa_desk.hub.db.connection import Conn, Row, Statement
from wa_desk.hub.queries import search
from wa_desk.hub.queries.contact_opt_out import opt_out_view

_SELECT = (
    "SELECT c.*, k.name AS contact_name, k.marketing_opt_out_at AS contact_opt_out_at, "
    "k.marketing_opt_out AS contact_opt_out, u.name AS assignee_name "
    "FROM conversations c JOIN contacts k ON k.wa_id = c.wa_id "
    "LEFT JOIN users u ON u.id = c.assignee "
)


def facts(row: Row) -> ConversationFacts:
    return ConversationFacts(State(row["state"]), row["assignee"], row["last_inbound_at"])


def place(row: Row) -> Place:
    """What ``core.conversation_permissions`` judges an action by."""
    return Place(State(row["state"]), row["assignee"], str(row["queue"]))


def view(row: Row) -> dict[str, Any]:
    """The API form of a conversation row (selected with ``_SELECT``)."""
    return {
        "id": row["id"],
        "contact": {
            "wa_id": row["wa_id"],
            "name": row["contact_name"],
            "marketing_opt_out": opt_out_view(row["contact_opt_out_at"], row["contact_opt_out"]),
        },
        "phone_number_id": row["phone_number_id"],
        "queue": row["queue"],
        "state": row["state"],
        "assignee": row["assignee"],
        "assignee_name": row["assignee_name"],
        "opened_at": to_rfc3339(row["opened_at"]),
        "assigned_at": optional_rfc3339(row["assigned_at"]),
        "closed_at": optional_rfc3339(row["closed_at"]),
        "disposition": row["disposition"],
        "previous_id": row["previous_id"],
        "window_expires_at": optional_rfc3339(window_expires_at(row["last_inbound_at"])),
        "last_inbound_at": optional_rfc3339(row["last_inbound_at"]),
        "first_response_at": optional_rfc3339(row["first_response_at"]),
        "waiting_since": optional_rfc3339(row["waiting_since"]),
        "last_message_at": to_rfc3339(row["last_message_at"]),
        "last_message_preview": row["last_message_preview"],
        "unread": row["unread"],
    }


def get(conn: Conn, conversation_id: str) -> Row | None:
    return conn.one(_SELECT + "WHERE c.id = ?", (conversation_id,))


def count_elsewhere(
    conn: Conn, wa_id: str, conversation_id: str, queues: frozenset[str] | None
) -> int:
    """How many other conversations the contact has in queues outside ``queues`` (None:
    every queue is visible, so none is elsewhere). Only the count: never their content."""
    if queues is None:
        return 0
    sql = "SELECT COUNT(*) AS n FROM conversations WHERE wa_id = ? AND id <> ?"
    params: list[Any] = [wa_id, conversation_id]
    if queues:
        sql += " AND queue NOT IN (" + ",".join("?" * len(queues)) + ")"
        params.extend(sorted(queues))
    row = conn.one(sql, params)
    return int(row["n"]) if row is not None else 0


def open_for_contact(conn: Conn, wa_id: str, phone_number_id: str) -> Row | None:
    return conn.one(
        "SELECT * FROM conversations WHERE wa_id = ? AND phone_number_id = ? AND state <> ? "
        "ORDER BY opened_at DESC LIMIT 1",
        (wa_id, phone_number_id, State.CLOSED.value),
    )


# ``open_for_contact`` with the heat-maps' standing of the conversation (columns
# ``standing_*``, NULL when it has none); parameters: wa_id, phone_number_id, closed.
OPEN_WITH_STANDING = (
    "SELECT c.*, h.opened_at AS standing_opened_at, h.opened_queue AS standing_opened_queue, "
    "h.queue AS standing_queue, h.agent AS standing_agent, "
    "h.period_start AS standing_period_start, h.waiting_since AS standing_waiting_since, "
    "h.answered AS standing_answered, h.held AS standing_held "
    "FROM conversations c LEFT JOIN heatmap_conversations h ON h.conversation_id = c.id "
    "WHERE c.wa_id = ? AND c.phone_number_id = ? AND c.state <> ? "
    "ORDER BY c.opened_at DESC LIMIT 1"
)


def latest_for_contact(conn: Conn, wa_id: str, phone_number_id: str) -> Row | None:
    return conn.one(
        "SELECT * FROM conversations WHERE wa_id = ? AND phone_number_id = ? "
        "ORDER BY opened_at DESC LIMIT 1",
        (wa_id, phone_number_id),
    )


_UPSERT_CONTACT = (
    "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (wa_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
    "name = COALESCE(excluded.name, contacts.name)"
)


def contact_seen_statement(wa_id: str, name: str | None, now: Millis) -> Statement:
    """``upsert_contact`` of a contact whose name ``name`` does not change (None, or the
    one it has): as a statement, to run together with other writes."""
    return (_UPSERT_CONTACT, (wa_id, name, now, now))


def upsert_contact(conn: Conn, wa_id: str, name: str | None, now: Millis) -> None:
    """The contact seen now, under ``name`` when it has one (else the name it had); a
    new name reaches the search index of the contact's conversations."""
    if name is None:
        conn.execute(_UPSERT_CONTACT, (wa_id, name, now, now))
        return
    if conn.dialect == "postgresql":
        # The subquery reads the statement's snapshot: the name before this write (one
        # round trip on the path of every customer message, not two).
        before = conn.scalar(
            _UPSERT_CONTACT + " RETURNING (SELECT k.name FROM contacts k WHERE k.wa_id = ?)",  # noqa: S608 - constants
            (wa_id, name, now, now, wa_id),
        )
    else:
        before = conn.scalar("SELECT name FROM contacts WHERE wa_id = ?", (wa_id,))
        conn.execute(_UPSERT_CONTACT, (wa_id, name, now, now))
    if before != name:  # renamed, named at last, or new (then it has no conversation yet)
        search.contact_renamed(conn, wa_id, name)


def open_new(
    conn: Conn, wa_id: str, phone_number_id: str, queue: str, now: Millis, previous_id: str | None
) -> str:
    conversation_id = uuid7()
    conn.execute(
        "INSERT INTO conversations (id, wa_id, phone_number_id, queue, state, opened_at, "
        "previous_id, last_message_at, unread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (conversation_id, wa_id, phone_number_id, queue, State.QUEUED.value, now, previous_id, now),
    )
    search.conversation_opened(conn, conversation_id, wa_id)
    return conversation_id


def note_inbound_statement(conversation_id: str, at: Millis, preview: str | None) -> Statement:
    """A customer message at ``at`` on the conversation: as a statement, which the webhook
    runs together with the heat-maps' writes of the same message."""
    return (
        "UPDATE conversations SET "
        "last_inbound_at = CASE WHEN last_inbound_at IS NULL OR last_inbound_at < ? "
        "  THEN ? ELSE last_inbound_at END, "
        "waiting_since = COALESCE(waiting_since, ?), "
        "last_message_at = CASE WHEN last_message_at < ? THEN ? ELSE last_message_at END, "
        "last_message_preview = ?, unread = unread + 1 WHERE id = ?",
        (at, at, at, at, at, preview, conversation_id),
    )


# ``_SELECT``'s columns, as the RETURNING clause of a change to one conversation: the
# contact's and the assignee's from their tables, as they stand when it runs.
_RETURNING_VIEW = (
    " RETURNING *, "
    "(SELECT k.name FROM contacts k WHERE k.wa_id = conversations.wa_id) AS contact_name, "
    "(SELECT k.marketing_opt_out_at FROM contacts k WHERE k.wa_id = conversations.wa_id) "
    "AS contact_opt_out_at, "
    "(SELECT k.marketing_opt_out FROM contacts k WHERE k.wa_id = conversations.wa_id) "
    "AS contact_opt_out, "
    "(SELECT u.name FROM users u WHERE u.id = conversations.assignee) AS assignee_name"
)


def note_inbound_returning(conversation_id: str, at: Millis, preview: str | None) -> Statement:
    """``note_inbound_statement`` returning the conversation changed, as ``get`` reads it
    (the stream's ``conversation.updated`` without reading it again)."""
    sql, params = note_inbound_statement(conversation_id, at, preview)
    return (sql + _RETURNING_VIEW, params)


def note_outbound(conn: Conn, conversation_id: str, at: Millis, preview: str | None) -> None:
    conn.execute(
        "UPDATE conversations SET waiting_since = NULL, unread = 0, "
        "first_response_at = COALESCE(first_response_at, ?), "
        "last_message_at = CASE WHEN last_message_at < ? THEN ? ELSE last_message_at END, "
        "last_message_preview = ? WHERE id = ?",
        (at, at, at, preview, conversation_id),
    )


def assign(conn: Conn, conversation_id: str, user_id: str, now: Millis) -> None:
    conn.execute(
        "UPDATE conversations SET state = ?, assignee = ?, assigned_at = ? WHERE id = ?",
        (State.ASSIGNED.value, user_id, now, conversation_id),
    )


def take_over_from(
    conn: Conn, conversation_id: str, holder: str, user_id: str, now: Millis
) -> bool:
    """Compare-and-set: the conversation goes to ``user_id`` only if ``holder`` still has
    it (a takeover racing a release, a transfer or another takeover loses cleanly)."""
    changed = conn.execute(
        "UPDATE conversations SET assignee = ?, assigned_at = ? "
        "WHERE id = ? AND state = ? AND assignee = ?",
        (user_id, now, conversation_id, State.ASSIGNED.value, holder),
    )
    return changed == 1


def claim_if_free(conn: Conn, conversation_id: str, user_id: str, now: Millis) -> bool:
    """Compare-and-set: only one of two racing claims changes the row."""
    changed = conn.execute(
        "UPDATE conversations SET state = ?, assignee = ?, assigned_at = ? "
        "WHERE id = ? AND (state = ? OR (state = ? AND assignee = ?))",
        (
            State.ASSIGNED.value,
            user_id,
            now,
            conversation_id,
            State.QUEUED.value,
            State.ASSIGNED.value,
            user_id,
        ),
    )
    return changed == 1


def unassign(conn: Conn, conversation_id: str, queue: str) -> None:
    conn.execute(
        "UPDATE conversations SET state = ?, assignee = NULL, assigned_at = NULL, queue = ? "
        "WHERE id = ?",
        (State.QUEUED.value, queue, conversation_id),
    )


def close(
    conn: Conn, conversation_id: str, user_id: str, disposition: str, note: str | None, now: Millis
) -> None:
    conn.execute(
        "UPDATE conversations SET state = ?, closed_at = ?, closed_by = ?, disposition = ?, "
        "close_note = ?, unread = 0, waiting_since = NULL WHERE id = ?",
        (State.CLOSED.value, now, user_id, disposition, note, conversation_id),
    )
    search.conversation_closed(conn, conversation_id)


def reopen(conn: Conn, conversation_id: str, user_id: str, now: Millis) -> None:
    conn.execute(
        "UPDATE conversations SET state = ?, assignee = ?, assigned_at = ?, closed_at = NULL, "
        "closed_by = NULL, disposition = NULL, close_note = NULL WHERE id = ?",
        (State.ASSIGNED.value, user_id, now, conversation_id),
    )
    search.conversation_reopened(conn, conversation_id)


def mark_read(conn: Conn, conversation_id: str) -> None:
    conn.execute("UPDATE conversations SET unread = 0 WHERE id = ?", (conversation_id,))


def add_note(
    conn: Conn, conversation_id: str, author: str, kind: str, text: str, now: Millis
) -> str:
    note_id = uuid7()
    conn.execute(
        "INSERT INTO conversation_notes (id, conversation_id, author, kind, text, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (note_id, conversation_id, author, kind, text, now),
    )
    return note_id


@dataclass(frozen=True, slots=True)
class ListFilter:
    queues: frozenset[str] | None  # None: every queue
    state: str | None = None
    queue: str | None = None
    assigned: str | None = None  # a user id, or "none"
    search: str | None = None
    wa_id: str | None = None


def list_page(conn: Conn, f: ListFilter, limit: int, after: tuple[Millis, str] | None) -> list[Row]:
    """Most recent activity first; ``after`` is the (last_message_at, id) of the last row."""
    where: list[str] = []
    params: list[Any] = []
    if f.queues is not None:
        if not f.queues:
            return []
        where.append(f"c.queue IN ({','.join('?' * len(f.queues))})")
        params.extend(sorted(f.queues))
    if f.state:
        where.append("c.state = ?")
        params.append(f.state)
    if f.queue:
        where.append("c.queue = ?")
        params.append(f.queue)
    if f.assigned == "none":
        where.append("c.assignee IS NULL")
    elif f.assigned:
        where.append("c.assignee = ?")
        params.append(f.assigned)
    if f.wa_id:
        where.append("c.wa_id = ?")
        params.append(f.wa_id)
    if after is not None:
        where.append("(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))")
        params.extend([after[0], after[0], after[1]])
    order = " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?"
    if not f.search:
        sql = _SELECT + (("WHERE " + " AND ".join(where)) if where else "") + order
        return conn.all(sql, [*params, limit])
    terms = search_words.terms(f.search)
    if not terms:
        return []  # nothing searchable in it (only punctuation): nothing matches
    # Each part of the search index gives its most recent page; the page is theirs
    # together. Only the chosen rows are read whole.
    parts: list[str] = []
    parts_params: list[Any] = []
    for i, b in enumerate(search.branches(conn, terms, limit)):
        condition = " AND ".join([b.condition, *where])
        parts.append(
            f"SELECT * FROM (SELECT c.id, c.last_message_at FROM {b.source} "  # noqa: S608 - constants and placeholders
            f"WHERE {condition}{order}) b{i}"
        )
        parts_params += [*b.params, *params, limit]
    chosen = (
        f"SELECT id FROM ({' UNION '.join(parts)}) m "  # noqa: S608 - constants and placeholders
        "ORDER BY last_message_at DESC, id DESC LIMIT ?"
    )
    return conn.all(_SELECT + f"WHERE c.id IN ({chosen})" + order, [*parts_params, limit, limit])

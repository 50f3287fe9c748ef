"""Messages: stored once per WhatsApp id, statuses moving forward only, paged history."""

from __future__ import annotations

from typing import Any, Required, TypedDict, Unpack

import orjson

from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.hub_senders import HUB_SENDERS
from wa_desk.core.ids import uuid7
from wa_desk.core.message_status import should_apply
from wa_desk.hub.db import json_text
from wa_desk.hub.db.connection import Conn, Dialect, Row, Statement
from wa_desk.hub.queries import search
from wa_desk.whatsapp.errors import describe
from wa_desk.whatsapp.updates import ParseProblem

PREVIEW_CHARS = 120


def preview(type_: str, text: str | None) -> str:
    """A one-line summary for inbox rows: the text, or the kind of message in brackets."""
    if text:
        line = " ".join(text.split())
        return line[:PREVIEW_CHARS]
    return f"[{type_}]"


def error_view(row: Row) -> dict[str, Any] | None:
    if row["error_code"] is None:
        return None
    info = describe(int(row["error_code"]), row["error_title"])
    return {
        "code": int(row["error_code"]),
        "title": row["error_title"] or info.title,
        "meaning": info.meaning,
        "details": row["error_details"],
    }


def _stored_problems(problems: tuple[ParseProblem, ...]) -> str | None:
    if not problems:
        return None
    return orjson.dumps([{"code": p.code, "detail": p.detail} for p in problems]).decode()


def problems_view(stored: str | None) -> tuple[list[str], list[str]]:
    """A message's problems as the API gives them: the English details (``problems``, as
    before codes existed) and their stable codes (``problem_codes``, for people's words).

    Rows stored before codes hold bare English strings: those keep their detail and have
    no code, and a reader shows a general "could not be read" for a flagged message
    without codes."""
    details: list[str] = []
    codes: list[str] = []
    for item in orjson.loads(stored) if stored else []:
        if isinstance(item, dict):
            details.append(str(item.get("detail") or ""))
            if item.get("code"):
                codes.append(str(item["code"]))
        else:
            details.append(str(item))
    return details, codes


def view(row: Row) -> dict[str, Any]:
    """The API form of a message row."""
    problems, problem_codes = problems_view(row["problems"])
    return {
        "id": row["id"],
        "wamid": row["wamid"],
        "conversation_id": row["conversation_id"],
        "direction": row["direction"],
        "type": row["type"],
        "text": row["text"],
        "status": row["status"],
        "status_at": optional_rfc3339(row["status_at"]),
        "error": error_view(row),
        "timestamp": to_rfc3339(row["timestamp"]),
        "sender": row["sender"],
        # Sent by the hub on its own (``core/auto_replies.py``), not by a person.
        "automatic": row["sender"] in HUB_SENDERS,
        "context_wamid": row["context_wamid"],
        "reaction_to": row["reaction_to"],
        "media_id": row["media_id"],
        "template": row["template_name"],
        "flagged": bool(row["flagged"]),
        "problems": problems,
        "problem_codes": problem_codes,
        "payload": orjson.loads(row["payload"]),
        "idempotency_key": row["idempotency_key"],
    }


_COLUMNS = (
    "id",
    "wamid",
    "conversation_id",
    "direction",
    "type",
    "text",
    "status",
    "status_at",
    "error_code",
    "error_title",
    "error_details",
    "timestamp",
    "sender",
    "context_wamid",
    "reaction_to",
    "media_id",
    "template_name",
    "flagged",
    "problems",
    "payload",
    "created_at",
    "idempotency_key",
)
_INSERT = f"INSERT INTO messages ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"  # noqa: S608 - constant column names


class NewMessage(TypedDict, total=False):
    """A message to store (``insert``): the columns a caller sets."""

    conversation_id: Required[str]
    direction: Required[str]
    type_: Required[str]
    text: Required[str | None]
    status: Required[str]
    timestamp: Required[Millis]
    sender: Required[str]
    payload: Required[dict[str, Any]]
    now: Required[Millis]
    wamid: str | None
    context_wamid: str | None
    reaction_to: str | None
    media_id: str | None
    template_name: str | None
    problems: tuple[ParseProblem, ...]
    error: tuple[int, str, str | None] | None
    idempotency_key: str | None


def insert(conn: Conn, **message: Unpack[NewMessage]) -> Row:
    """Store a message, and index its text for search; the row as ``SELECT *`` would
    return it (without reading it back)."""
    row, writes = insert_writes(conn.dialect, **message)
    conn.execute_together(writes)
    return row


def insert_writes(dialect: Dialect, **m: Unpack[NewMessage]) -> tuple[Row, list[Statement]]:
    """``insert``'s writes, for a caller to run with its own in one round trip
    (``Conn.execute_together``'s rules), and the row they store."""
    error = m.get("error")
    problems = m.get("problems", ())
    values = (
        uuid7(), m.get("wamid"), m["conversation_id"], m["direction"], m["type_"],
        m["text"], m["status"], m["now"],
        error[0] if error else None, error[1] if error else None,
        error[2] if error else None, m["timestamp"], m["sender"], m.get("context_wamid"),
        m.get("reaction_to"), m.get("media_id"), m.get("template_name"),
        int(bool(problems)), _stored_problems(problems),
        json_text.dumps(m["payload"]), m["now"], m.get("idempotency_key"),
    )  # fmt: skip
    indexed = search.message_writes(dialect, m["conversation_id"], values[0], m["text"])
    return dict(zip(_COLUMNS, values, strict=True)), [(_INSERT, values), *indexed]


def get(conn: Conn, message_id: str) -> Row | None:
    return conn.one("SELECT * FROM messages WHERE id = ?", (message_id,))


def by_wamid(conn: Conn, wamid: str) -> Row | None:
    return conn.one("SELECT * FROM messages WHERE wamid = ?", (wamid,))


def set_status(
    conn: Conn, row: Row, status: str, at: Millis, error: tuple[int, str, str | None] | None = None
) -> Row | None:
    """Apply a status if it moves the message forward; the updated row, or None."""
    if not should_apply(row["status"], status):
        return None
    conn.execute(
        "UPDATE messages SET status = ?, status_at = ?, error_code = ?, error_title = ?, "
        "error_details = ? WHERE id = ?",
        (
            status,
            at,
            error[0] if error else row["error_code"],
            error[1] if error else row["error_title"],
            error[2] if error else row["error_details"],
            row["id"],
        ),
    )
    return get(conn, row["id"])


def set_wamid(conn: Conn, message_id: str, wamid: str, status: str, at: Millis) -> Row:
    conn.execute(
        "UPDATE messages SET wamid = ?, status = ?, status_at = ? WHERE id = ?",
        (wamid, status, at, message_id),
    )
    row = get(conn, message_id)
    assert row is not None
    return row


def set_failed(
    conn: Conn, message_id: str, code: int, title: str, details: str | None, at: Millis
) -> Row:
    conn.execute(
        "UPDATE messages SET status = 'failed', status_at = ?, error_code = ?, "
        "error_title = ?, error_details = ? WHERE id = ?",
        (at, code, title, details, message_id),
    )
    row = get(conn, message_id)
    assert row is not None
    return row


def save_orphan_status(
    conn: Conn,
    wamid: str,
    status: str,
    timestamp: Millis,
    error: tuple[int, str, str | None] | None,
    payload: dict[str, Any],
    now: Millis,
) -> None:
    """A status for a message not stored yet (its send is still being recorded)."""
    conn.execute(
        "INSERT INTO orphan_statuses (wamid, status, timestamp, error_code, error_title, "
        "error_details, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (wamid, status) DO NOTHING",
        (
            wamid,
            status,
            timestamp,
            error[0] if error else None,
            error[1] if error else None,
            error[2] if error else None,
            json_text.dumps(payload),
            now,
        ),
    )


def take_orphan_statuses(conn: Conn, wamid: str) -> list[Row]:
    rows = conn.all("SELECT * FROM orphan_statuses WHERE wamid = ? ORDER BY timestamp", (wamid,))
    if rows:
        conn.execute("DELETE FROM orphan_statuses WHERE wamid = ?", (wamid,))
    return rows


def page(
    conn: Conn, conversation_id: str, limit: int, before: tuple[Millis, str] | None
) -> list[Row]:
    """Up to ``limit`` messages older than ``before``, returned oldest first."""
    if before is None:
        rows = conn.all(
            "SELECT * FROM messages WHERE conversation_id = ? "
            "ORDER BY timestamp DESC, id DESC LIMIT ?",
            (conversation_id, limit),
        )
    else:
        rows = conn.all(
            "SELECT * FROM messages WHERE conversation_id = ? AND "
            "(timestamp < ? OR (timestamp = ? AND id < ?)) "
            "ORDER BY timestamp DESC, id DESC LIMIT ?",
            (conversation_id, before[0], before[0], before[1], limit),
        )
    rows.reverse()
    return rows


def remember_idempotency(
    conn: Conn, user_id: str, conversation_id: str, key: str, message_id: str, now: Millis
) -> None:
    conn.execute(
        "INSERT INTO idempotency_keys (user_id, conversation_id, key, message_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (user_id, conversation_id, key, message_id, now),
    )


def for_idempotency_key(conn: Conn, user_id: str, conversation_id: str, key: str) -> Row | None:
    """The message this user sent with this key in this conversation (keys are scoped to
    both: the same key elsewhere, or another user's, is another send)."""
    return conn.one(
        "SELECT m.* FROM idempotency_keys k JOIN messages m ON m.id = k.message_id "
        "WHERE k.user_id = ? AND k.conversation_id = ? AND k.key = ?",
        (user_id, conversation_id, key),
    )

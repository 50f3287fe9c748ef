"""API-shaped conversation and message dicts for store tests (as the hub's view() makes)."""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import to_rfc3339

BASE_MS = 1_790_000_000_000


def conversation(
    cid: str,
    *,
    wa_id: str = "34600111222",
    name: str | None = "Lucía Pérez",
    queue: str = "ventas",
    state: str = "queued",
    assignee: str | None = None,
    assignee_name: str | None = None,
    at: int = 0,
    closed_at: int | None = None,
    disposition: str | None = None,
    unread: int = 1,
    preview: str | None = "hola",
) -> dict[str, Any]:
    ms = BASE_MS + at
    return {
        "id": cid,
        "contact": {"wa_id": wa_id, "name": name},
        "phone_number_id": "100000000000001",
        "queue": queue,
        "state": state,
        "assignee": assignee,
        "assignee_name": assignee_name,
        "opened_at": to_rfc3339(ms),
        "assigned_at": to_rfc3339(ms) if assignee else None,
        "closed_at": to_rfc3339(BASE_MS + closed_at) if closed_at is not None else None,
        "disposition": disposition,
        "previous_id": None,
        "window_expires_at": to_rfc3339(ms + 86_400_000),
        "last_inbound_at": to_rfc3339(ms),
        "first_response_at": None,
        "waiting_since": to_rfc3339(ms) if state == "queued" else None,
        "last_message_at": to_rfc3339(ms),
        "last_message_preview": preview,
        "unread": unread,
    }


def message(
    mid: str,
    conversation_id: str,
    *,
    text: str | None = "hola",
    at: int = 0,
    direction: str = "in",
    status: str | None = "received",
    wamid: str | None = None,
    sender: str = "34600111222",
) -> dict[str, Any]:
    ms = BASE_MS + at
    return {
        "id": mid,
        "wamid": wamid if wamid is not None else f"wamid.{mid}",
        "conversation_id": conversation_id,
        "direction": direction,
        "type": "text",
        "text": text,
        "status": status,
        "status_at": to_rfc3339(ms),
        "error": None,
        "timestamp": to_rfc3339(ms),
        "sender": sender,
        "context_wamid": None,
        "reaction_to": None,
        "media_id": None,
        "template": None,
        "flagged": False,
        "problems": [],
        "payload": {"type": "text", "text": {"body": text}},
    }

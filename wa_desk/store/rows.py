"""API JSON ↔ cache rows: the flattened columns the inbox filters and sorts on."""

from __future__ import annotations

import re
from typing import Any

import orjson

from wa_desk.core.clock import Millis, from_rfc3339

# The national part of a number, so "600 111 222" finds "+34 600 111 222".
NATIONAL_DIGITS = 9


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def loads(text: str | None) -> Any:
    return None if text is None else orjson.loads(text)


def millis(text: str | None) -> Millis | None:
    return None if not text else from_rfc3339(text)


def searchable_numbers(wa_id: str) -> str:
    digits = re.sub(r"\D", "", wa_id)
    if len(digits) > NATIONAL_DIGITS:
        return f"{digits} {digits[-NATIONAL_DIGITS:]}"
    return digits


def conversation_row(item: dict[str, Any]) -> dict[str, Any]:
    contact = item.get("contact") or {}
    wa_id = str(contact.get("wa_id") or "")
    return {
        "id": item["id"],
        "wa_id": wa_id,
        "contact_name": contact.get("name"),
        "numbers": searchable_numbers(wa_id),
        "queue": item["queue"],
        "state": item["state"],
        "assignee": item.get("assignee"),
        "assignee_name": item.get("assignee_name"),
        "opened_at": millis(item.get("opened_at")),
        "closed_at": millis(item.get("closed_at")),
        "disposition": item.get("disposition"),
        "last_message_at": millis(item.get("last_message_at")) or 0,
        "window_expires_at": millis(item.get("window_expires_at")),
        "waiting_since": millis(item.get("waiting_since")),
        "unread": int(item.get("unread") or 0),
        "preview": item.get("last_message_preview"),
        "json": dumps(item),
    }


def message_row(item: dict[str, Any]) -> dict[str, Any]:
    timestamp = millis(item.get("timestamp"))
    return {
        "id": item["id"],
        "wamid": item.get("wamid"),
        "conversation_id": item["conversation_id"],
        "direction": item["direction"],
        "type": item.get("type") or "text",
        "text": item.get("text"),
        "status": item.get("status"),
        "timestamp": timestamp or 0,
        "sender": item.get("sender"),
        "error": dumps(item["error"]) if item.get("error") is not None else None,
        "payload": dumps(item["payload"]) if item.get("payload") is not None else None,
        "json": dumps(item),
        "local_id": item.get("local_id"),
        "idempotency_key": item.get("idempotency_key"),
    }

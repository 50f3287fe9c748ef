"""A seeded history's customer messages and delivery statuses as Meta delivers them:
webhook bodies in the Cloud API's format, for the hub's own parser and intake."""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import Millis

WABA_ID = "seeded-history"
DISPLAY_NUMBER = "34600000000"


def message_body(
    phone_number_id: str, wa_id: str, name: str, wamid: str, text: str, at: Millis
) -> dict[str, Any]:
    message = {
        "from": wa_id,
        "id": wamid,
        "timestamp": str(at // 1000),
        "type": "text",
        "text": {"body": text},
    }
    contacts = [{"profile": {"name": name}, "wa_id": wa_id}]
    return _envelope(phone_number_id, {"contacts": contacts, "messages": [message]})


def status_body(
    phone_number_id: str, wa_id: str, wamid: str, status: str, at: Millis
) -> dict[str, Any]:
    entry = {"id": wamid, "status": status, "timestamp": str(at // 1000), "recipient_id": wa_id}
    return _envelope(phone_number_id, {"statuses": [entry]})


def _envelope(phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
    metadata = {"display_phone_number": DISPLAY_NUMBER, "phone_number_id": phone_number_id}
    change = {
        "field": "messages",
        "value": {"messaging_product": "whatsapp", "metadata": metadata, **value},
    }
    return {"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": [change]}]}

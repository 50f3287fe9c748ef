"""Webhook bodies in Meta's format, and their signed wire form.

Messages of every type a customer can send, the statuses of business messages, the
account's template status updates, and customers' marketing preferences.
Bodies are encoded the way Meta encodes them (non-ASCII and ``/`` escaped), so a hub
that re-serialises before checking the signature fails here as it would in production.
"""

from __future__ import annotations

import json
from typing import Any

from wa_desk.core.opt_out import MARKETING_PREFERENCE_CATEGORY, MarketingPreference
from wa_desk.sim.graph_errors import webhook_error
from wa_desk.sim.state import BusinessNumber, Customer, Template
from wa_desk.whatsapp.signature import HEADER, sign
from wa_desk.whatsapp.webhook_parser import MESSAGES_FIELD, USER_PREFERENCES_FIELD

JsonObject = dict[str, Any]

# The kinds of customer message ``customer_message`` can build. Some are not Meta
# types but variants of one: voice (audio), unreaction (reaction), button_reply and
# list_reply (interactive), referral (text from an ad), reply (text with context).
MESSAGE_KINDS = (
    "text",
    "reply",
    "image",
    "video",
    "document",
    "audio",
    "voice",
    "sticker",
    "location",
    "contacts",
    "reaction",
    "unreaction",
    "button_reply",
    "list_reply",
    "button",
    "order",
    "system",
    "referral",
    "unsupported",
)
STATUSES = ("sent", "delivered", "read", "failed")


def encode(body: JsonObject) -> bytes:
    """The raw bytes Meta would POST for this body."""
    return (
        json.dumps(body, ensure_ascii=True, separators=(",", ":"))
        .replace("/", "\\/")
        .encode("ascii")
    )


def signed(body: JsonObject, app_secret: str) -> tuple[bytes, dict[str, str]]:
    raw = encode(body)
    return raw, {"Content-Type": "application/json", HEADER: sign(raw, app_secret)}


def envelope(
    waba_id: str, number: BusinessNumber, value: JsonObject, field: str = MESSAGES_FIELD
) -> JsonObject:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": waba_id,
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": number.digits,
                                "phone_number_id": number.phone_number_id,
                            },
                            **value,
                        },
                        "field": field,
                    }
                ],
            }
        ],
    }


def _contact(customer: Customer) -> JsonObject:
    return {"profile": {"name": customer.name}, "wa_id": customer.wa_id}


def inbound_body(
    waba_id: str, number: BusinessNumber, customer: Customer, message: JsonObject
) -> JsonObject:
    return envelope(waba_id, number, {"contacts": [_contact(customer)], "messages": [message]})


def customer_message(
    kind: str,
    *,
    wamid: str,
    wa_id: str,
    timestamp_s: int,
    text: str | None = None,
    context_wamid: str | None = None,
    context_from: str | None = None,
    reaction_to: str | None = None,
    media_id: str = "1000000000000001",
    choice_id: str = "opcion_1",
) -> JsonObject:
    """One entry of ``messages`` for a customer's message of ``kind`` (see MESSAGE_KINDS).

    ``text`` becomes the body, caption, title or emoji, whichever the kind carries.
    """
    msg: JsonObject = {"from": wa_id, "id": wamid, "timestamp": str(timestamp_s)}
    if context_wamid is not None:
        msg["context"] = {"from": context_from or "", "id": context_wamid}
    body = text if text is not None else ""
    sha = "dGhpcyBpcyBub3QgYSByZWFsIGhhc2g="
    if kind in ("text", "reply"):
        msg.update(type="text", text={"body": body})
    elif kind == "referral":
        msg.update(
            type="text",
            text={"body": body},
            referral={
                "source_url": "https://fb.me/anuncio",
                "source_id": "120000000000001",
                "source_type": "ad",
                "headline": "Oferta de temporada",
                "body": "Escríbenos por WhatsApp",
                "media_type": "image",
                "image_url": "https://example.invalid/anuncio.jpg",
                "ctwa_clid": "ARAkLkA8rmlFe",
            },
        )
    elif kind == "image":
        msg.update(
            type="image",
            image={
                "mime_type": "image/jpeg",
                "sha256": sha,
                "id": media_id,
                **({"caption": text} if text else {}),
            },
        )
    elif kind == "video":
        msg.update(
            type="video",
            video={
                "mime_type": "video/mp4",
                "sha256": sha,
                "id": media_id,
                **({"caption": text} if text else {}),
            },
        )
    elif kind == "document":
        msg.update(
            type="document",
            document={
                "filename": "factura.pdf",
                "mime_type": "application/pdf",
                "sha256": sha,
                "id": media_id,
                **({"caption": text} if text else {}),
            },
        )
    elif kind in ("audio", "voice"):
        msg.update(
            type="audio",
            audio={
                "mime_type": "audio/ogg; codecs=opus",
                "sha256": sha,
                "id": media_id,
                "voice": kind == "voice",
            },
        )
    elif kind == "sticker":
        msg.update(
            type="sticker",
            sticker={"mime_type": "image/webp", "sha256": sha, "id": media_id, "animated": False},
        )
    elif kind == "location":
        msg.update(
            type="location",
            location={
                "latitude": 40.416775,
                "longitude": -3.70379,
                "name": text or "Puerta del Sol",
                "address": "Puerta del Sol, 28013 Madrid",
            },
        )
    elif kind == "contacts":
        msg.update(
            type="contacts",
            contacts=[
                {
                    "name": {
                        "first_name": "Lucía",
                        "last_name": "García",
                        "formatted_name": "Lucía García",
                    },
                    "phones": [
                        {"phone": "+34 611 22 33 44", "wa_id": "34611223344", "type": "CELL"}
                    ],
                }
            ],
        )
    elif kind in ("reaction", "unreaction"):
        if reaction_to is None:
            raise ValueError("a reaction needs the wamid it reacts to")
        msg.update(
            type="reaction",
            reaction={
                "message_id": reaction_to,
                "emoji": (text or "👍") if kind == "reaction" else "",
            },
        )
    elif kind == "button_reply":
        msg.update(
            type="interactive",
            interactive={
                "type": "button_reply",
                "button_reply": {"id": choice_id, "title": body or "Sí"},
            },
        )
    elif kind == "list_reply":
        msg.update(
            type="interactive",
            interactive={
                "type": "list_reply",
                "list_reply": {
                    "id": choice_id,
                    "title": body or "Opción 1",
                    "description": "Elegida de la lista",
                },
            },
        )
    elif kind == "button":
        msg.update(type="button", button={"payload": choice_id, "text": body or "Confirmo"})
    elif kind == "order":
        msg.update(
            type="order",
            order={
                "catalog_id": "400000000000001",
                "text": body,
                "product_items": [
                    {
                        "product_retailer_id": "CAMISETA-M",
                        "quantity": 2,
                        "item_price": 19.9,
                        "currency": "EUR",
                    }
                ],
            },
        )
    elif kind == "system":
        msg.update(
            type="system",
            system={
                "body": body or f"User {wa_id} changed from {wa_id} to {wa_id}9",
                "wa_id": f"{wa_id}9",
                "type": "user_changed_number",
            },
        )
    elif kind == "unsupported":
        msg.update(
            type="unsupported",
            errors=[
                {
                    "code": 131051,
                    "title": "Message type unknown",
                    "message": "Message type unknown",
                    "error_data": {"details": "Message type is currently not supported."},
                }
            ],
            unsupported={"type": "poll"},
        )
    else:
        raise ValueError(f"unknown message kind {kind!r}; expected one of {MESSAGE_KINDS}")
    return msg


def status_entry(
    *,
    wamid: str,
    status: str,
    recipient_id: str,
    timestamp_s: int,
    conversation_id: str | None = None,
    conversation_expires_s: int | None = None,
    category: str = "service",
    billable: bool = False,
    error: tuple[int, str] | None = None,
) -> JsonObject:
    """One entry of ``statuses``; ``error`` is (code, details) for a failed status."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    entry: JsonObject = {
        "id": wamid,
        "status": status,
        "timestamp": str(timestamp_s),
        "recipient_id": recipient_id,
    }
    if status == "failed":
        code, details = error or (131026, "Message Undeliverable.")
        entry["errors"] = [webhook_error(code, details)]
        return entry
    if conversation_id is not None:
        conversation: JsonObject = {"id": conversation_id, "origin": {"type": category}}
        if conversation_expires_s is not None and status == "sent":
            conversation["expiration_timestamp"] = str(conversation_expires_s)
        entry["conversation"] = conversation
    entry["pricing"] = {
        "billable": billable,
        "pricing_model": "PMP",
        "type": "regular" if billable else "free_customer_service",
        "category": category,
    }
    return entry


def status_body(
    waba_id: str, number: BusinessNumber, customer: Customer | None, entry: JsonObject
) -> JsonObject:
    value: JsonObject = {"statuses": [entry]}
    if customer is not None and entry["status"] != "failed":
        value["contacts"] = [_contact(customer)]
    return envelope(waba_id, number, value)


# Meta's ``event`` values of ``message_template_status_update``.
TEMPLATE_EVENTS = (
    "APPROVED",
    "REJECTED",
    "PENDING",
    "PAUSED",
    "DISABLED",
    "REINSTATED",
    "FLAGGED",
    "IN_APPEAL",
    "PENDING_DELETION",
    "DELETED",
    "ARCHIVED",
    "LIMIT_EXCEEDED",
    "LOCKED",
)


# What Meta writes in a preference's ``detail``, by value.
_PREFERENCE_DETAILS = {
    MarketingPreference.STOP: "User requested to stop marketing messages",
    MarketingPreference.RESUME: "User requested to resume marketing messages",
}


def user_preferences_body(
    waba_id: str,
    number: BusinessNumber,
    customer: Customer,
    value: MarketingPreference,
    time_s: int,
) -> JsonObject:
    """A ``user_preferences`` delivery, as Meta sends it when a customer stops or resumes
    marketing messages from the business in WhatsApp."""
    preference = {
        "wa_id": customer.wa_id,
        "detail": _PREFERENCE_DETAILS[value],
        "category": MARKETING_PREFERENCE_CATEGORY,
        "value": value.value,
        "timestamp": time_s,
    }
    return envelope(
        waba_id,
        number,
        {"contacts": [_contact(customer)], USER_PREFERENCES_FIELD: [preference]},
        field=USER_PREFERENCES_FIELD,
    )


def template_status_body(
    waba_id: str, template: Template, event: str, time_s: int, reason: str | None = None
) -> JsonObject:
    """A ``message_template_status_update`` delivery, as Meta sends it when a template is
    approved, rejected, paused, disabled... (``reason`` ``"NONE"`` when there is none)."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": waba_id,
                "time": time_s,
                "changes": [
                    {
                        "value": {
                            "event": event,
                            "message_template_id": int(template.id),
                            "message_template_name": template.name,
                            "message_template_language": template.language,
                            "message_template_category": template.category,
                            "reason": reason or "NONE",
                        },
                        "field": "message_template_status_update",
                    }
                ],
            }
        ],
    }

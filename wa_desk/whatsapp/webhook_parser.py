"""Turn a decoded Cloud API webhook body into typed updates, without ever losing one.

Meta retries an unanswered delivery for days and never tells anyone that a payload
changed shape, so this parser is built to be total: anything inside a JSON object comes
out either as a typed update (with ``problems`` when part of it was not understood), as
an ``IgnoredChange`` (fields the hub does not handle), or as an ``unreadable`` fragment
with a reason. Only a body that is not a JSON object at all raises. The fields taken:
``messages`` (messages and statuses), ``message_template_status_update`` and
``user_preferences``; any other is an ``IgnoredChange``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wa_desk.core.message_problems import MessageProblem
from wa_desk.whatsapp.updates import (
    IgnoredChange,
    InboundMessage,
    JsonObject,
    Location,
    MediaRef,
    OrderItem,
    ParsedWebhook,
    ParseProblem,
    SharedContact,
    StatusUpdate,
    TemplateStatusUpdate,
    UserPreference,
    WhatsAppError,
)

WABA_OBJECT = "whatsapp_business_account"
MESSAGES_FIELD = "messages"
TEMPLATE_STATUS_FIELD = "message_template_status_update"
USER_PREFERENCES_FIELD = "user_preferences"
# Prefix of the stable id given to a message that arrived without one.
UNPARSED_WAMID_PREFIX = "wa-desk-unparsed:"

# The type given to a message that has no type and no content to guess one from.
UNKNOWN_TYPE = "unknown"
MEDIA_TYPES = frozenset({"image", "video", "document", "audio", "sticker"})
_P = MessageProblem  # short, for the many problem sites below
# Epoch seconds beyond this are not a plausible WhatsApp timestamp (year ~5138).
_MAX_EPOCH_SECONDS = 10**11
_MAX_SHOWN = 80  # characters of a foreign value quoted inside a problem text
# Meta's error codes are 32-bit; anything outside cannot be one (nor fit the hub's column).
_ERROR_CODE_RANGE = range(-(2**31), 2**31)


class WebhookFormatError(ValueError):
    """The body is not a JSON object: there is nothing to attribute, answer 400."""


def parse_webhook(body: object) -> ParsedWebhook:
    """Every message, status and ignored change of one webhook delivery.

    Never raises for content inside a JSON object: wrong types, missing fields and new
    message types become ``problems`` on the update or ``unreadable`` entries.
    """
    if not isinstance(body, dict):
        raise WebhookFormatError(f"a webhook body must be a JSON object, not {type(body).__name__}")
    result = ParsedWebhook()
    obj = body.get("object")
    if obj != WABA_OBJECT:
        result.ignored.append(IgnoredChange(f"object:{_shown(obj)}", body))
        return result
    entries = body.get("entry")
    if not isinstance(entries, list):
        result.unreadable.append(("the body has no entry list", body))
        return result
    for entry in entries:
        _parse_entry(entry, result)
    return result


def unparsed_wamid(raw: object) -> str:
    """The stable id of a message that came without one: same content, same id."""
    digest = hashlib.sha256(_canonical_bytes(raw)).hexdigest()
    return UNPARSED_WAMID_PREFIX + digest[:32]


# -- structure ---------------------------------------------------------------------


def _parse_entry(entry: object, result: ParsedWebhook) -> None:
    if not isinstance(entry, dict):
        result.unreadable.append(("an entry is not an object", _fragment(entry)))
        return
    changes = entry.get("changes")
    if not isinstance(changes, list):
        result.unreadable.append(("an entry has no changes list", entry))
        return
    for change in changes:
        if not isinstance(change, dict):
            result.unreadable.append(("a change is not an object", _fragment(change)))
            continue
        change_field = change.get("field")
        if change_field == TEMPLATE_STATUS_FIELD:
            _parse_template_status(change, result)
            continue
        if change_field == USER_PREFERENCES_FIELD:
            _parse_user_preferences(change, result)
            continue
        if change_field != MESSAGES_FIELD:
            name = change_field if isinstance(change_field, str) else _shown(change_field)
            result.ignored.append(IgnoredChange(name, change))
            continue
        value = change.get("value")
        if not isinstance(value, dict):
            result.unreadable.append(("a messages change has no value object", change))
            continue
        _parse_value(value, result)


def _parse_template_status(change: JsonObject, result: ParsedWebhook) -> None:
    """``{"event": "APPROVED", "message_template_id": 123, "message_template_name": ...,
    "message_template_language": "es", "reason": "NONE"}``; without a name, language or
    event there is nothing to apply it to."""
    value = change.get("value")
    if not isinstance(value, dict):
        result.unreadable.append(("a template status change has no value object", change))
        return
    name = _str(value.get("message_template_name"))
    language = _str(value.get("message_template_language"))
    event = _str(value.get("event"))
    if not (name and language and event):
        result.unreadable.append(("a template status change names no template or event", change))
        return
    reason = _str(value.get("reason"))
    result.template_statuses.append(
        TemplateStatusUpdate(
            name=name,
            language=language,
            event=event.upper(),
            template_id=_id(value.get("message_template_id")),
            reason=None if reason in (None, "NONE") else reason,
        )
    )


def _parse_user_preferences(change: JsonObject, result: ParsedWebhook) -> None:
    """``{"metadata", "contacts", "user_preferences": [{"wa_id", "detail", "category",
    "value", "timestamp"}]}``. An item that names no customer, category or value cannot
    be applied: it is kept as unreadable; a missing timestamp is a problem, not a loss."""
    value = change.get("value")
    if not isinstance(value, dict):
        result.unreadable.append(("a user_preferences change has no value object", change))
        return
    business = _business(value.get("metadata"))
    names = {c.wa_id: c.name for c in _contacts(value.get("contacts")) if c.wa_id is not None}
    for raw in _list_or_report(value, USER_PREFERENCES_FIELD, result):
        preference = _parse_user_preference(raw, business, names)
        if isinstance(preference, UserPreference):
            result.user_preferences.append(preference)
        else:
            result.unreadable.append((preference, _fragment(raw)))


def _parse_user_preference(
    raw: object, business: _Business, names: dict[str, str | None]
) -> UserPreference | str:
    """The preference, or why it cannot be applied to anyone."""
    if not isinstance(raw, dict):
        return "a user preference is not an object"
    wa_id = _id(raw.get("wa_id"))
    if wa_id is None:
        return "a user preference names no customer (no wa_id)"
    category = _str(raw.get("category"))
    pref_value = _str(raw.get("value"))
    if category is None or pref_value is None:
        return "a user preference has no category or no value"
    problems = list(business.problems)
    timestamp_ms, ts_problem = _timestamp_ms(raw.get("timestamp"))
    if ts_problem:
        problems.append(ts_problem)
    return UserPreference(
        phone_number_id=business.phone_number_id,
        wa_id=wa_id,
        category=category,
        value=pref_value,
        timestamp_ms=timestamp_ms,
        payload=raw,
        detail=_str(raw.get("detail")),
        contact_name=names.get(wa_id),
        problems=tuple(problems),
    )


@dataclass(frozen=True, slots=True)
class _Contact:
    wa_id: str | None
    user_id: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class _Business:
    phone_number_id: str
    display_phone_number: str | None
    problems: tuple[ParseProblem, ...]


def _parse_value(value: JsonObject, result: ParsedWebhook) -> None:
    business = _business(value.get("metadata"))
    contacts = _contacts(value.get("contacts"))
    value_errors, _ = _errors(value.get("errors"), "errors")

    raw_messages = _list_or_report(value, "messages", result)
    for raw in raw_messages:
        message = _parse_message(raw, business, contacts, value_errors)
        if isinstance(message, InboundMessage):
            result.messages.append(message)
        else:
            result.unreadable.append((message, _fragment(raw)))

    for raw in _list_or_report(value, "statuses", result):
        status = _parse_status(raw, business)
        if isinstance(status, StatusUpdate):
            result.statuses.append(status)
        else:
            result.unreadable.append((status, _fragment(raw)))

    if value_errors and not raw_messages:
        # Errors about the delivery itself (not about one message): keep them visible.
        summary = "; ".join(f"{e.code} {e.title}" for e in value_errors)
        result.unreadable.append((f"WhatsApp reported errors: {_shown(summary)}", value))


def _list_or_report(value: JsonObject, key: str, result: ParsedWebhook) -> list[Any]:
    items = value.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        result.unreadable.append((f"{key} is not a list", value))
        return []
    return items


def _business(metadata: object) -> _Business:
    if not isinstance(metadata, dict):
        return _Business("", None, (ParseProblem(_P.NO_METADATA, "the change has no metadata"),))
    phone_number_id = _id(metadata.get("phone_number_id"))
    display = _id(metadata.get("display_phone_number"))
    if phone_number_id is None:
        problem = ParseProblem(_P.NO_PHONE_NUMBER_ID, "metadata has no phone_number_id")
        return _Business("", display, (problem,))
    return _Business(phone_number_id, display, ())


def _contacts(raw: object) -> list[_Contact]:
    if not isinstance(raw, list):
        return []
    contacts = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        profile = item.get("profile")
        name = _str(profile.get("name")) if isinstance(profile, dict) else None
        contacts.append(_Contact(_id(item.get("wa_id")), _id(item.get("user_id")), name))
    return contacts


# -- messages ----------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """What the type handlers fill in; turned into an InboundMessage at the end."""

    text: str | None = None
    media: MediaRef | None = None
    reaction_to: str | None = None
    reply_id: str | None = None
    location: Location | None = None
    shared_contacts: tuple[SharedContact, ...] = ()
    order_items: tuple[OrderItem, ...] = ()
    new_wa_id: str | None = None
    replaces_wamid: str | None = None
    problems: list[ParseProblem] = field(default_factory=list)

    def problem(self, code: MessageProblem, detail: str) -> None:
        self.problems.append(ParseProblem(code, detail))


def _parse_message(
    raw: object,
    business: _Business,
    contacts: list[_Contact],
    value_errors: tuple[WhatsAppError, ...],
) -> InboundMessage | str:
    """The message, or why it cannot be attributed to any sender."""
    if not isinstance(raw, dict):
        return "a message is not an object"
    problems: list[ParseProblem] = list(business.problems)

    wa_id, contact, sender_problem = _sender(raw, contacts)
    if wa_id is None:
        return "a message has no sender (no from, no unambiguous contact)"
    if sender_problem:
        problems.append(sender_problem)

    wamid = _id(raw.get("id"))
    if wamid is None:
        wamid = unparsed_wamid(raw)
        problems.append(ParseProblem(_P.MISSING_ID, "the message has no id"))
    elif not isinstance(raw.get("id"), str):
        problems.append(ParseProblem(_P.ID_NOT_TEXT, "the message id is not a string"))

    timestamp_ms, ts_problem = _timestamp_ms(raw.get("timestamp"))
    if ts_problem:
        problems.append(ts_problem)

    msg_type, type_problem = _message_type(raw)
    if type_problem:
        problems.append(type_problem)

    draft = _Draft()
    if not type_problem or msg_type != UNKNOWN_TYPE:
        _fill(draft, msg_type, raw, allow_edit=True)
    problems.extend(draft.problems)

    context_wamid, forwarded = _context(raw.get("context"))
    own_errors, error_problem = _errors(raw.get("errors"), "the message's errors")
    if error_problem:
        problems.append(error_problem)

    return InboundMessage(
        phone_number_id=business.phone_number_id,
        wamid=wamid,
        wa_id=wa_id,
        timestamp_ms=timestamp_ms,
        type=msg_type,
        text=draft.text,
        payload=raw,
        contact_name=contact.name if contact else None,
        display_phone_number=business.display_phone_number,
        context_wamid=context_wamid,
        reaction_to=draft.reaction_to,
        media=draft.media,
        errors=own_errors + value_errors,
        problems=tuple(problems),
        user_id=_id(raw.get("from_user_id")) or (contact.user_id if contact else None),
        forwarded=forwarded,
        reply_id=draft.reply_id,
        location=draft.location,
        shared_contacts=draft.shared_contacts,
        order_items=draft.order_items,
        new_wa_id=draft.new_wa_id,
        replaces_wamid=draft.replaces_wamid,
    )


def _sender(
    raw: JsonObject, contacts: list[_Contact]
) -> tuple[str | None, _Contact | None, ParseProblem | None]:
    """The customer's wa_id, their contact entry and a problem with how it was found."""
    sender = _id(raw.get("from"))
    user_id = _id(raw.get("from_user_id"))
    contact = _matching_contact(sender, user_id, contacts)
    if sender is not None:
        problem = (
            None
            if isinstance(raw.get("from"), str)
            else ParseProblem(_P.SENDER_NOT_TEXT, "from is not a string")
        )
        return sender, contact, problem
    if contact is None and len(contacts) == 1:
        contact = contacts[0]
    if contact is not None and contact.wa_id is not None:
        detail = "the message has no from; sender taken from contacts"
        return contact.wa_id, contact, ParseProblem(_P.SENDER_FROM_CONTACTS, detail)
    fallback_user_id = user_id or (contact.user_id if contact else None)
    if fallback_user_id is not None:
        return (
            fallback_user_id,
            contact,
            ParseProblem(
                _P.SENDER_USER_ID_ONLY,
                "the sender has no phone number; identified by user id only",
            ),
        )
    return None, None, None


def _matching_contact(
    sender: str | None, user_id: str | None, contacts: list[_Contact]
) -> _Contact | None:
    for contact in contacts:
        if sender is not None and contact.wa_id == sender:
            return contact
    for contact in contacts:
        if user_id is not None and contact.user_id == user_id:
            return contact
    # A lone contact without a wa_id (newer payloads) cannot contradict the sender.
    if len(contacts) == 1 and contacts[0].wa_id is None:
        return contacts[0]
    return None


def _message_type(raw: JsonObject) -> tuple[str, ParseProblem | None]:
    declared = raw.get("type")
    if isinstance(declared, str) and declared:
        return declared, None
    for candidate in _CONTENT_KEYS:
        if candidate in raw:
            detail = f"the message has no type; taken as {candidate}"
            return candidate, ParseProblem(_P.TYPE_GUESSED, detail)
    return UNKNOWN_TYPE, ParseProblem(_P.MISSING_TYPE, "the message has no type")


def _fill(draft: _Draft, msg_type: str, raw: JsonObject, *, allow_edit: bool) -> None:
    if msg_type in MEDIA_TYPES:
        _media(draft, msg_type, raw)
        return
    handler = _HANDLERS.get(msg_type)
    if handler is None or (msg_type == "edit" and not allow_edit):
        draft.problem(_P.UNKNOWN_TYPE, f"unknown message type {_shown(msg_type)}")
        return
    handler(draft, raw)


def _content(draft: _Draft, raw: JsonObject, key: str) -> JsonObject:
    """The type's own object (``raw[key]``); a problem and ``{}`` when it is not one."""
    content = raw.get(key)
    if isinstance(content, dict):
        return content
    if content is None:
        draft.problem(_P.MISSING_CONTENT, f"the {key} message has no {key} object")
    else:
        draft.problem(_P.CONTENT_NOT_OBJECT, f"{key} is not an object")
    return {}


def _text_field(draft: _Draft, content: JsonObject, key: str, where: str) -> str | None:
    """A customer-written string; empty means none. Non-strings are a problem, not text."""
    value = content.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    draft.problem(_P.FIELD_NOT_TEXT, f"{where} is not a string")
    return None


def _text(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "text")
    draft.text = _text_field(draft, content, "body", "text.body")


def _media(draft: _Draft, kind: str, raw: JsonObject) -> None:
    content = _content(draft, raw, kind)
    draft.text = _text_field(draft, content, "caption", f"{kind}.caption")
    media_id = _id(content.get("id"))
    if media_id is None:
        if content:
            draft.problem(_P.MISSING_MEDIA_ID, f"the {kind} has no media id")
        return
    draft.media = MediaRef(
        media_id=media_id,
        mime_type=_str(content.get("mime_type")),
        sha256=_str(content.get("sha256")),
        filename=_str(content.get("filename")),
        voice=content.get("voice") is True,
        animated=content.get("animated") is True,
        url=_str(content.get("url")),
    )


def _location(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "location")
    latitude = _number(content.get("latitude"))
    longitude = _number(content.get("longitude"))
    if content and (latitude is None or longitude is None):
        detail = "the location has no usable latitude and longitude"
        draft.problem(_P.BAD_LOCATION, detail)
    draft.location = Location(
        latitude=latitude,
        longitude=longitude,
        name=_str(content.get("name")),
        address=_str(content.get("address")),
        url=_str(content.get("url")),
    )


def _shared_contacts(draft: _Draft, raw: JsonObject) -> None:
    cards = raw.get("contacts")
    if not isinstance(cards, list):
        draft.problem(_P.MISSING_CONTACTS_LIST, "the contacts message has no contacts list")
        return
    shared = []
    for card in cards:
        if not isinstance(card, dict):
            draft.problem(_P.BAD_SHARED_CONTACT, "a shared contact is not an object")
            continue
        name = card.get("name")
        formatted = _str(name.get("formatted_name")) if isinstance(name, dict) else None
        phones = card.get("phones")
        entries = [p for p in phones if isinstance(p, dict)] if isinstance(phones, list) else []
        shared.append(
            SharedContact(
                formatted_name=formatted,
                phones=tuple(s for p in entries if (s := _str(p.get("phone")))),
                wa_ids=tuple(s for p in entries if (s := _id(p.get("wa_id")))),
            )
        )
    draft.shared_contacts = tuple(shared)


def _reaction(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "reaction")
    draft.reaction_to = _id(content.get("message_id"))
    if draft.reaction_to is None and content:
        detail = "the reaction does not say which message it is for"
        draft.problem(_P.REACTION_WITHOUT_TARGET, detail)
    emoji = content.get("emoji")
    # No emoji (missing or empty) is how WhatsApp says the reaction was removed.
    if isinstance(emoji, str):
        draft.text = emoji
    else:
        draft.text = ""
        if emoji is not None:
            draft.problem(_P.FIELD_NOT_TEXT, "reaction.emoji is not a string")


_KNOWN_INTERACTIVE = frozenset({"call_permission_reply"})


def _interactive(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "interactive")
    if not content:
        return
    declared = content.get("type")
    sub_type = declared if isinstance(declared, str) else None
    reply = content.get(sub_type) if sub_type else None
    if sub_type in ("button_reply", "list_reply") and isinstance(reply, dict):
        draft.text = _text_field(draft, reply, "title", f"{sub_type}.title")
        draft.reply_id = _id(reply.get("id"))
    elif sub_type == "nfm_reply" and isinstance(reply, dict):
        draft.text = _text_field(draft, reply, "body", "nfm_reply.body")
    elif sub_type in _KNOWN_INTERACTIVE and isinstance(reply, dict):
        pass  # understood, nothing an agent reads as text
    else:
        draft.problem(_P.UNKNOWN_INTERACTIVE, f"unknown interactive reply {_shown(declared)}")


def _button(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "button")
    draft.text = _text_field(draft, content, "text", "button.text")
    draft.reply_id = _id(content.get("payload"))


def _order(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "order")
    draft.text = _text_field(draft, content, "text", "order.text")
    items = content.get("product_items")
    if not isinstance(items, list):
        if content:
            draft.problem(_P.MISSING_ORDER_ITEMS, "the order has no product_items list")
        return
    lines = []
    for item in items:
        product = _id(item.get("product_retailer_id")) if isinstance(item, dict) else None
        if product is None:
            draft.problem(_P.BAD_ORDER_ITEM, "an order item has no product_retailer_id")
            continue
        quantity = item.get("quantity")
        lines.append(
            OrderItem(
                product_retailer_id=product,
                quantity=quantity if type(quantity) is int else None,
                item_price=_number(item.get("item_price")),
                currency=_str(item.get("currency")),
            )
        )
    draft.order_items = tuple(lines)


def _system(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "system")
    draft.text = _text_field(draft, content, "body", "system.body")
    # Current payloads say ``wa_id``; older ones said ``new_wa_id``.
    draft.new_wa_id = _id(content.get("wa_id")) or _id(content.get("new_wa_id"))


def _no_content(draft: _Draft, raw: JsonObject) -> None:
    """unsupported, request_welcome: nothing to read; errors say why when there are any."""


def _edit(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "edit")
    draft.replaces_wamid = _id(content.get("original_message_id"))
    if draft.replaces_wamid is None and content:
        detail = "the edit does not say which message it replaces"
        draft.problem(_P.EDIT_WITHOUT_TARGET, detail)
    inner = content.get("message")
    if not isinstance(inner, dict):
        if content:
            draft.problem(_P.EDIT_WITHOUT_MESSAGE, "the edit has no message object")
        return
    inner_type = inner.get("type")
    if not isinstance(inner_type, str) or not inner_type:
        draft.problem(_P.MISSING_TYPE, "the edited message has no type")
        return
    edited = _Draft()
    _fill(edited, inner_type, inner, allow_edit=False)
    draft.text, draft.media, draft.location = edited.text, edited.media, edited.location
    draft.problems.extend(ParseProblem(p.code, f"edit: {p.detail}") for p in edited.problems)


def _revoke(draft: _Draft, raw: JsonObject) -> None:
    content = _content(draft, raw, "revoke")
    draft.replaces_wamid = _id(content.get("original_message_id"))
    if draft.replaces_wamid is None and content:
        detail = "the revoke does not say which message it deletes"
        draft.problem(_P.REVOKE_WITHOUT_TARGET, detail)


_HANDLERS: dict[str, Callable[[_Draft, JsonObject], None]] = {
    "text": _text,
    "location": _location,
    "contacts": _shared_contacts,
    "reaction": _reaction,
    "interactive": _interactive,
    "button": _button,
    "order": _order,
    "system": _system,
    "unsupported": _no_content,
    "request_welcome": _no_content,
    "edit": _edit,
    "revoke": _revoke,
}
# Keys whose presence tells the type of a message that forgot to say it.
_CONTENT_KEYS = (*_HANDLERS, *sorted(MEDIA_TYPES))


def _context(raw: object) -> tuple[str | None, bool]:
    if not isinstance(raw, dict):
        return None, False
    forwarded = raw.get("forwarded") is True or raw.get("frequently_forwarded") is True
    return _id(raw.get("id")), forwarded


# -- statuses ----------------------------------------------------------------------


def _parse_status(raw: object, business: _Business) -> StatusUpdate | str:
    """The status update, or why it cannot be applied to any message."""
    if not isinstance(raw, dict):
        return "a status is not an object"
    wamid = _id(raw.get("id"))
    if wamid is None:
        return "a status has no message id"
    status = raw.get("status")
    if not isinstance(status, str) or not status:
        return "a status has no status value"
    problems = list(business.problems)
    timestamp_ms, ts_problem = _timestamp_ms(raw.get("timestamp"))
    if ts_problem:
        problems.append(ts_problem)
    errors, error_problem = _errors(raw.get("errors"), "the status's errors")
    if error_problem:
        problems.append(error_problem)
    return StatusUpdate(
        phone_number_id=business.phone_number_id,
        wamid=wamid,
        status=status,
        recipient_id=_id(raw.get("recipient_id")) or _id(raw.get("recipient_user_id")),
        timestamp_ms=timestamp_ms,
        payload=raw,
        errors=errors,
        problems=tuple(problems),
    )


# -- values ------------------------------------------------------------------------


def _errors(raw: object, where: str) -> tuple[tuple[WhatsAppError, ...], ParseProblem | None]:
    if raw is None:
        return (), None
    if not isinstance(raw, list):
        return (), ParseProblem(_P.ERRORS_NOT_LIST, f"{where} is not a list")
    errors = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        code = item.get("code")
        if isinstance(code, str) and code.strip().isdecimal() and len(code) < 12:
            code = int(code)
        title = _str(item.get("title")) or _str(item.get("message")) or ""
        error_data = item.get("error_data")
        details = _str(error_data.get("details")) if isinstance(error_data, dict) else None
        if type(code) is not int or code not in _ERROR_CODE_RANGE:
            code = -1
        errors.append(WhatsAppError(code, title, details))
    return tuple(errors), None


def _timestamp_ms(raw: object) -> tuple[int, ParseProblem | None]:
    """Epoch milliseconds; 0 (unknown) only together with a problem saying why."""
    if raw is None:
        return 0, ParseProblem(_P.MISSING_TIMESTAMP, "the timestamp is missing")
    seconds: float | None = None
    if isinstance(raw, bool):
        seconds = None
    elif isinstance(raw, int | float):
        seconds = raw
    elif isinstance(raw, str) and len(raw) <= 32:
        try:
            seconds = int(raw)
        except ValueError:
            try:
                seconds = float(raw)
            except ValueError:
                seconds = None
    if seconds is None or not math.isfinite(seconds):
        detail = f"the timestamp {_shown(raw)} is not a number of seconds"
        return 0, ParseProblem(_P.TIMESTAMP_NOT_A_NUMBER, detail)
    if not 0 < seconds < _MAX_EPOCH_SECONDS:
        detail = f"the timestamp {_shown(raw)} is out of range"
        return 0, ParseProblem(_P.TIMESTAMP_OUT_OF_RANGE, detail)
    if isinstance(seconds, int):
        return seconds * 1000, None
    return round(seconds * 1000), None


def _id(value: object) -> str | None:
    """An identifier: a non-empty string, or an integer Meta (or a proxy) left unquoted."""
    if isinstance(value, str):
        return value if value.strip() else None
    if type(value) is int:
        return str(value)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value) if abs(value) < 1e300 else math.inf
    return number if math.isfinite(number) else None


def _shown(value: object) -> str:
    """A short, safe rendering of a foreign value for a problem text."""
    text = value if isinstance(value, str) else type(value).__name__
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _fragment(value: object) -> JsonObject:
    return value if isinstance(value, dict) else {"fragment": value}


def _canonical_bytes(value: object) -> bytes:
    """The design's canonical JSON; a stable iterative rendering for non-JSON input."""
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = _stable_text(value)
    return text.encode("utf-8", "surrogatepass")


def _stable_text(value: object) -> str:
    """Deterministic text for any nesting depth (no recursion); only for odd input."""
    out: list[str] = []
    # (True, text) is written as is; (False, value) is still to be rendered.
    stack: list[tuple[bool, object]] = [(False, value)]
    seen: set[int] = set()
    while stack:
        literal, item = stack.pop()
        if literal:
            out.append(str(item))
        elif isinstance(item, dict | list | tuple):
            if id(item) in seen:  # only possible for objects built in code, not JSON
                out.append("<seen>")
                continue
            seen.add(id(item))
            if isinstance(item, dict):
                out.append("{")
                stack.append((True, "}"))
                pairs = sorted(item.items(), key=lambda kv: repr(kv[0]), reverse=True)
                for key, val in pairs:
                    stack.append((False, val))
                    stack.append((True, repr(key) + ":"))
            else:
                out.append("[")
                stack.append((True, "]"))
                stack.extend((False, v) for v in reversed(item))
        else:
            out.append(repr(item))
    return "".join(out)

"""What each WhatsApp message type shows: a label, plain body text, detail lines, a link.

Kept apart from painting so tests can check every type's display data, and so the
model can cache it per message.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from PySide6.QtCore import QCoreApplication

from wa_desk.core.filenames import safe_filename
from wa_desk.ui.conversation.problem_words import problem_texts

MEDIA_TYPES = frozenset({"image", "video", "sticker", "document", "audio"})
VISUAL_MEDIA = frozenset({"image", "video", "sticker"})
PLAYABLE_TYPES = frozenset({"video", "audio"})
NOTICE_TYPES = frozenset({"system", "revoke"})


@dataclass(frozen=True)
class Content:
    """Display data of one message; every string is plain text."""

    label: str = ""  # what kind of message, when it is not plain text
    body: str = ""  # the customer's or agent's own words
    details: tuple[str, ...] = ()  # coordinates, contact cards, order lines, reasons
    link: str | None = None  # a map or web address the agent may open
    downloadable: bool = False
    filename: str | None = None  # sanitized, for documents
    thumbnail_slot: bool = False  # image/video/sticker: room for a preview
    openable: bool = False  # video/audio: saved, then opened in the system's player
    notice: bool = False  # drawn as a centred notice, not a bubble
    problems: tuple[str, ...] = field(default=())


def _payload(message: dict[str, Any]) -> dict[str, Any]:
    payload = message.get("payload")
    return payload if isinstance(payload, dict) else {}


def _section(message: dict[str, Any], key: str) -> dict[str, Any]:
    value = _payload(message).get(key)
    return value if isinstance(value, dict) else {}


def osm_url(latitude: float, longitude: float) -> str:
    query = urlencode({"mlat": f"{latitude:.6f}", "mlon": f"{longitude:.6f}"})
    return f"https://www.openstreetmap.org/?{query}#map=17/{latitude:.6f}/{longitude:.6f}"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _location(message: dict[str, Any]) -> Content:
    loc = _section(message, "location")
    lat, lon = _number(loc.get("latitude")), _number(loc.get("longitude"))
    details = [str(v) for v in (loc.get("name"), loc.get("address")) if isinstance(v, str) and v]
    link = None
    if lat is not None and lon is not None:
        details.append(f"{lat:.5f}, {lon:.5f}")
        link = osm_url(lat, lon)
    else:
        details.append(QCoreApplication.translate("MessageContent", "No usable coordinates"))
    return Content(
        label=QCoreApplication.translate("MessageContent", "Location"),
        details=tuple(details),
        link=link,
    )


def _contacts(message: dict[str, Any]) -> Content:
    cards = _payload(message).get("contacts")
    lines = []
    for card in cards if isinstance(cards, list) else []:
        if not isinstance(card, dict):
            continue
        name = card.get("name")
        formatted = name.get("formatted_name") if isinstance(name, dict) else None
        phones = card.get("phones")
        numbers = [
            str(p.get("phone"))
            for p in (phones if isinstance(phones, list) else [])
            if isinstance(p, dict) and p.get("phone")
        ]
        who = (
            formatted
            if isinstance(formatted, str) and formatted
            else QCoreApplication.translate("MessageContent", "(no name)")
        )
        lines.append(" · ".join([who, *numbers]))
    return Content(
        label=QCoreApplication.translate("MessageContent", "Contact card"),
        details=tuple(lines) or (QCoreApplication.translate("MessageContent", "(empty card)"),),
    )


def _media(message: dict[str, Any], kind: str) -> Content:
    section = _section(message, kind)
    caption = message.get("text") or ""
    labels = {
        "image": QCoreApplication.translate("MessageContent", "Photo"),
        "video": QCoreApplication.translate("MessageContent", "Video"),
        "sticker": QCoreApplication.translate("MessageContent", "Sticker"),
        "document": QCoreApplication.translate("MessageContent", "Document"),
        "audio": QCoreApplication.translate("MessageContent", "Voice message")
        if section.get("voice") is True
        else QCoreApplication.translate("MessageContent", "Audio"),
    }
    filename = None
    details: tuple[str, ...] = ()
    if kind == "document":
        raw = section.get("filename")
        filename = safe_filename(
            raw if isinstance(raw, str) else None,
            fallback=QCoreApplication.translate("MessageContent", "document"),
        )
        details = (filename,)
    facts = media_facts(section)
    if facts:
        details = (*details, facts)
    has_media = bool(message.get("media_id") or section.get("id"))
    return Content(
        label=labels[kind],
        body=caption,
        details=details,
        downloadable=has_media,
        filename=filename,
        thumbnail_slot=kind in VISUAL_MEDIA,
        openable=has_media and kind in PLAYABLE_TYPES,
    )


def file_size_text(size: int) -> str:
    """Bytes as people read them: 900 B, 12 KB, 2.4 MB."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    if size < 1_000_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.1f} GB"


def duration_text(seconds: float) -> str:
    """0:07, 2:05, 1:02:03."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def media_facts(section: dict[str, Any]) -> str:
    """Format, length and size of a media file when the payload says them, e.g.
    ``MP4 · 0:37 · 2.4 MB``; empty when it says none."""
    facts: list[str] = []
    measured = False  # the format alone says little: shown only beside a length or size
    mime = section.get("mime_type")
    if isinstance(mime, str) and "/" in mime:
        subtype = mime.split("/", 1)[1].split(";", 1)[0].strip()
        if subtype.isalnum() and len(subtype) <= 8:
            facts.append(subtype.upper())
    seconds = _number(section.get("duration"))
    if seconds is not None and 0 < seconds < 100 * 3600:
        facts.append(duration_text(seconds))
        measured = True
    size = _number(section.get("file_size"))
    if size is not None and 0 < size < 1e13:
        facts.append(file_size_text(int(size)))
        measured = True
    return " · ".join(facts) if measured else ""


def _interactive(message: dict[str, Any]) -> Content:
    section = _section(message, "interactive")
    sub = section.get("type")
    label = {
        "button_reply": QCoreApplication.translate("MessageContent", "Button reply"),
        "list_reply": QCoreApplication.translate("MessageContent", "List reply"),
        "nfm_reply": QCoreApplication.translate("MessageContent", "Form reply"),
    }.get(
        sub if isinstance(sub, str) else "",
        QCoreApplication.translate("MessageContent", "Interactive reply"),
    )
    return Content(label=label, body=message.get("text") or "")


def _order(message: dict[str, Any]) -> Content:
    items = _section(message, "order").get("product_items")
    lines = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        line = f"{item.get('quantity', '?')} × {item.get('product_retailer_id', '?')}"
        price = _number(item.get("item_price"))
        if price is not None:
            line += f" ({price:g} {item.get('currency') or ''})".replace(" )", ")")
        lines.append(line)
    return Content(
        label=QCoreApplication.translate("MessageContent", "Order"),
        body=message.get("text") or "",
        details=tuple(lines),
    )


def _unsupported(message: dict[str, Any]) -> Content:
    reasons: list[str] = []
    errors = _payload(message).get("errors")
    for error in errors if isinstance(errors, list) else []:
        if isinstance(error, dict):
            data = error.get("error_data")
            detail = data.get("details") if isinstance(data, dict) else None
            text = detail or error.get("message") or error.get("title")
            if isinstance(text, str) and text:
                reasons.append(text)
    reasons.extend(problem_texts(message))
    if not reasons:
        reasons.append(QCoreApplication.translate("MessageContent", "WhatsApp did not say why."))
    return Content(
        label=QCoreApplication.translate("MessageContent", "Message type not supported"),
        details=tuple(
            QCoreApplication.translate("MessageContent", "Reason: %1").replace("%1", r)
            for r in reasons
        ),
    )


def describe(message: dict[str, Any]) -> Content:
    """The display data of one message dict from the hub API."""
    kind = message.get("type") or "unknown"
    text = message.get("text") or ""
    problems = tuple(problem_texts(message))
    content: Content
    if kind == "text":
        content = Content(body=text)
    elif kind in MEDIA_TYPES:
        content = _media(message, kind)
    elif kind == "location":
        content = _location(message)
    elif kind == "contacts":
        content = _contacts(message)
    elif kind == "interactive":
        content = _interactive(message)
    elif kind == "button":
        content = Content(
            label=QCoreApplication.translate("MessageContent", "Button reply"), body=text
        )
    elif kind == "order":
        content = _order(message)
    elif kind == "system":
        content = Content(
            body=text or QCoreApplication.translate("MessageContent", "WhatsApp system notice"),
            notice=True,
        )
    elif kind == "template":
        name = message.get("template") or ""
        content = Content(
            label=QCoreApplication.translate("MessageContent", "Template %1")
            .replace("%1", name)
            .strip(),
            body=text,
        )
    elif kind == "unsupported":
        return _unsupported(message)
    elif kind == "revoke":
        content = Content(
            body=QCoreApplication.translate("MessageContent", "The customer deleted a message."),
            notice=True,
        )
    elif kind == "edit":
        content = Content(
            label=QCoreApplication.translate("MessageContent", "Edited message"), body=text
        )
    elif kind == "reaction":
        content = Content(
            label=QCoreApplication.translate("MessageContent", "Reaction"),
            body=text or QCoreApplication.translate("MessageContent", "(reaction removed)"),
        )
    else:
        content = Content(
            label=QCoreApplication.translate("MessageContent", "Unknown message type"),
            body=text,
            details=problems
            or (
                QCoreApplication.translate(
                    "MessageContent", "This version of wa-desk cannot show it."
                ),
            ),
        )
        problems = ()
    if problems:
        content = replace(content, problems=problems)
    return content


def preview(message: dict[str, Any]) -> str:
    """A one-line plain summary (quotes of replied-to messages)."""
    content = describe(message)
    text = content.body or (content.details[0] if content.details else "") or content.label
    line = " ".join(text.split())
    if content.label and content.body:
        line = f"{content.label}: {line}"
    return line[:140]

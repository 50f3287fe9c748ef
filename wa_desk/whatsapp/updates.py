"""What the hub takes out of a webhook delivery: plain, typed values.

``parse_webhook`` (in ``webhook_parser``) turns a decoded webhook body into these. A
message the parser cannot fully understand is still returned, with ``problems`` saying
why, so that it is stored raw and flagged instead of lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wa_desk.core.message_problems import MessageProblem

JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """One thing the parser did not understand: a stable code for people's words (the
    desktop translates it) and an English detail for logs and the API."""

    code: MessageProblem
    detail: str


@dataclass(frozen=True, slots=True)
class WhatsAppError:
    """One entry of an ``errors`` array (on a failed status, a message or a value)."""

    code: int
    title: str
    details: str | None = None


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A media attachment as the webhook announces it (download goes through the Graph API)."""

    media_id: str
    mime_type: str | None = None
    sha256: str | None = None
    filename: str | None = None
    voice: bool = False
    animated: bool = False
    # Newer deliveries include a short-lived download URL; the media id is what lasts.
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """A pin the customer shared (their current position or a chosen place)."""

    latitude: float | None
    longitude: float | None
    name: str | None = None
    address: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SharedContact:
    """One card of a ``contacts`` message: who the customer passed on to the business."""

    formatted_name: str | None
    phones: tuple[str, ...] = ()
    wa_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One line of a cart the customer sent from the catalog."""

    product_retailer_id: str
    quantity: int | None = None
    item_price: float | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A message a customer sent to one of the business numbers."""

    phone_number_id: str
    wamid: str
    wa_id: str
    timestamp_ms: int
    # Meta's message type: text, image, video, document, audio, sticker, location,
    # contacts, reaction, interactive, button, order, system, unsupported,
    # request_welcome, edit, revoke, or whatever new type Meta adds (kept as it came).
    type: str
    # The body, caption, reply title or reaction emoji; None when there is none. An
    # empty string for a reaction means the customer removed their reaction.
    text: str | None
    payload: JsonObject
    contact_name: str | None = None
    display_phone_number: str | None = None
    context_wamid: str | None = None  # the message this one replies to
    reaction_to: str | None = None  # for reactions: the wamid reacted to
    media: MediaRef | None = None
    errors: tuple[WhatsAppError, ...] = ()
    # Why this message was not fully understood; non-empty means "store raw, flag it".
    problems: tuple[ParseProblem, ...] = ()
    # The customer's business-scoped user id (BSUID) when Meta sends one.
    user_id: str | None = None
    forwarded: bool = False  # forwarded, or forwarded many times
    # The id or payload of the button or list row the customer chose: what routing
    # rules match on, since titles are translated and edited.
    reply_id: str | None = None
    location: Location | None = None
    shared_contacts: tuple[SharedContact, ...] = ()
    order_items: tuple[OrderItem, ...] = ()
    # For a system message saying the customer changed number: their new wa_id.
    new_wa_id: str | None = None
    # For an edit or a revoke: the customer's earlier message being edited or deleted.
    replaces_wamid: str | None = None


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """A delivery status for a message the business sent."""

    phone_number_id: str
    wamid: str
    status: str  # sent, delivered, read, played, failed, or a new one kept as it came
    recipient_id: str | None
    timestamp_ms: int
    payload: JsonObject
    errors: tuple[WhatsAppError, ...] = ()
    # Why this status was not fully understood (a missing timestamp...): flag, do not drop.
    problems: tuple[ParseProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class TemplateStatusUpdate:
    """Meta's ``message_template_status_update``: a template of the account was approved,
    rejected, paused, disabled, reinstated... (``event``, upper case, kept as it came)."""

    name: str
    language: str
    event: str
    template_id: str | None = None
    reason: str | None = None  # why it was rejected or paused, when Meta says


@dataclass(frozen=True, slots=True)
class UserPreference:
    """One item of Meta's ``user_preferences`` webhook: a customer changed, in WhatsApp's
    own settings, which messages they take from the business (``category``
    ``marketing_messages``; ``value`` ``stop``, ``resume``, or another kept as it came,
    such as ``signup``)."""

    phone_number_id: str
    wa_id: str  # the item's own wa_id: the customer's, whatever ``contacts`` says
    category: str
    value: str
    # 0 only together with a problem (missing or not a time): the hub then uses its own.
    timestamp_ms: int
    payload: JsonObject
    detail: str | None = None
    contact_name: str | None = None  # from ``contacts``, only when its wa_id is the item's
    problems: tuple[ParseProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class IgnoredChange:
    """A change for a field the hub does not handle (account updates, template updates...)."""

    field: str
    payload: JsonObject


@dataclass(slots=True)
class ParsedWebhook:
    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    ignored: list[IgnoredChange] = field(default_factory=list)
    template_statuses: list[TemplateStatusUpdate] = field(default_factory=list)
    user_preferences: list[UserPreference] = field(default_factory=list)
    # Problems with parts that could not even be attributed to a message (no id, no
    # sender): the raw fragment and the reason, stored for an operator to look at.
    unreadable: list[tuple[str, JsonObject]] = field(default_factory=list)

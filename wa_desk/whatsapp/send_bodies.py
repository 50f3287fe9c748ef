"""Bodies for ``POST /{phone_number_id}/messages`` and reading what the Graph API answers.

The builders return plain dicts shaped exactly as the Cloud API reference documents
them, and refuse (``ValueError``) what Meta would refuse anyway, so that a bad request
is caught before it costs a round trip and an error code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wa_desk.whatsapp.errors import ErrorInfo, ErrorKind, describe

JsonObject = dict[str, Any]

MAX_TEXT_BODY = 4096
MAX_CAPTION = 1024
MAX_INTERACTIVE_BODY = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_BUTTON_ID = 256
MAX_LIST_BUTTON = 20  # the label of the button that opens a list
MAX_LIST_ROWS = 10  # across every section of one list message
MAX_ROW_ID = 200
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MEDIA_KINDS = frozenset({"image", "video", "audio", "document", "sticker"})
_CAPTIONED = frozenset({"image", "video", "document"})


def _envelope(to: str, message_type: str) -> JsonObject:
    if not to:
        raise ValueError("the recipient is empty")
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": message_type,
    }


def _with_reply(body: JsonObject, reply_to: str | None) -> JsonObject:
    if reply_to:
        body["context"] = {"message_id": reply_to}
    return body


def text_message(
    to: str, body: str, *, preview_url: bool = False, reply_to: str | None = None
) -> JsonObject:
    """A free-form text message (only inside the 24 h customer-service window)."""
    if not body.strip():
        raise ValueError("a text message needs a body")
    if len(body) > MAX_TEXT_BODY:
        raise ValueError(f"a text message body is at most {MAX_TEXT_BODY} characters")
    message = _envelope(to, "text")
    message["text"] = {"preview_url": preview_url, "body": body}
    return _with_reply(message, reply_to)


def _text_parameters(values: Sequence[str]) -> list[JsonObject]:
    return [{"type": "text", "text": value} for value in values]


def template_message(
    to: str,
    name: str,
    language: str,
    *,
    body_params: Sequence[str] = (),
    header_params: Sequence[str] = (),
    button_params: Sequence[str] = (),
    components: Sequence[JsonObject] | None = None,
) -> JsonObject:
    """An approved template, with positional text parameters, or with ``components``
    already built (named parameters, media headers, buttons at their own index).

    ``button_params`` fill the dynamic suffix of URL buttons: the n-th value goes to the
    button at index n.
    """
    if not name or not language:
        raise ValueError("a template needs a name and a language code")
    if components is not None:
        if header_params or body_params or button_params:
            raise ValueError("give either components or parameters, not both")
        return _template(to, name, language, list(components))
    built: list[JsonObject] = []
    if header_params:
        built.append({"type": "header", "parameters": _text_parameters(header_params)})
    if body_params:
        built.append({"type": "body", "parameters": _text_parameters(body_params)})
    for index, value in enumerate(button_params):
        built.append(
            {
                "type": "button",
                "sub_type": "url",
                "index": str(index),
                "parameters": _text_parameters([value]),
            }
        )
    return _template(to, name, language, built)


def _template(to: str, name: str, language: str, components: list[JsonObject]) -> JsonObject:
    template: JsonObject = {"name": name, "language": {"code": language}}
    if components:
        template["components"] = components
    message = _envelope(to, "template")
    message["template"] = template
    return message


def mark_as_read(wamid: str) -> JsonObject:
    """Blue ticks for a customer's message (and every earlier one in the chat)."""
    if not wamid:
        raise ValueError("mark_as_read needs a message id")
    return {"messaging_product": "whatsapp", "status": "read", "message_id": wamid}


def reaction_message(to: str, wamid: str, emoji: str) -> JsonObject:
    """React to a message; an empty ``emoji`` removes the business's reaction."""
    if not wamid:
        raise ValueError("a reaction needs the id of the message it reacts to")
    message = _envelope(to, "reaction")
    message["reaction"] = {"message_id": wamid, "emoji": emoji}
    return message


def media_message(
    to: str,
    kind: str,
    media_id_or_link: str,
    caption: str | None = None,
    filename: str | None = None,
) -> JsonObject:
    """An image, video, audio, document or sticker, by uploaded media id or by URL."""
    if kind not in MEDIA_KINDS:
        raise ValueError(f"unknown media kind {kind!r}; expected one of {sorted(MEDIA_KINDS)}")
    if not media_id_or_link:
        raise ValueError("a media message needs a media id or a link")
    if caption is not None and kind not in _CAPTIONED:
        raise ValueError(f"a {kind} cannot have a caption")
    if caption is not None and len(caption) > MAX_CAPTION:
        raise ValueError(f"a caption is at most {MAX_CAPTION} characters")
    if filename is not None and kind != "document":
        raise ValueError("only a document has a filename")
    is_link = media_id_or_link.startswith(("https://", "http://"))
    media: JsonObject = {"link" if is_link else "id": media_id_or_link}
    if caption is not None:
        media["caption"] = caption
    if filename is not None:
        media["filename"] = filename
    message = _envelope(to, kind)
    message[kind] = media
    return message


def interactive_buttons(to: str, body: str, buttons: Sequence[tuple[str, str]]) -> JsonObject:
    """Reply buttons: ``buttons`` are ``(id, title)`` pairs, one to three of them."""
    if not body.strip():
        raise ValueError("an interactive message needs a body")
    if len(body) > MAX_INTERACTIVE_BODY:
        raise ValueError(f"an interactive body is at most {MAX_INTERACTIVE_BODY} characters")
    if not 1 <= len(buttons) <= MAX_BUTTONS:
        raise ValueError(f"reply buttons come one to {MAX_BUTTONS} at a time")
    ids = [button_id for button_id, _ in buttons]
    if len(set(ids)) != len(ids):
        raise ValueError("reply button ids must be unique")
    for button_id, title in buttons:
        if not button_id or len(button_id) > MAX_BUTTON_ID:
            raise ValueError(f"a reply button id has 1 to {MAX_BUTTON_ID} characters")
        if not title.strip() or len(title) > MAX_BUTTON_TITLE:
            raise ValueError(f"a reply button title has 1 to {MAX_BUTTON_TITLE} characters")
    message = _envelope(to, "interactive")
    message["interactive"] = {
        "type": "button",
        "body": {"text": body},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": button_id, "title": title}}
                for button_id, title in buttons
            ]
        },
    }
    return message


@dataclass(frozen=True, slots=True)
class ListRow:
    """One choice of a list message; its ``id`` comes back in ``list_reply.id``."""

    id: str
    title: str
    description: str | None = None


def interactive_list(to: str, body: str, button: str, rows: Sequence[ListRow]) -> JsonObject:
    """A list message of one untitled section: more choices (up to ten) than reply
    buttons allow, behind a button labelled ``button``."""
    if not body.strip():
        raise ValueError("an interactive message needs a body")
    if len(body) > MAX_INTERACTIVE_BODY:
        raise ValueError(f"an interactive body is at most {MAX_INTERACTIVE_BODY} characters")
    if not button.strip() or len(button) > MAX_LIST_BUTTON:
        raise ValueError(f"a list's button label has 1 to {MAX_LIST_BUTTON} characters")
    if not 1 <= len(rows) <= MAX_LIST_ROWS:
        raise ValueError(f"a list has one to {MAX_LIST_ROWS} rows")
    if len({row.id for row in rows}) != len(rows):
        raise ValueError("list row ids must be unique")
    built: list[JsonObject] = []
    for row in rows:
        if not row.id or len(row.id) > MAX_ROW_ID:
            raise ValueError(f"a list row id has 1 to {MAX_ROW_ID} characters")
        if not row.title.strip() or len(row.title) > MAX_ROW_TITLE:
            raise ValueError(f"a list row title has 1 to {MAX_ROW_TITLE} characters")
        entry: JsonObject = {"id": row.id, "title": row.title}
        if row.description is not None:
            if len(row.description) > MAX_ROW_DESCRIPTION:
                raise ValueError(
                    f"a list row description is at most {MAX_ROW_DESCRIPTION} characters"
                )
            entry["description"] = row.description
        built.append(entry)
    message = _envelope(to, "interactive")
    message["interactive"] = {
        "type": "list",
        "body": {"text": body},
        "action": {"button": button, "sections": [{"rows": built}]},
    }
    return message


# -- responses ---------------------------------------------------------------------


class SendResponseError(ValueError):
    """A 2xx answer to a send that does not carry a message id."""


def parse_send_response(response: object) -> str:
    """The wamid of the message just sent (``messages[0].id``)."""
    messages = response.get("messages") if isinstance(response, dict) else None
    first = messages[0] if isinstance(messages, list) and messages else None
    wamid = first.get("id") if isinstance(first, dict) else None
    if not isinstance(wamid, str) or not wamid:
        raise SendResponseError("the send response has no messages[0].id")
    return wamid


@dataclass(frozen=True, slots=True)
class GraphError:
    """A refused Graph API call, read from its error envelope (or its absence)."""

    http_status: int
    code: int | None  # None: the answer carried no usable error code
    title: str
    details: str | None = None
    subcode: int | None = None
    fbtrace_id: str | None = None

    @property
    def info(self) -> ErrorInfo:
        """What the error means for agents and operators, and whether to retry."""
        if self.code is not None:
            return describe(self.code, self.title or None)
        if self.http_status == 429:
            kind, meaning = ErrorKind.RATE_LIMIT, "Too many requests to WhatsApp; retrying later."
        elif self.http_status >= 500:
            kind, meaning = ErrorKind.SERVICE, "WhatsApp is temporarily unavailable; try again."
        elif self.http_status in (401, 403):
            kind, meaning = ErrorKind.AUTH, "The hub could not authenticate with WhatsApp."
        else:
            kind, meaning = (
                ErrorKind.REQUEST,
                (f"WhatsApp refused the request (HTTP {self.http_status})."),
            )
        return ErrorInfo(-1, self.title, meaning, kind)

    @property
    def meaning(self) -> str:
        return self.info.meaning

    @property
    def retryable(self) -> bool:
        return self.info.retryable


def parse_graph_error(status_code: int, body: object | None) -> GraphError:
    """The error of a non-2xx Graph API answer; any body (even garbage) gives a result.

    The envelope is ``{"error": {"message", "type", "code", "error_subcode",
    "error_data": {"details"}, "fbtrace_id"}}``.
    """
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return GraphError(status_code, None, f"HTTP {status_code} without an error envelope")
    code = _int(error.get("code"))
    error_data = error.get("error_data")
    details = error_data.get("details") if isinstance(error_data, dict) else None
    title = _text(error.get("message")) or _text(error.get("error_user_title")) or ""
    if not title:
        title = describe(code).title if code is not None else f"HTTP {status_code}"
    return GraphError(
        http_status=status_code,
        code=code,
        title=title,
        details=_text(details) or _text(error.get("error_user_msg")),
        subcode=_int(error.get("error_subcode")),
        fbtrace_id=_text(error.get("fbtrace_id")),
    )


def _int(value: object) -> int | None:
    if type(value) is int:
        return value
    if isinstance(value, str) and value.strip().isdecimal() and len(value) < 12:
        return int(value)
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None

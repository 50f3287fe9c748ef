"""Checks a ``POST /{phone_number_id}/messages`` body the way the Cloud API does.

Returns what the simulator needs to know about the send, or raises ``GraphError``
(code 100) naming the offending parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wa_desk.sim.graph_errors import GraphError, invalid_parameter, missing_parameter

MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")
MESSAGE_TYPES = (
    "text",
    "template",
    "interactive",
    *MEDIA_TYPES,
    "location",
    "contacts",
    "reaction",
)
INTERACTIVE_TYPES = (
    "button",
    "list",
    "cta_url",
    "product",
    "product_list",
    "flow",
    "location_request_message",
    "address_message",
    "catalog_message",
    "call_permission_request",
)
TEMPLATE_PARAM_TYPES = (
    "text",
    "currency",
    "date_time",
    "image",
    "document",
    "video",
    "location",
    "payload",
    "coupon_code",
    "action",
)
TEXT_MAX = 4096
CAPTION_MAX = 1024
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,30}$")


@dataclass(frozen=True, slots=True)
class SendRequest:
    phone_number_id: str
    kind: str  # "message" or "read"
    to: str | None = None
    wa_id: str | None = None
    type: str = "text"
    text: str | None = None  # what the customer reads, when it is text-like
    context_id: str | None = None
    template_name: str | None = None
    template_language: str | None = None
    body_params: list[str] = field(default_factory=list)
    header_param_count: int = 0
    header_param_types: list[str] = field(default_factory=list)
    # the ``parameter_name`` of each header and body parameter (None: positional)
    header_param_names: list[str | None] = field(default_factory=list)
    body_param_names: list[str | None] = field(default_factory=list)
    # (index, sub_type, values) of each button component
    button_params: list[tuple[int, str, list[str]]] = field(default_factory=list)
    # the parameter types of each button component, by its index
    button_param_types: dict[int, list[str]] = field(default_factory=dict)
    button_ids: list[str] = field(default_factory=list)  # interactive replies offered
    message_id: str | None = None  # for read receipts
    reaction_to: str | None = None


def _obj(body: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = body.get(key)
    if value is None:
        raise missing_parameter(f"{where}[{key}]" if where else key)
    if not isinstance(value, dict):
        raise invalid_parameter(f"Param {where}[{key}] must be a JSON object.")
    return value


def _str(
    body: dict[str, Any],
    key: str,
    where: str,
    *,
    max_len: int | None = None,
    required: bool = True,
    allow_empty: bool = False,
) -> str | None:
    value = body.get(key)
    name = f"{where}['{key}']" if where else key
    if value is None:
        if required:
            raise GraphError(100, f"(#100) Param {name} is required.")
        return None
    if not isinstance(value, str):
        raise invalid_parameter(f"Param {name} must be a string.")
    if not value and not allow_empty and required:
        raise invalid_parameter(f"Param {name} must not be empty.")
    if max_len is not None and len(value) > max_len:
        raise invalid_parameter(f"Param {name} must be at most {max_len} characters long.")
    return value


def parse_send(phone_number_id: str, body: Any) -> SendRequest:
    if not isinstance(body, dict):
        raise invalid_parameter("The request body must be a JSON object.")
    product = body.get("messaging_product")
    if product is None:
        raise missing_parameter("messaging_product")
    if product != "whatsapp":
        raise invalid_parameter("Param messaging_product must be 'whatsapp'.")
    if body.get("status") == "read" or ("typing_indicator" in body and "to" not in body):
        return _parse_read(phone_number_id, body)
    if "status" in body:
        raise invalid_parameter("Param status must be 'read'.")

    to = _str(body, "to", "")
    assert to is not None
    if not _PHONE.match(to):
        raise GraphError(
            100,
            "(#100) Invalid parameter",
            details=f"Param to must be a valid phone number: {to!r}.",
        )
    wa_id = re.sub(r"\D", "", to)
    recipient_type = body.get("recipient_type", "individual")
    if recipient_type != "individual":
        raise invalid_parameter("Param recipient_type must be 'individual'.")
    type_ = body.get("type", "text")
    if type_ not in MESSAGE_TYPES:
        raise invalid_parameter(
            f"Param type must be one of {{{', '.join(MESSAGE_TYPES)}}}; got {type_!r}."
        )
    context_id = None
    if "context" in body:
        context = _obj(body, "context", "")
        context_id = _str(context, "message_id", "context")
    base: dict[str, Any] = {
        "phone_number_id": phone_number_id,
        "kind": "message",
        "to": to,
        "wa_id": wa_id,
        "type": type_,
        "context_id": context_id,
    }
    if type_ == "contacts":
        if "contacts" not in body:
            raise missing_parameter("contacts")
        parse_contacts(body["contacts"])
        return SendRequest(**base)
    payload = _obj(body, type_, "")
    if type_ == "text":
        text = _str(payload, "body", "text", max_len=TEXT_MAX)
        if "preview_url" in payload and not isinstance(payload["preview_url"], bool):
            raise invalid_parameter("Param text['preview_url'] must be a boolean.")
        return SendRequest(**base, text=text)
    if type_ == "template":
        return _parse_template(payload, base)
    if type_ == "interactive":
        text, ids = _parse_interactive(payload)
        return SendRequest(**base, text=text, button_ids=ids)
    if type_ in MEDIA_TYPES:
        return SendRequest(**base, text=_parse_media(type_, payload))
    if type_ == "location":
        _parse_location(payload)
        return SendRequest(**base, text=payload.get("name"))
    # reaction
    reaction_to = _str(payload, "message_id", "reaction")
    emoji = _str(payload, "emoji", "reaction", required=False, allow_empty=True)
    if emoji is None:
        raise GraphError(100, "(#100) Param reaction['emoji'] is required.")
    return SendRequest(**base, text=emoji, reaction_to=reaction_to)


def _parse_read(phone_number_id: str, body: dict[str, Any]) -> SendRequest:
    message_id = _str(body, "message_id", "")
    if "typing_indicator" in body:
        indicator = _obj(body, "typing_indicator", "")
        if indicator.get("type") != "text":
            raise invalid_parameter("Param typing_indicator['type'] must be 'text'.")
    return SendRequest(
        phone_number_id=phone_number_id, kind="read", type="read", message_id=message_id
    )


def _parse_template(payload: dict[str, Any], base: dict[str, Any]) -> SendRequest:
    name = _str(payload, "name", "template", max_len=512)
    language = _obj(payload, "language", "template")
    code = _str(language, "code", "template['language']")
    policy = language.get("policy", "deterministic")
    if policy != "deterministic":
        raise invalid_parameter("Param template['language']['policy'] must be 'deterministic'.")
    components = payload.get("components", [])
    if not isinstance(components, list):
        raise invalid_parameter("Param template['components'] must be an array.")
    body_params: list[str] = []
    header_count = 0
    header_types: list[str] = []
    header_names: list[str | None] = []
    body_names: list[str | None] = []
    buttons: list[tuple[int, str, list[str]]] = []
    button_types: dict[int, list[str]] = {}
    for i, component in enumerate(components):
        where = f"template['components'][{i}]"
        if not isinstance(component, dict):
            raise invalid_parameter(f"Param {where} must be a JSON object.")
        ctype = component.get("type")
        if not isinstance(ctype, str) or ctype.lower() not in (
            "header",
            "body",
            "button",
            "footer",
            "limited_time_offer",
            "carousel",
        ):
            raise invalid_parameter(f"Param {where}['type'] is not a valid component type.")
        params = component.get("parameters", [])
        if not isinstance(params, list):
            raise invalid_parameter(f"Param {where}['parameters'] must be an array.")
        if ctype.lower() == "button" and ("sub_type" not in component or "index" not in component):
            raise invalid_parameter(f"Param {where} needs 'sub_type' and 'index'.")
        values = [_template_param(p, f"{where}['parameters'][{j}]") for j, p in enumerate(params)]
        names = [_param_name(p, f"{where}['parameters'][{j}]") for j, p in enumerate(params)]
        if ctype.lower() == "body":
            body_params.extend(values)
            body_names.extend(names)
        elif ctype.lower() == "header":
            header_count += len(values)
            header_types.extend(str(p["type"]) for p in params)
            header_names.extend(names)
        elif ctype.lower() == "button":
            index = _button_index(component, where)
            buttons.append((index, str(component["sub_type"]), values))
            button_types[index] = [str(p["type"]) for p in params]
    return SendRequest(
        **base,
        template_name=name,
        template_language=code,
        body_params=body_params,
        header_param_count=header_count,
        header_param_types=header_types,
        header_param_names=header_names,
        body_param_names=body_names,
        button_params=buttons,
        button_param_types=button_types,
    )


def _param_name(param: dict[str, Any], where: str) -> str | None:
    if "parameter_name" not in param:
        return None
    return _str(param, "parameter_name", where, max_len=512)


def _button_index(component: dict[str, Any], where: str) -> int:
    """Meta takes a button's ``index`` as a number or a numeric string, 0 to 9."""
    index = component["index"]
    text = str(index) if isinstance(index, int | str) and not isinstance(index, bool) else ""
    if not (text.isdigit() and 0 <= int(text) <= 9):
        raise invalid_parameter(f"Param {where}['index'] must be a number from 0 to 9.")
    return int(text)


def _template_param(param: Any, where: str) -> str:
    if not isinstance(param, dict):
        raise invalid_parameter(f"Param {where} must be a JSON object.")
    ptype = param.get("type")
    if ptype not in TEMPLATE_PARAM_TYPES:
        raise invalid_parameter(
            f"Param {where}['type'] must be one of {{{', '.join(TEMPLATE_PARAM_TYPES)}}}."
        )
    if ptype == "text":
        text = _str(param, "text", where, max_len=32768)
        assert text is not None
        if not text.strip():
            raise GraphError(
                131008,
                "(#131008) Required parameter is missing",
                details=f"Parameter {where}['text'] is empty.",
            )
        return text
    if ptype == "currency":
        currency = _obj(param, "currency", where)
        return str(currency.get("fallback_value", ""))
    if ptype == "date_time":
        date_time = _obj(param, "date_time", where)
        return str(date_time.get("fallback_value", ""))
    if ptype in ("image", "document", "video"):
        _parse_media(ptype, _obj(param, ptype, where))
        return f"[{ptype}]"
    if ptype == "location":
        _parse_location(_obj(param, "location", where))
        return "[location]"
    if ptype == "payload":
        return str(_str(param, "payload", where))
    if ptype == "coupon_code":
        return str(_str(param, "coupon_code", where))
    return "[action]"


def _parse_media(type_: str, payload: dict[str, Any]) -> str | None:
    has_id = "id" in payload
    has_link = "link" in payload
    if has_id == has_link:
        raise invalid_parameter(f"Param {type_} must have exactly one of 'id' or 'link'.")
    if has_id:
        _str(payload, "id", type_)
    else:
        link = _str(payload, "link", type_)
        assert link is not None
        if not link.startswith(("https://", "http://")):
            raise invalid_parameter(f"Param {type_}['link'] must be an http(s) URL.")
    caption = _str(payload, "caption", type_, max_len=CAPTION_MAX, required=False)
    if caption is not None and type_ in ("audio", "sticker"):
        raise invalid_parameter(f"Param {type_}['caption'] is not allowed for {type_}.")
    if type_ == "document":
        _str(payload, "filename", type_, max_len=240, required=False)
    return caption


def _parse_location(payload: dict[str, Any]) -> None:
    for key, limit in (("latitude", 90.0), ("longitude", 180.0)):
        value = payload.get(key)
        if value is None:
            raise missing_parameter(f"location[{key}]")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise invalid_parameter(f"Param location['{key}'] must be a number.") from None
        if not -limit <= number <= limit:
            raise invalid_parameter(f"Param location['{key}'] is out of range.")


def _parse_interactive(payload: dict[str, Any]) -> tuple[str | None, list[str]]:
    itype = _str(payload, "type", "interactive")
    if itype not in INTERACTIVE_TYPES:
        raise invalid_parameter(
            f"Param interactive['type'] must be one of {{{', '.join(INTERACTIVE_TYPES)}}}."
        )
    body_text = None
    if itype not in ("product",):
        body = _obj(payload, "body", "interactive")
        body_text = _str(body, "text", "interactive['body']", max_len=1024)
    if itype in ("location_request_message", "address_message", "call_permission_request"):
        return body_text, []
    action = _obj(payload, "action", "interactive")
    ids: list[str] = []
    if itype == "button":
        buttons = action.get("buttons")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            raise invalid_parameter(
                "Param interactive['action']['buttons'] must have 1 to 3 buttons."
            )
        for i, button in enumerate(buttons):
            where = f"interactive['action']['buttons'][{i}]"
            if not isinstance(button, dict) or button.get("type") != "reply":
                raise invalid_parameter(f"Param {where}['type'] must be 'reply'.")
            reply = _obj(button, "reply", where)
            button_id = _str(reply, "id", f"{where}['reply']", max_len=256)
            _str(reply, "title", f"{where}['reply']", max_len=20)
            assert button_id is not None
            ids.append(button_id)
        if len(set(ids)) != len(ids):
            raise invalid_parameter("Buttons must have unique ids.")
    elif itype == "list":
        _str(action, "button", "interactive['action']", max_len=20)
        sections = action.get("sections")
        if not isinstance(sections, list) or not 1 <= len(sections) <= 10:
            raise invalid_parameter(
                "Param interactive['action']['sections'] must have 1 to 10 sections."
            )
        for i, section in enumerate(sections):
            where = f"interactive['action']['sections'][{i}]"
            if not isinstance(section, dict):
                raise invalid_parameter(f"Param {where} must be a JSON object.")
            rows = section.get("rows")
            if not isinstance(rows, list) or not rows:
                raise invalid_parameter(f"Param {where}['rows'] must not be empty.")
            for j, row in enumerate(rows):
                if not isinstance(row, dict):
                    raise invalid_parameter(f"Param {where}['rows'][{j}] must be an object.")
                row_id = _str(row, "id", f"{where}['rows'][{j}]", max_len=200)
                _str(row, "title", f"{where}['rows'][{j}]", max_len=24)
                _str(row, "description", f"{where}['rows'][{j}]", max_len=72, required=False)
                assert row_id is not None
                ids.append(row_id)
        if len(ids) > 10:
            raise invalid_parameter("A list message can have at most 10 rows in total.")
    elif itype == "cta_url":
        if action.get("name") != "cta_url":
            raise invalid_parameter("Param interactive['action']['name'] must be 'cta_url'.")
        params = _obj(action, "parameters", "interactive['action']")
        _str(params, "display_text", "interactive['action']['parameters']", max_len=20)
        _str(params, "url", "interactive['action']['parameters']")
    return body_text, ids


def parse_contacts(payload: Any) -> None:
    """``contacts`` is the one message type whose payload is an array."""
    if not isinstance(payload, list) or not payload:
        raise invalid_parameter("Param contacts must be a non-empty array.")
    for i, contact in enumerate(payload):
        if not isinstance(contact, dict):
            raise invalid_parameter(f"Param contacts[{i}] must be a JSON object.")
        name = _obj(contact, "name", f"contacts[{i}]")
        _str(name, "formatted_name", f"contacts[{i}]['name']")

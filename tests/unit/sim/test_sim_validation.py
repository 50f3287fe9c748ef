"""Send bodies are checked as the Cloud API checks them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wa_desk.sim.graph_errors import GraphError
from wa_desk.sim.validation import parse_send

NUMBER = "100000000000001"


def body(type_: str, payload: Any, **extra: Any) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": "34611111111",
        "type": type_,
        type_: payload,
        **extra,
    }


VALID = [
    body("text", {"body": "Hola", "preview_url": False}),
    body("text", {"body": "respuesta"}, context={"message_id": "wamid.X"}),
    body("image", {"id": "12345", "caption": "foto"}),
    body("image", {"link": "https://example.com/a.jpg"}),
    body("document", {"link": "https://example.com/f.pdf", "filename": "f.pdf"}),
    body("audio", {"id": "1"}),
    body("video", {"id": "1", "caption": "vídeo"}),
    body("sticker", {"id": "1"}),
    body("location", {"latitude": 40.4, "longitude": -3.7, "name": "Sol"}),
    body("contacts", [{"name": {"formatted_name": "Ana"}, "phones": [{"phone": "+34 600"}]}]),
    body("reaction", {"message_id": "wamid.X", "emoji": "👍"}),
    body("reaction", {"message_id": "wamid.X", "emoji": ""}),
    body(
        "interactive",
        {
            "type": "button",
            "body": {"text": "¿Confirmas?"},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": "si", "title": "Sí"}},
                    {"type": "reply", "reply": {"id": "no", "title": "No"}},
                ]
            },
        },
    ),
    body(
        "interactive",
        {
            "type": "list",
            "body": {"text": "Elige"},
            "action": {
                "button": "Opciones",
                "sections": [
                    {"title": "A", "rows": [{"id": "a1", "title": "Uno", "description": "d"}]}
                ],
            },
        },
    ),
    body(
        "interactive",
        {
            "type": "cta_url",
            "body": {"text": "Web"},
            "action": {
                "name": "cta_url",
                "parameters": {"display_text": "Abrir", "url": "https://x.es"},
            },
        },
    ),
    body(
        "template",
        {
            "name": "t",
            "language": {"code": "es"},
            "components": [
                {"type": "header", "parameters": [{"type": "image", "image": {"id": "1"}}]},
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": "Ana"},
                        {
                            "type": "currency",
                            "currency": {
                                "fallback_value": "10 €",
                                "code": "EUR",
                                "amount_1000": 10000,
                            },
                        },
                    ],
                },
                {
                    "type": "button",
                    "sub_type": "quick_reply",
                    "index": "0",
                    "parameters": [{"type": "payload", "payload": "SI"}],
                },
            ],
        },
    ),
]


@pytest.mark.parametrize("request_body", VALID, ids=lambda b: b["type"])
def test_valid_bodies_are_accepted(request_body: dict[str, Any]) -> None:
    parsed = parse_send(NUMBER, request_body)
    assert parsed.kind == "message"
    assert parsed.wa_id == "34611111111"


def test_template_params_are_counted_by_component() -> None:
    parsed = parse_send(NUMBER, VALID[-1])
    assert parsed.body_params == ["Ana", "10 €"]
    assert parsed.header_param_count == 1


def test_interactive_reply_ids_are_kept() -> None:
    assert parse_send(NUMBER, VALID[12]).button_ids == ["si", "no"]


def test_type_defaults_to_text() -> None:
    parsed = parse_send(
        NUMBER, {"messaging_product": "whatsapp", "to": "34611111111", "text": {"body": "hola"}}
    )
    assert (parsed.type, parsed.text) == ("text", "hola")


def test_mark_as_read_with_typing_indicator() -> None:
    parsed = parse_send(
        NUMBER,
        {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": "wamid.X",
            "typing_indicator": {"type": "text"},
        },
    )
    assert (parsed.kind, parsed.message_id) == ("read", "wamid.X")


INVALID = [
    ({"to": "34611111111", "type": "text", "text": {"body": "x"}}, "messaging_product"),
    ({**body("text", {"body": "x"}), "messaging_product": "sms"}, "messaging_product"),
    ({"messaging_product": "whatsapp", "type": "text", "text": {"body": "x"}}, "to"),
    (body("text", {"body": "x"}, to="not a number"), "to"),
    (body("text", {"body": "x" * 4097}), "4096"),
    (body("text", {"body": 5}), "text['body']"),
    (body("poll", {"q": 1}), "type"),
    (body("image", {"id": "1", "link": "https://x/a.jpg"}), "exactly one"),
    (body("image", {"link": "ftp://x/a.jpg"}), "http"),
    (body("sticker", {"id": "1", "caption": "no"}), "caption"),
    (body("location", {"latitude": 91, "longitude": 0}), "range"),
    (body("location", {"longitude": 0}), "latitude"),
    (body("contacts", []), "contacts"),
    (body("contacts", [{"phones": []}]), "name"),
    (body("reaction", {"emoji": "👍"}), "message_id"),
    (
        body(
            "interactive",
            {
                "type": "button",
                "body": {"text": "x"},
                "action": {
                    "buttons": [
                        {"type": "reply", "reply": {"id": str(i), "title": "t"}} for i in range(4)
                    ]
                },
            },
        ),
        "1 to 3",
    ),
    (
        body(
            "interactive",
            {
                "type": "button",
                "body": {"text": "x"},
                "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": "x" * 21}}]},
            },
        ),
        "20",
    ),
    (body("interactive", {"type": "carousel?", "body": {"text": "x"}}), "interactive['type']"),
    (body("template", {"name": "t"}), "language"),
    (
        body(
            "template",
            {
                "name": "t",
                "language": {"code": "es"},
                "components": [{"type": "body", "parameters": [{"type": "txt", "text": "a"}]}],
            },
        ),
        "type",
    ),
    (
        body(
            "template",
            {
                "name": "t",
                "language": {"code": "es"},
                "components": [{"type": "button", "parameters": []}],
            },
        ),
        "sub_type",
    ),
    (body("text", {"body": "x"}, recipient_type="group"), "recipient_type"),
    (body("text", {"body": "x"}, context={"id": "wamid.X"}), "message_id"),
    ({"messaging_product": "whatsapp", "status": "read"}, "message_id"),
]


@pytest.mark.parametrize(("request_body", "mentions"), INVALID)
def test_invalid_bodies_are_code_100_and_say_why(
    request_body: dict[str, Any], mentions: str
) -> None:
    with pytest.raises(GraphError) as info:
        parse_send(NUMBER, request_body)
    assert info.value.code == 100
    assert info.value.status == 400
    assert mentions in f"{info.value.message} {info.value.details}"


def test_empty_template_text_parameter_is_131008() -> None:
    with pytest.raises(GraphError) as info:
        parse_send(
            NUMBER,
            body(
                "template",
                {
                    "name": "t",
                    "language": {"code": "es"},
                    "components": [
                        {"type": "body", "parameters": [{"type": "text", "text": "  "}]}
                    ],
                },
            ),
        )
    assert info.value.code == 131008


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "messaging_product",
                    "to",
                    "type",
                    "text",
                    "body",
                    "template",
                    "name",
                    "language",
                    "code",
                    "components",
                    "parameters",
                    "image",
                    "id",
                    "link",
                    "interactive",
                    "action",
                    "buttons",
                    "status",
                    "message_id",
                    "location",
                    "latitude",
                    "contacts",
                    "reaction",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_is_either_accepted_or_a_graph_error(value: Any) -> None:
    try:
        parse_send(NUMBER, value)
    except GraphError as exc:
        assert exc.status == 400


@settings(max_examples=60)
@given(st.dictionaries(st.text(max_size=5), json_values, max_size=3), json_values)
def test_fuzzed_payloads_of_every_type(extra: dict[str, Any], payload: Any) -> None:
    for type_ in ("text", "template", "interactive", "image", "location", "contacts", "reaction"):
        try:
            parse_send(NUMBER, {**extra, **body(type_, payload)})
        except GraphError as exc:
            assert exc.code in (100, 131008)

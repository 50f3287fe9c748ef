"""Graph API send bodies, send responses and error envelopes."""

from __future__ import annotations

from typing import Any

import pytest

from wa_desk.sim.graph_errors import GraphError as SimGraphError
from wa_desk.sim.validation import parse_send
from wa_desk.whatsapp.errors import ErrorKind
from wa_desk.whatsapp.send_bodies import (
    GraphError,
    ListRow,
    SendResponseError,
    interactive_buttons,
    interactive_list,
    mark_as_read,
    media_message,
    parse_graph_error,
    parse_send_response,
    reaction_message,
    template_message,
    text_message,
)

TO = "5491155550001"
ENVELOPE = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": TO}


def test_text_message() -> None:
    assert text_message(TO, "Hola") == ENVELOPE | {
        "type": "text",
        "text": {"preview_url": False, "body": "Hola"},
    }


def test_text_message_reply_and_preview() -> None:
    body = text_message(TO, "ver https://example.com", preview_url=True, reply_to="wamid.A")
    assert body["text"] == {"preview_url": True, "body": "ver https://example.com"}
    assert body["context"] == {"message_id": "wamid.A"}


@pytest.mark.parametrize("text", ["", "   ", "x" * 4097])
def test_text_message_refuses_what_meta_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        text_message(TO, text)


def test_text_message_needs_a_recipient() -> None:
    with pytest.raises(ValueError):
        text_message("", "Hola")


def test_template_message_without_parameters() -> None:
    assert template_message(TO, "bienvenida", "es_AR") == ENVELOPE | {
        "type": "template",
        "template": {"name": "bienvenida", "language": {"code": "es_AR"}},
    }


def test_template_message_with_parameters() -> None:
    body = template_message(
        TO,
        "pedido_enviado",
        "es",
        body_params=("Lucía", "A-123"),
        header_params=("Pedido",),
        button_params=("A-123",),
    )
    assert body["template"]["components"] == [
        {"type": "header", "parameters": [{"type": "text", "text": "Pedido"}]},
        {
            "type": "body",
            "parameters": [{"type": "text", "text": "Lucía"}, {"type": "text", "text": "A-123"}],
        },
        {
            "type": "button",
            "sub_type": "url",
            "index": "0",
            "parameters": [{"type": "text", "text": "A-123"}],
        },
    ]


def test_template_needs_name_and_language() -> None:
    with pytest.raises(ValueError):
        template_message(TO, "", "es")
    with pytest.raises(ValueError):
        template_message(TO, "x", "")


def test_mark_as_read() -> None:
    assert mark_as_read("wamid.A") == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.A",
    }
    with pytest.raises(ValueError):
        mark_as_read("")


def test_reaction_message() -> None:
    assert reaction_message(TO, "wamid.A", "👍") == ENVELOPE | {
        "type": "reaction",
        "reaction": {"message_id": "wamid.A", "emoji": "👍"},
    }
    assert reaction_message(TO, "wamid.A", "")["reaction"]["emoji"] == ""


def test_media_message_by_id_and_by_link() -> None:
    assert media_message(TO, "image", "1003383421387256", caption="factura") == ENVELOPE | {
        "type": "image",
        "image": {"id": "1003383421387256", "caption": "factura"},
    }
    body = media_message(TO, "document", "https://example.com/c.pdf", filename="c.pdf")
    assert body["document"] == {"link": "https://example.com/c.pdf", "filename": "c.pdf"}
    assert media_message(TO, "audio", "123")["audio"] == {"id": "123"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "gif", "media_id_or_link": "1"},
        {"kind": "image", "media_id_or_link": ""},
        {"kind": "audio", "media_id_or_link": "1", "caption": "no"},
        {"kind": "sticker", "media_id_or_link": "1", "caption": "no"},
        {"kind": "image", "media_id_or_link": "1", "filename": "a.jpg"},
        {"kind": "video", "media_id_or_link": "1", "caption": "x" * 1025},
    ],
)
def test_media_message_refusals(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        media_message(TO, **kwargs)


def test_interactive_buttons() -> None:
    body = interactive_buttons(TO, "¿Te ayudó?", [("yes", "Sí"), ("no", "No")])
    assert body == ENVELOPE | {
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "¿Te ayudó?"},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": "yes", "title": "Sí"}},
                    {"type": "reply", "reply": {"id": "no", "title": "No"}},
                ]
            },
        },
    }


@pytest.mark.parametrize(
    ("body", "buttons"),
    [
        ("", [("a", "A")]),
        ("x", []),
        ("x", [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]),
        ("x", [("a", "A"), ("a", "B")]),
        ("x", [("a", "x" * 21)]),
        ("x", [("", "A")]),
        ("x" * 1025, [("a", "A")]),
    ],
)
def test_interactive_buttons_refusals(body: str, buttons: list[tuple[str, str]]) -> None:
    with pytest.raises(ValueError):
        interactive_buttons(TO, body, buttons)


FIVE = [ListRow(str(n), f"{n} – Nota", "desc" if n == 1 else None) for n in range(1, 6)]


def test_interactive_list() -> None:
    body = interactive_list(TO, "¿Cómo te atendimos?", "Calificar", FIVE[:2])
    assert body == ENVELOPE | {
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": "¿Cómo te atendimos?"},
            "action": {
                "button": "Calificar",
                "sections": [
                    {
                        "rows": [
                            {"id": "1", "title": "1 – Nota", "description": "desc"},
                            {"id": "2", "title": "2 – Nota"},
                        ]
                    }
                ],
            },
        },
    }


def test_interactive_list_passes_the_simulators_graph_validation() -> None:
    request = parse_send("1", interactive_list(TO, "¿Cómo te atendimos?", "Calificar", FIVE))
    assert request.button_ids == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("body", "button", "rows"),
    [
        ("", "b", FIVE),
        ("x", "", FIVE),
        ("x", "b" * 21, FIVE),
        ("x", "b", []),
        ("x", "b", [ListRow(str(n), "t") for n in range(11)]),
        ("x", "b", [ListRow("a", "t"), ListRow("a", "u")]),
        ("x", "b", [ListRow("a", "t" * 25)]),
        ("x", "b", [ListRow("", "t")]),
        ("x", "b", [ListRow("a" * 201, "t")]),
        ("x", "b", [ListRow("a", "t", "d" * 73)]),
        ("x" * 1025, "b", FIVE),
    ],
)
def test_interactive_list_refusals(body: str, button: str, rows: list[ListRow]) -> None:
    with pytest.raises(ValueError):
        interactive_list(TO, body, button, rows)


def test_the_simulator_refuses_what_the_builder_refuses() -> None:
    too_long = interactive_list(TO, "x", "b", [ListRow("a", "t")])
    too_long["interactive"]["action"]["sections"][0]["rows"][0]["title"] = "t" * 25
    with pytest.raises(SimGraphError):
        parse_send("1", too_long)


def test_parse_send_response() -> None:
    response = {
        "messaging_product": "whatsapp",
        "contacts": [{"input": TO, "wa_id": TO}],
        "messages": [{"id": "wamid.HBgN", "message_status": "accepted"}],
    }
    assert parse_send_response(response) == "wamid.HBgN"


@pytest.mark.parametrize(
    "response", [None, [], {}, {"messages": []}, {"messages": [{}]}, {"messages": [{"id": 5}]}]
)
def test_parse_send_response_refuses_garbage(response: object) -> None:
    with pytest.raises(SendResponseError):
        parse_send_response(response)


def test_parse_graph_error_envelope() -> None:
    error = parse_graph_error(
        400,
        {
            "error": {
                "message": "(#131047) Re-engagement message",
                "type": "OAuthException",
                "code": 131047,
                "error_data": {
                    "messaging_product": "whatsapp",
                    "details": "Message failed to send because more than 24 hours have passed",
                },
                "error_subcode": 2494010,
                "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam",
            }
        },
    )
    assert error == GraphError(
        http_status=400,
        code=131047,
        title="(#131047) Re-engagement message",
        details="Message failed to send because more than 24 hours have passed",
        subcode=2494010,
        fbtrace_id="Az8or2yhqkZfEZ-_4Qn_Bam",
    )
    assert error.info.kind is ErrorKind.WINDOW
    assert "template" in error.meaning
    assert not error.retryable


def test_parse_graph_error_token_expired() -> None:
    error = parse_graph_error(401, {"error": {"message": "Session expired", "code": 190}})
    assert error.info.kind is ErrorKind.AUTH and error.subcode is None


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (500, None, ErrorKind.SERVICE),
        (502, "<html>bad gateway</html>", ErrorKind.SERVICE),
        (429, [], ErrorKind.RATE_LIMIT),
        (403, {"error": "nope"}, ErrorKind.AUTH),
        (400, {"error": {"code": "oops", "message": 7}}, ErrorKind.REQUEST),
    ],
)
def test_parse_graph_error_tolerates_garbage(status: int, body: object, kind: ErrorKind) -> None:
    error = parse_graph_error(status, body)
    assert error.http_status == status
    assert error.code is None
    assert error.info.kind is kind
    assert error.title and error.meaning


def test_parse_graph_error_string_code_and_missing_title() -> None:
    error = parse_graph_error(400, {"error": {"code": "131026"}})
    assert error.code == 131026
    assert error.title == "Message undeliverable"

"""parse_webhook on the project's own fixtures and on the malformed shapes it must survive."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from wa_desk.core.message_problems import MessageProblem as P
from wa_desk.whatsapp.updates import (
    InboundMessage,
    Location,
    OrderItem,
    SharedContact,
    StatusUpdate,
    TemplateStatusUpdate,
    WhatsAppError,
)
from wa_desk.whatsapp.webhook_parser import (
    UNPARSED_WAMID_PREFIX,
    WebhookFormatError,
    parse_webhook,
    unparsed_wamid,
)


def said(update: InboundMessage | StatusUpdate) -> tuple[tuple[str, str], ...]:
    """Each problem as its code and its English detail."""
    return tuple((p.code, p.detail) for p in update.problems)


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
CUSTOMER = "5491155550001"
PNID = "106540352242922"
TS_MS = 1764000000 * 1000


def load(name: str) -> dict[str, Any]:
    body = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(body, dict)
    return body


def only_message(body: object) -> InboundMessage:
    parsed = parse_webhook(body)
    assert parsed.unreadable == []
    assert len(parsed.messages) == 1, parsed
    return parsed.messages[0]


def only_status(body: object) -> StatusUpdate:
    parsed = parse_webhook(body)
    assert parsed.unreadable == [] and parsed.messages == []
    assert len(parsed.statuses) == 1, parsed
    return parsed.statuses[0]


def raw_message(body: dict[str, Any]) -> dict[str, Any]:
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    assert isinstance(message, dict)
    return message


# -- every documented message type -------------------------------------------------

# fixture name -> (type, text)
MESSAGE_FIXTURES: dict[str, tuple[str, str | None]] = {
    "message_text": ("text", "Hola, ¿mi pedido ya salió?"),
    "message_text_reply": ("text", "Sí, ese"),
    "message_text_forwarded": ("text", "mirá esto"),
    "message_text_frequently_forwarded": ("text", "cadena"),
    "message_text_referral": ("text", "Quiero info de la promo"),
    "message_image": ("image", "la factura"),
    "message_video": ("video", None),
    "message_document": ("document", "contrato firmado"),
    "message_audio": ("audio", None),
    "message_audio_voice": ("audio", None),
    "message_sticker": ("sticker", None),
    "message_location": ("location", None),
    "message_contacts": ("contacts", None),
    "message_reaction": ("reaction", "👍"),
    "message_reaction_removed": ("reaction", ""),
    "message_interactive_button_reply": ("interactive", "Hablar con agente"),
    "message_interactive_list_reply": ("interactive", "Facturación"),
    "message_interactive_nfm_reply": ("interactive", "Sent"),
    "message_button": ("button", "No quiero promociones"),
    "message_order": ("order", "Lo quiero para el viernes"),
    "message_system_number_changed": (
        "system",
        "Lucía changed from 5491155550001 to 5491155550009",
    ),
    "message_unsupported": ("unsupported", None),
    "message_request_welcome": ("request_welcome", None),
    "message_unknown_future_type": ("hologram", None),
    "message_bsuid_contact_without_wa_id": ("text", "hola"),
}


def test_every_fixture_file_is_covered() -> None:
    names = {p.stem for p in FIXTURES.glob("*.json")}
    # The user_preferences ones: test_user_preferences_parser.py.
    preferences = {"user_preferences_stop", "user_preferences_resume"}
    covered = set(MESSAGE_FIXTURES) | set(STATUS_FIXTURES) | {"delivery_multiple_entries"}
    assert names == covered | preferences


@pytest.mark.parametrize("name", sorted(MESSAGE_FIXTURES))
def test_message_fixture_common_fields(name: str) -> None:
    body = load(name)
    message = only_message(body)
    expected_type, expected_text = MESSAGE_FIXTURES[name]
    raw = raw_message(body)
    assert message.wamid == raw["id"]
    assert message.type == expected_type
    assert message.text == expected_text
    assert message.wa_id == CUSTOMER
    assert message.phone_number_id == PNID
    assert message.display_phone_number == "15550783881"
    assert message.timestamp_ms == TS_MS
    assert message.payload is raw
    if name == "message_unknown_future_type":
        assert said(message) == ((P.UNKNOWN_TYPE, "unknown message type hologram"),)
    else:
        assert message.problems == ()


def test_contact_name_comes_from_contacts() -> None:
    assert only_message(load("message_text")).contact_name == "Lucía Fernández"
    # The number-change system message carries no contacts at all.
    assert only_message(load("message_system_number_changed")).contact_name is None


def test_reply_context_and_forwarding() -> None:
    reply = only_message(load("message_text_reply"))
    assert reply.context_wamid == "wamid.HBgNNTQ5MTE1NTU1MDAwMRUCABEYEjBBQzE5"
    assert not reply.forwarded
    assert only_message(load("message_text_forwarded")).forwarded
    assert only_message(load("message_text_frequently_forwarded")).forwarded
    assert only_message(load("message_text")).context_wamid is None


def test_referral_keeps_type_text_and_raw_referral() -> None:
    message = only_message(load("message_text_referral"))
    assert message.type == "text"
    assert message.payload["referral"]["source_type"] == "ad"


def test_media_refs() -> None:
    image = only_message(load("message_image")).media
    assert image is not None
    assert (image.media_id, image.mime_type) == ("1003383421387256", "image/jpeg")
    document = only_message(load("message_document")).media
    assert document is not None and document.filename == "contrato.pdf"
    voice = only_message(load("message_audio_voice")).media
    audio = only_message(load("message_audio")).media
    assert voice is not None and voice.voice
    assert audio is not None and not audio.voice
    sticker = only_message(load("message_sticker")).media
    assert sticker is not None and sticker.animated


def test_location() -> None:
    assert only_message(load("message_location")).location == Location(
        -34.6037, -58.3816, "Obelisco", "Av. 9 de Julio s/n, CABA", "https://maps.example/obelisco"
    )


def test_shared_contacts() -> None:
    assert only_message(load("message_contacts")).shared_contacts == (
        SharedContact("Martín Gómez", ("+54 9 11 5555-0002",), ("5491155550002",)),
    )


def test_reactions() -> None:
    reaction = only_message(load("message_reaction"))
    assert reaction.reaction_to == "wamid.HBgNNTQ5MTE1NTU1MDAwMRUCABEYEjBBQzE5"
    removed = only_message(load("message_reaction_removed"))
    assert removed.text == ""
    body = load("message_reaction")
    del raw_message(body)["reaction"]["emoji"]
    assert only_message(body).text == ""


def test_reply_ids_for_routing() -> None:
    assert only_message(load("message_interactive_button_reply")).reply_id == "agent"
    assert only_message(load("message_interactive_list_reply")).reply_id == "billing"
    assert only_message(load("message_button")).reply_id == "STOP_PROMOS"


def test_order_items() -> None:
    assert only_message(load("message_order")).order_items == (
        OrderItem("SKU-123", 2, 1500.5, "ARS"),
        OrderItem("SKU-456", 1, 990.0, "ARS"),
    )


def test_system_number_change() -> None:
    assert only_message(load("message_system_number_changed")).new_wa_id == "5491155550009"


def test_unsupported_carries_errors() -> None:
    message = only_message(load("message_unsupported"))
    assert message.errors == (
        WhatsAppError(131051, "Message type unknown", "Message type is currently not supported."),
    )


def test_contact_without_wa_id_uses_from_and_keeps_user_id() -> None:
    message = only_message(load("message_bsuid_contact_without_wa_id"))
    assert message.wa_id == CUSTOMER
    assert message.contact_name == "Lucía Fernández"
    assert message.user_id == "AR.13491208655302741918"


def test_edit_and_revoke() -> None:
    body = load("message_image")
    raw = raw_message(body)
    original = raw["id"]
    raw["id"] = "wamid.edit"
    raw["edit"] = {
        "original_message_id": original,
        "message": {"type": "image", "image": raw.pop("image") | {"caption": "nueva"}},
    }
    raw["type"] = "edit"
    edit = only_message(body)
    assert (edit.type, edit.text, edit.replaces_wamid, edit.problems) == (
        "edit",
        "nueva",
        original,
        (),
    )
    assert edit.media is not None and edit.media.media_id == "1003383421387256"

    body = load("message_text")
    raw = raw_message(body)
    raw.update(type="revoke", revoke={"original_message_id": "wamid.gone"})
    del raw["text"]
    revoke = only_message(body)
    assert (revoke.type, revoke.text, revoke.replaces_wamid, revoke.problems) == (
        "revoke",
        None,
        "wamid.gone",
        (),
    )


# -- statuses ----------------------------------------------------------------------

STATUS_FIXTURES = {
    "status_sent": "sent",
    "status_delivered": "delivered",
    "status_read": "read",
    "status_played": "played",
    "status_failed": "failed",
    "status_deleted": "deleted",
}


@pytest.mark.parametrize("name", sorted(STATUS_FIXTURES))
def test_status_fixture(name: str) -> None:
    body = load(name)
    status = only_status(body)
    raw = body["entry"][0]["changes"][0]["value"]["statuses"][0]
    assert status.wamid == raw["id"]
    assert status.status == STATUS_FIXTURES[name]
    assert status.recipient_id == CUSTOMER
    assert status.timestamp_ms == TS_MS
    assert status.phone_number_id == PNID
    assert status.payload is raw
    assert status.problems == ()


def test_failed_status_errors() -> None:
    status = only_status(load("status_failed"))
    assert len(status.errors) == 1
    error = status.errors[0]
    assert (error.code, error.title) == (131047, "Re-engagement message")
    assert error.details is not None and "24 hours" in error.details


def test_status_without_id_or_status_is_unreadable() -> None:
    body = load("status_read")
    raw = body["entry"][0]["changes"][0]["value"]["statuses"][0]
    del raw["id"]
    parsed = parse_webhook(body)
    assert parsed.statuses == []
    assert [reason for reason, _ in parsed.unreadable] == ["a status has no message id"]

    body = load("status_read")
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] = None
    parsed = parse_webhook(body)
    assert parsed.statuses == [] and len(parsed.unreadable) == 1


def test_status_with_bad_timestamp_is_kept_and_flagged() -> None:
    body = load("status_read")
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["timestamp"] = "ayer"
    status = only_status(body)
    assert status.timestamp_ms == 0
    assert status.problems and "timestamp" in status.problems[0].detail
    assert status.problems[0].code == P.TIMESTAMP_NOT_A_NUMBER


# -- structure ---------------------------------------------------------------------


def test_several_entries_and_changes() -> None:
    parsed = parse_webhook(load("delivery_multiple_entries"))
    assert [m.text for m in parsed.messages] == ["uno", "dos"]
    assert [s.status for s in parsed.statuses] == ["delivered"]
    assert [(t.name, t.event) for t in parsed.template_statuses] == [("bienvenida", "APPROVED")]
    assert parsed.ignored == [] and parsed.unreadable == []


def test_a_template_status_update_names_its_template_event_and_reason() -> None:
    """Meta's ``message_template_status_update``, as its documentation shows it."""
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "time": 1751247548,
                "changes": [
                    {
                        "value": {
                            "event": "PAUSED",
                            "message_template_id": 1689556908129832,
                            "message_template_name": "envio_en_camino",
                            "message_template_language": "es",
                            "reason": "LOW_QUALITY",
                        },
                        "field": "message_template_status_update",
                    },
                    {
                        "value": {"event": "APPROVED", "message_template_language": "es"},
                        "field": "message_template_status_update",
                    },
                ],
            }
        ],
    }
    parsed = parse_webhook(body)
    assert parsed.template_statuses == [
        TemplateStatusUpdate(
            name="envio_en_camino",
            language="es",
            event="PAUSED",
            template_id="1689556908129832",
            reason="LOW_QUALITY",
        )
    ]
    assert [reason for reason, _ in parsed.unreadable] == [
        "a template status change names no template or event"
    ]


@pytest.mark.parametrize("body", [None, [], "text", 3, 2.5, True, [{"object": "x"}]])
def test_non_object_body_raises_format_error(body: object) -> None:
    with pytest.raises(WebhookFormatError):
        parse_webhook(body)


def test_other_objects_and_fields_are_ignored() -> None:
    parsed = parse_webhook({"object": "page", "entry": []})
    assert [c.field for c in parsed.ignored] == ["object:page"]
    parsed = parse_webhook({})
    assert [c.field for c in parsed.ignored] == ["object:NoneType"]
    body = load("message_text")
    body["entry"][0]["changes"][0]["field"] = "account_update"
    parsed = parse_webhook(body)
    assert parsed.messages == [] and [c.field for c in parsed.ignored] == ["account_update"]


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b: b.update(entry={"id": 1}), "the body has no entry list"),
        (lambda b: b.update(entry=[7]), "an entry is not an object"),
        (lambda b: b["entry"][0].update(changes=None), "an entry has no changes list"),
        (lambda b: b["entry"][0].update(changes=["x"]), "a change is not an object"),
        (
            lambda b: b["entry"][0]["changes"][0].update(value=[]),
            "a messages change has no value object",
        ),
        (
            lambda b: b["entry"][0]["changes"][0]["value"].update(messages={"id": "x"}),
            "messages is not a list",
        ),
        (
            lambda b: b["entry"][0]["changes"][0]["value"].update(messages=[None]),
            "a message is not an object",
        ),
    ],
)
def test_broken_structure_goes_to_unreadable(mutate: Any, reason: str) -> None:
    body = load("message_text")
    mutate(body)
    parsed = parse_webhook(body)
    assert parsed.messages == []
    assert [r for r, _ in parsed.unreadable] == [reason]


# -- damaged messages still come out -----------------------------------------------


def test_missing_id_gets_a_stable_synthetic_wamid() -> None:
    body = load("message_text")
    del raw_message(body)["id"]
    first = only_message(body)
    second = only_message(copy.deepcopy(body))
    assert first.wamid.startswith(UNPARSED_WAMID_PREFIX)
    assert len(first.wamid) == len(UNPARSED_WAMID_PREFIX) + 32
    assert first.wamid == second.wamid == unparsed_wamid(raw_message(body))
    assert said(first) == ((P.MISSING_ID, "the message has no id"),)
    assert first.text == "Hola, ¿mi pedido ya salió?"

    other = load("message_text")
    del raw_message(other)["id"]
    raw_message(other)["text"]["body"] = "otro"
    assert only_message(other).wamid != first.wamid


def test_synthetic_wamid_is_the_canonical_json_hash() -> None:
    import hashlib

    raw = {"b": "ñ", "a": [1, {"z": None}]}
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
    assert unparsed_wamid(raw) == UNPARSED_WAMID_PREFIX + digest


def test_missing_from_falls_back_to_the_contact() -> None:
    body = load("message_text")
    del raw_message(body)["from"]
    message = only_message(body)
    assert message.wa_id == CUSTOMER
    assert message.contact_name == "Lucía Fernández"
    assert said(message) == (
        (P.SENDER_FROM_CONTACTS, "the message has no from; sender taken from contacts"),
    )


def test_missing_from_and_contacts_is_unreadable() -> None:
    body = load("message_text")
    del raw_message(body)["from"]
    del body["entry"][0]["changes"][0]["value"]["contacts"]
    parsed = parse_webhook(body)
    assert parsed.messages == []
    assert len(parsed.unreadable) == 1
    assert parsed.unreadable[0][1] is raw_message(body)


def test_missing_from_with_only_a_user_id() -> None:
    body = load("message_bsuid_contact_without_wa_id")
    del raw_message(body)["from"]
    message = only_message(body)
    assert message.wa_id == "AR.13491208655302741918"
    assert said(message) == (
        (P.SENDER_USER_ID_ONLY, "the sender has no phone number; identified by user id only"),
    )


def test_several_contacts_are_matched_by_wa_id() -> None:
    body = load("delivery_multiple_entries")
    value = body["entry"][0]["changes"][0]["value"]
    value["contacts"] = [
        {"profile": {"name": "Otro"}, "wa_id": "5491100000000"},
        {"profile": {"name": "Lucía"}, "wa_id": CUSTOMER},
    ]
    parsed = parse_webhook(body)
    assert [m.contact_name for m in parsed.messages] == ["Lucía", "Lucía"]


def test_integer_ids_are_accepted_and_flagged() -> None:
    body = load("message_text")
    raw_message(body)["from"] = int(CUSTOMER)
    message = only_message(body)
    assert message.wa_id == CUSTOMER
    assert said(message) == ((P.SENDER_NOT_TEXT, "from is not a string"),)


@pytest.mark.parametrize(
    ("timestamp", "expected_ms", "flagged"),
    [
        ("1764000000", TS_MS, False),
        (1764000000, TS_MS, False),
        ("1764000000.25", TS_MS + 250, False),
        (None, 0, True),
        ("mañana", 0, True),
        ("", 0, True),
        ("-5", 0, True),
        ("9" * 5000, 0, True),
        (True, 0, True),
        ({"s": 1}, 0, True),
        (float("nan"), 0, True),
        ("inf", 0, True),
    ],
)
def test_timestamps(timestamp: object, expected_ms: int, flagged: bool) -> None:
    body = load("message_text")
    if timestamp is None:
        del raw_message(body)["timestamp"]
    else:
        raw_message(body)["timestamp"] = timestamp
    message = only_message(body)
    assert message.timestamp_ms == expected_ms
    assert bool(message.problems) == flagged


def test_missing_type_is_inferred_and_flagged() -> None:
    body = load("message_text")
    del raw_message(body)["type"]
    message = only_message(body)
    assert (message.type, message.text) == ("text", "Hola, ¿mi pedido ya salió?")
    assert said(message) == ((P.TYPE_GUESSED, "the message has no type; taken as text"),)

    body = load("message_request_welcome")
    raw_message(body)["type"] = 12
    message = only_message(body)
    assert message.type == "unknown" and said(message) == (
        (P.MISSING_TYPE, "the message has no type"),
    )


def test_wrong_content_types_are_flagged_not_raised() -> None:
    body = load("message_text")
    raw_message(body)["text"] = {"body": ["not", "text"]}
    message = only_message(body)
    assert message.text is None and said(message) == (
        (P.FIELD_NOT_TEXT, "text.body is not a string"),
    )

    body = load("message_image")
    raw_message(body)["image"] = "nope"
    message = only_message(body)
    assert message.media is None and said(message) == (
        (P.CONTENT_NOT_OBJECT, "image is not an object"),
    )

    body = load("message_interactive_button_reply")
    raw_message(body)["interactive"] = {"type": "carousel_reply"}
    message = only_message(body)
    assert said(message) == ((P.UNKNOWN_INTERACTIVE, "unknown interactive reply carousel_reply"),)


def test_value_level_errors_attach_to_the_message() -> None:
    body = load("message_interactive_button_reply")
    del raw_message(body)["interactive"]
    body["entry"][0]["changes"][0]["value"]["errors"] = [
        {
            "code": 131000,
            "title": "Something went wrong",
            "error_data": {"details": "Unsupported webhook payload"},
        }
    ]
    message = only_message(body)
    assert message.errors == (
        WhatsAppError(131000, "Something went wrong", "Unsupported webhook payload"),
    )
    assert said(message) == (
        (P.MISSING_CONTENT, "the interactive message has no interactive object"),
    )


def test_value_errors_without_messages_are_kept_visible() -> None:
    body = load("status_read")
    value = body["entry"][0]["changes"][0]["value"]
    del value["statuses"]
    value["errors"] = [{"code": "131000", "message": "Something went wrong"}]
    parsed = parse_webhook(body)
    assert parsed.unreadable == [("WhatsApp reported errors: 131000 Something went wrong", value)]


def test_missing_metadata_is_flagged() -> None:
    body = load("message_text")
    del body["entry"][0]["changes"][0]["value"]["metadata"]
    message = only_message(body)
    assert message.phone_number_id == ""
    assert said(message) == ((P.NO_METADATA, "the change has no metadata"),)


def test_nulls_everywhere() -> None:
    body = load("message_location")
    raw = raw_message(body)
    for key in list(raw):
        raw[key] = None
    body["entry"][0]["changes"][0]["value"]["contacts"] = [None, {"wa_id": None, "profile": None}]
    parsed = parse_webhook(body)
    # No from and no usable contact: nothing to attribute it to.
    assert parsed.messages == [] and len(parsed.unreadable) == 1


def test_huge_strings_and_deep_nesting() -> None:
    body = load("message_text")
    raw = raw_message(body)
    raw["text"]["body"] = "x" * 2_000_000
    deep: Any = "fondo"
    for _ in range(5000):
        deep = {"d": [deep]}
    raw["extra"] = deep
    del raw["id"]
    message = only_message(body)
    assert message.text is not None and len(message.text) == 2_000_000
    assert message.wamid.startswith(UNPARSED_WAMID_PREFIX)
    assert message.wamid == unparsed_wamid(raw)


def test_unknown_type_problem_text_is_bounded() -> None:
    body = load("message_text")
    raw_message(body)["type"] = "t" * 10_000
    message = only_message(body)
    assert len(message.problems[0].detail) < 200

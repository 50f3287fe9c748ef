"""Webhook bodies have Meta's shape and carry a valid X-Hub-Signature-256."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.sim.state import BusinessNumber, Customer
from wa_desk.sim.webhooks import (
    MESSAGE_KINDS,
    customer_message,
    encode,
    inbound_body,
    signed,
    status_body,
    status_entry,
)
from wa_desk.whatsapp.signature import HEADER, is_valid

NUMBER = BusinessNumber("100000000000001", "+34 600 000 001")
CUSTOMER = Customer("34611111111", "María García")
SECRET = "app-secret"

EXPECTED_TYPE = {
    "reply": "text",
    "referral": "text",
    "voice": "audio",
    "unreaction": "reaction",
    "button_reply": "interactive",
    "list_reply": "interactive",
}


def build(kind: str, text: str | None = "Hola ñandú") -> dict[str, object]:
    message = customer_message(
        kind,
        wamid="wamid.A",
        wa_id=CUSTOMER.wa_id,
        timestamp_s=1_700_000_000,
        text=text,
        context_wamid="wamid.B" if kind == "reply" else None,
        reaction_to="wamid.B",
    )
    return inbound_body("200000000000001", NUMBER, CUSTOMER, message)


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_every_kind_has_meta_envelope_and_type(kind: str) -> None:
    body = build(kind)
    assert body["object"] == "whatsapp_business_account"
    entry = body["entry"][0]  # type: ignore[index]
    change = entry["changes"][0]
    assert change["field"] == "messages"
    value = change["value"]
    assert value["messaging_product"] == "whatsapp"
    assert value["metadata"] == {
        "display_phone_number": "34600000001",
        "phone_number_id": "100000000000001",
    }
    assert value["contacts"] == [{"profile": {"name": "María García"}, "wa_id": "34611111111"}]
    message = value["messages"][0]
    assert message["type"] == EXPECTED_TYPE.get(kind, kind)
    assert message["from"] == "34611111111"
    assert message["timestamp"] == "1700000000"
    if message["type"] not in ("unsupported",):
        assert message["type"] in message


def test_details_of_particular_kinds() -> None:
    def msg(kind: str) -> dict[str, object]:
        return build(kind)["entry"][0]["changes"][0]["value"]["messages"][0]  # type: ignore[index, no-any-return]

    assert msg("voice")["audio"]["voice"] is True  # type: ignore[index]
    assert msg("unreaction")["reaction"] == {"message_id": "wamid.B", "emoji": ""}
    assert msg("reply")["context"] == {"from": "", "id": "wamid.B"}
    assert msg("button_reply")["interactive"]["type"] == "button_reply"  # type: ignore[index]
    assert msg("list_reply")["interactive"]["list_reply"]["id"] == "opcion_1"  # type: ignore[index]
    assert "referral" in msg("referral")
    assert msg("unsupported")["errors"][0]["code"] == 131051  # type: ignore[index]


def test_unknown_kind_and_reaction_without_target_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown message kind"):
        build("poll")
    with pytest.raises(ValueError, match="reacts to"):
        customer_message("reaction", wamid="w", wa_id="1", timestamp_s=0)


def test_statuses_sent_delivered_read_failed() -> None:
    for status in ("sent", "delivered", "read"):
        entry = status_entry(
            wamid="wamid.A",
            status=status,
            recipient_id="34611111111",
            timestamp_s=1,
            conversation_id="c1",
            conversation_expires_s=99,
            category="utility",
            billable=True,
        )
        body = status_body("waba", NUMBER, CUSTOMER, entry)
        value = body["entry"][0]["changes"][0]["value"]
        got = value["statuses"][0]
        assert got["status"] == status
        assert got["pricing"] == {
            "billable": True,
            "pricing_model": "PMP",
            "type": "regular",
            "category": "utility",
        }
        assert got["conversation"]["origin"] == {"type": "utility"}
        assert ("expiration_timestamp" in got["conversation"]) == (status == "sent")
    failed = status_entry(
        wamid="wamid.A",
        status="failed",
        recipient_id="1",
        timestamp_s=1,
        error=(131047, "more than 24 hours"),
    )
    assert failed["errors"] == [
        {
            "code": 131047,
            "title": "Re-engagement message",
            "message": "Re-engagement message",
            "error_data": {"details": "more than 24 hours"},
            "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
        }
    ]
    assert "pricing" not in failed


def test_encoding_escapes_like_meta_and_round_trips() -> None:
    body = build("text", "Camión 😊 a/b")
    raw = encode(body)
    assert raw.isascii()
    assert b"\\u00f3" in raw and b"\\/" in raw
    assert json.loads(raw) == body


@given(st.text(max_size=200), st.sampled_from(MESSAGE_KINDS))
def test_signature_verifies_over_the_raw_bytes(text: str, kind: str) -> None:
    raw, headers = signed(build(kind, text), SECRET)
    assert headers["Content-Type"] == "application/json"
    assert is_valid(raw, headers[HEADER], SECRET)
    assert not is_valid(raw, headers[HEADER], "other-secret")
    assert not is_valid(raw + b" ", headers[HEADER], SECRET)

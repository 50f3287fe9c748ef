"""Every problem the webhook parser reports carries a stable code (what the desktop turns
into people's words) beside its English detail (for logs and the API)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wa_desk.core.message_problems import MessageProblem as P
from wa_desk.whatsapp.webhook_parser import parse_webhook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
_LOADED: dict[str, dict[str, Any]] = {}

Change = Callable[[dict[str, Any], dict[str, Any]], None]  # (value, message)


def _body(fixture: str) -> dict[str, Any]:
    if fixture not in _LOADED:
        _LOADED[fixture] = json.loads((FIXTURES / f"{fixture}.json").read_text("utf-8"))
    return copy.deepcopy(_LOADED[fixture])


def _set(**fields: Any) -> Change:
    return lambda value, message: message.update(fields)


def _drop(key: str) -> Change:
    return lambda value, message: message.pop(key)


def _untyped_text(value: dict[str, Any], message: dict[str, Any]) -> None:
    del message["type"]


def _no_type_at_all(value: dict[str, Any], message: dict[str, Any]) -> None:
    del message["type"], message["text"]


def _no_metadata(value: dict[str, Any], message: dict[str, Any]) -> None:
    del value["metadata"]


def _no_phone_number_id(value: dict[str, Any], message: dict[str, Any]) -> None:
    del value["metadata"]["phone_number_id"]


def _sender_from_contacts(value: dict[str, Any], message: dict[str, Any]) -> None:
    del message["from"]


def _user_id_only(value: dict[str, Any], message: dict[str, Any]) -> None:
    del message["from"]
    value["contacts"] = [{"profile": {"name": "Ana"}, "user_id": "US.13491208655302741918"}]


def _edit(inner: dict[str, Any] | None, *, target: bool = True) -> Change:
    def change(value: dict[str, Any], message: dict[str, Any]) -> None:
        del message["text"]
        edit: dict[str, Any] = {}
        if target:
            edit["original_message_id"] = "wamid.before"
        if inner is not None:
            edit["message"] = inner
        message.update(type="edit", edit=edit)

    return change


# (fixture, change, the code expected, a word of the detail)
CASES: list[tuple[str, Change, P, str]] = [
    ("message_text", _no_metadata, P.NO_METADATA, "metadata"),
    ("message_text", _no_phone_number_id, P.NO_PHONE_NUMBER_ID, "phone_number_id"),
    ("message_text", _set(**{"from": 5491155550001}), P.SENDER_NOT_TEXT, "from"),
    ("message_text", _sender_from_contacts, P.SENDER_FROM_CONTACTS, "contacts"),
    ("message_text", _user_id_only, P.SENDER_USER_ID_ONLY, "user id"),
    ("message_text", _drop("id"), P.MISSING_ID, "id"),
    ("message_text", _set(id=12345), P.ID_NOT_TEXT, "id"),
    ("message_text", _drop("timestamp"), P.MISSING_TIMESTAMP, "timestamp"),
    ("message_text", _set(timestamp="ayer"), P.TIMESTAMP_NOT_A_NUMBER, "ayer"),
    ("message_text", _set(timestamp=10**12), P.TIMESTAMP_OUT_OF_RANGE, "range"),
    ("message_text", _untyped_text, P.TYPE_GUESSED, "taken as text"),
    ("message_text", _no_type_at_all, P.MISSING_TYPE, "no type"),
    ("message_text", _set(type="hologram"), P.UNKNOWN_TYPE, "hologram"),
    ("message_text", _set(errors={"code": 1}), P.ERRORS_NOT_LIST, "errors"),
    ("message_text", _drop("text"), P.MISSING_CONTENT, "text object"),
    ("message_text", _set(text="hola"), P.CONTENT_NOT_OBJECT, "text"),
    ("message_text", _set(text={"body": 7}), P.FIELD_NOT_TEXT, "text.body"),
    ("message_image", _set(image={"caption": "x"}), P.MISSING_MEDIA_ID, "media id"),
    ("message_location", _set(location={"name": "Casa"}), P.BAD_LOCATION, "latitude"),
    ("message_contacts", _set(contacts={}), P.MISSING_CONTACTS_LIST, "contacts"),
    ("message_contacts", _set(contacts=["Ana"]), P.BAD_SHARED_CONTACT, "contact"),
    ("message_reaction", _set(reaction={"emoji": "👍"}), P.REACTION_WITHOUT_TARGET, "reaction"),
    (
        "message_interactive_button_reply",
        _set(interactive={"type": "carousel_reply"}),
        P.UNKNOWN_INTERACTIVE,
        "carousel_reply",
    ),
    ("message_order", _set(order={"catalog_id": "1"}), P.MISSING_ORDER_ITEMS, "product_items"),
    ("message_order", _set(order={"product_items": [{}]}), P.BAD_ORDER_ITEM, "product"),
    ("message_text", _edit({"type": "text", "text": {"body": "x"}}, target=False),
     P.EDIT_WITHOUT_TARGET, "replaces"),
    ("message_text", _edit(None), P.EDIT_WITHOUT_MESSAGE, "message object"),
    ("message_text", _set(type="revoke", revoke={"x": 1}), P.REVOKE_WITHOUT_TARGET, "deletes"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fixture", "change", "code", "word"), CASES, ids=[str(case[2]) for case in CASES]
)
def test_each_problem_has_its_code_and_an_english_detail(
    fixture: str, change: Change, code: P, word: str
) -> None:
    body = _body(fixture)
    value = body["entry"][0]["changes"][0]["value"]
    change(value, value["messages"][0])
    [message] = parse_webhook(body).messages
    found = {p.code: p.detail for p in message.problems}
    assert code in found, message.problems
    assert word in found[code]


def test_every_code_is_one_the_parser_reports() -> None:
    """A code nobody reports is a word nobody reads; a reported one without a case here
    would go untested."""
    assert {case[2] for case in CASES} == set(P)


def test_a_problem_inside_an_edit_keeps_its_code() -> None:
    body = _body("message_text")
    value = body["entry"][0]["changes"][0]["value"]
    _edit({"type": "text", "text": {"body": 7}})(value, value["messages"][0])
    [message] = parse_webhook(body).messages
    assert [(p.code, p.detail) for p in message.problems] == [
        (P.FIELD_NOT_TEXT, "edit: text.body is not a string")
    ]


def test_codes_are_stable_strings() -> None:
    """Stored with messages and sent to desktops: the values are the contract."""
    assert P.UNKNOWN_TYPE == "unknown_type" and P.MISSING_ID == "missing_id"
    assert all(code.value == code.value.lower() and " " not in code.value for code in P)

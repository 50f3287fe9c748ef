"""Canned replies: read from the policy and checked (each failing key named), offered
per queue, searched, and their variables filled in or left to complete."""

from __future__ import annotations

from typing import Any

import pytest

from wa_desk.core.canned_replies import (
    CannedReply,
    by_shortcut,
    canned_replies_from_json,
    fill,
    search,
    unfilled,
    variable_spans,
)
from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.hub.settings import SettingsError, policy_guidelines

GOOD: dict[str, Any] = {
    "queue": "*",
    "name": "Saludo",
    "language": "es",
    "text": "Hola {{customer_name}}, soy {{agent_name}}.",
    "tags": ["saludo"],
    "shortcut": "hola",
}


def _with(**changes: Any) -> dict[str, Any]:
    entry = {**GOOD, **changes}
    return {k: v for k, v in entry.items() if v is not ...}


@pytest.mark.parametrize(
    ("raw", "setting"),
    [
        ({"canned_replies": {"queue": "*"}}, "policy.canned_replies"),
        ({"canned_replies": ["hola"]}, "policy.canned_replies[0]"),
        ({"canned_replies": [_with(reply="x")]}, "policy.canned_replies[0]"),
        ({"canned_replies": [_with(queue=...)]}, "policy.canned_replies[0].queue"),
        ({"canned_replies": [_with(queue=" ")]}, "policy.canned_replies[0].queue"),
        ({"canned_replies": [_with(name="")]}, "policy.canned_replies[0].name"),
        ({"canned_replies": [_with(name="x" * 101)]}, "policy.canned_replies[0].name"),
        ({"canned_replies": [_with(text=...)]}, "policy.canned_replies[0].text"),
        ({"canned_replies": [_with(text="x" * 4097)]}, "policy.canned_replies[0].text"),
        ({"canned_replies": [_with(text="Hola {{Cliente}}")]}, "policy.canned_replies[0].text"),
        ({"canned_replies": [_with(text="Hola {{customer_name}")]},
         "policy.canned_replies[0].text"),
        ({"canned_replies": [_with(language="Spanish")]}, "policy.canned_replies[0].language"),
        ({"canned_replies": [_with(language=...)]}, "policy.canned_replies[0].language"),
        ({"canned_replies": [_with(tags="saludo")]}, "policy.canned_replies[0].tags"),
        ({"canned_replies": [_with(tags=["ok", ""])]}, "policy.canned_replies[0].tags"),
        ({"canned_replies": [_with(shortcut="Hola Ya")]}, "policy.canned_replies[0].shortcut"),
        ({"canned_replies": [_with(shortcut=5)]}, "policy.canned_replies[0].shortcut"),
        ({"canned_replies": [GOOD, _with(name="SALUDO")]}, "policy.canned_replies[1].name"),
        ({"canned_replies": [GOOD, _with(name="Otro")]}, "policy.canned_replies[1].shortcut"),
    ],
)  # fmt: skip
def test_a_wrong_canned_reply_is_an_error_naming_the_key(raw: dict[str, Any], setting: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert caught.value.setting == setting


def test_the_same_name_may_exist_in_another_language_or_queue() -> None:
    raw = [GOOD, _with(language="en", shortcut=...), _with(queue="ventas")]
    assert len(canned_replies_from_json(raw)) == 3


def test_a_queue_own_reply_replaces_the_every_queue_one_of_that_name_and_language() -> None:
    guidelines = policy_guidelines(
        {
            "canned_replies": [
                GOOD,
                _with(name="Greeting", language="en", shortcut="hi"),
                _with(queue="ventas", text="Hola desde ventas", shortcut="/hola"),
            ]
        }
    )
    ventas = guidelines.canned_replies_for("ventas")
    assert [(r.name, r.language, r.text) for r in ventas] == [
        ("Saludo", "es", "Hola desde ventas"),
        ("Greeting", "en", GOOD["text"]),
    ]
    assert [r.queue for r in guidelines.canned_replies_for("soporte")] == ["*", "*"]
    # The desktop reads the hub's bundle back to the same replies, and only its queues'.
    assert guidelines_from_json(guidelines.as_json()).canned_replies == guidelines.canned_replies
    assert [r.queue for r in guidelines.for_queues(["soporte"]).canned_replies] == ["*", "*"]


def test_known_values_are_filled_and_the_rest_left_to_complete() -> None:
    text = "Hola {{customer_name}}, tu pedido {{ order_number }} llega el {{date}}."
    filled = fill(text, {"customer_name": "Marta", "date": "  "})
    assert filled == "Hola Marta, tu pedido {{ order_number }} llega el {{date}}."
    assert unfilled(filled) == ("order_number", "date")
    assert [filled[a:b] for a, b in variable_spans(filled)] == ["{{ order_number }}", "{{date}}"]
    assert unfilled("Hola Marta") == ()


def test_an_exact_shortcut_comes_first_then_the_fuzzy_ranking() -> None:
    replies = [
        CannedReply("*", "Horario", "Abrimos a las 9", "es", ("hola",)),
        CannedReply("*", "Saludo", "Hola", "es", (), "hola"),
    ]
    assert search(replies, "hola") == [replies[1], replies[0]]
    assert search(replies, "hor") == [replies[0]]
    assert by_shortcut(replies, "HOLA") is replies[1]
    assert by_shortcut(replies, "hol") is None

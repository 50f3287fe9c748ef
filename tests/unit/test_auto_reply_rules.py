"""Which automatic reply a customer message gets (``core/auto_replies.py``), at exact
times in Madrid: in hours, at night, on a weekend, on a holiday; and a policy entry that
cannot be used is an error naming its key."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wa_desk.core.auto_replies import (
    AutoReplies,
    AutoReply,
    AutoReplyKind,
    AutoReplyState,
    AwayTemplate,
    auto_reply,
)
from wa_desk.core.business_hours import business_hours_from_json
from wa_desk.hub.settings import SettingsError, policy_guidelines

MADRID = ZoneInfo("Europe/Madrid")
HOURS = business_hours_from_json(
    {
        "time_zone": "Europe/Madrid",
        "hours": {d: ["09:00-14:00", "15:00-19:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": ["2026-12-08"],
    },
    "sla[0]",
)
TEMPLATE = AwayTemplate("fuera_de_horario", "es")
ENTRY = AutoReplies("*", "Hola", "Cerrado", TEMPLATE)
FIRST = AutoReplyState(first_message=True, greeted=False, away_sent=False)


def at(day: int, hhmm: str) -> int:
    """December ``day`` of 2026 at ``hhmm`` in Madrid (the 7th is a Monday)."""
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return int(datetime(2026, 12, day, hours, minutes, tzinfo=MADRID).timestamp() * 1000)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(7, "10:00"), AutoReply(AutoReplyKind.GREETING, text="Hola")),
        (at(7, "14:30"), AutoReply(AutoReplyKind.AWAY, text="Cerrado")),  # lunch break
        (at(7, "23:30"), AutoReply(AutoReplyKind.AWAY, text="Cerrado")),  # night
        (at(12, "11:00"), AutoReply(AutoReplyKind.AWAY, text="Cerrado")),  # Saturday
        (at(8, "11:00"), AutoReply(AutoReplyKind.AWAY, text="Cerrado")),  # holiday
    ],
)
def test_a_first_message_is_greeted_in_hours_and_told_away_outside(
    when: int, expected: AutoReply
) -> None:
    assert auto_reply(ENTRY, HOURS, FIRST, when, window_open=True) == expected


def test_each_reply_goes_once_and_the_greeting_only_on_the_first_message() -> None:
    later = AutoReplyState(first_message=False, greeted=False, away_sent=False)
    assert auto_reply(ENTRY, HOURS, later, at(7, "10:00"), window_open=True) is None
    greeted = AutoReplyState(first_message=True, greeted=True, away_sent=False)
    assert auto_reply(ENTRY, HOURS, greeted, at(7, "10:00"), window_open=True) is None
    away = AutoReplyState(first_message=False, greeted=True, away_sent=True)
    assert auto_reply(ENTRY, HOURS, away, at(7, "23:00"), window_open=True) is None
    # Greeted in the morning, writing again at night: told the queue is away, once.
    evening = AutoReplyState(first_message=False, greeted=True, away_sent=False)
    expected = AutoReply(AutoReplyKind.AWAY, text="Cerrado")
    assert auto_reply(ENTRY, HOURS, evening, at(7, "23:00"), window_open=True) == expected


def test_with_the_window_closed_only_the_template_goes() -> None:
    closed = auto_reply(ENTRY, HOURS, FIRST, at(7, "23:00"), window_open=False)
    assert closed == AutoReply(AutoReplyKind.AWAY, template=TEMPLATE)
    text_only = AutoReplies("*", away="Cerrado")
    assert auto_reply(text_only, HOURS, FIRST, at(7, "23:00"), window_open=False) is None
    assert auto_reply(None, HOURS, FIRST, at(7, "10:00"), window_open=True) is None


def _entry(**changes: Any) -> dict[str, Any]:
    return {"queue": "*", "greeting": "Hola", "away": "Cerrado", **changes}


@pytest.mark.parametrize(
    ("raw", "setting"),
    [
        ({"auto_replies": {"queue": "*"}}, "policy.auto_replies"),
        ({"auto_replies": [_entry(saludo="x")]}, "policy.auto_replies[0]"),
        ({"auto_replies": [{"queue": "*"}]}, "policy.auto_replies[0]"),
        ({"auto_replies": [_entry(queue="")]}, "policy.auto_replies[0].queue"),
        ({"auto_replies": [_entry(greeting=" ")]}, "policy.auto_replies[0].greeting"),
        ({"auto_replies": [_entry(away=5)]}, "policy.auto_replies[0].away"),
        ({"auto_replies": [_entry(away="x" * 4097)]}, "policy.auto_replies[0].away"),
        ({"auto_replies": [_entry(away_template="x")]}, "policy.auto_replies[0].away_template"),
        ({"auto_replies": [_entry(away_template={"name": "Fuera", "language": "es"})]},
         "policy.auto_replies[0].away_template.name"),
        ({"auto_replies": [_entry(away_template={"name": "fuera", "language": "Spanish"})]},
         "policy.auto_replies[0].away_template.language"),
        ({"auto_replies": [_entry(), _entry()]}, "policy.auto_replies[1].queue"),
    ],
)  # fmt: skip
def test_a_wrong_auto_reply_is_an_error_naming_the_key(raw: dict[str, Any], setting: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert caught.value.setting == setting


def test_a_queue_entry_replaces_the_every_queue_one() -> None:
    guidelines = policy_guidelines(
        {"auto_replies": [_entry(), _entry(queue="ventas", greeting="Hola, ventas")]}
    )
    ventas = guidelines.auto_replies_for("ventas")
    soporte = guidelines.auto_replies_for("soporte")
    assert ventas is not None and ventas.greeting == "Hola, ventas"
    assert soporte is not None and soporte.greeting == "Hola"
    assert "auto_replies" not in guidelines.as_json()  # the hub's own business

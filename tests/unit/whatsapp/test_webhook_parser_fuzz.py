"""parse_webhook is total: whatever is inside a JSON object, it answers and never raises."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wa_desk.core.message_problems import MessageProblem
from wa_desk.whatsapp.updates import ParsedWebhook
from wa_desk.whatsapp.webhook_parser import WebhookFormatError, parse_webhook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
VALID_BODIES = [
    json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))
]

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HUGE = "ñ" * 50_000
# Words the parser looks for, so that random objects hit its branches, not just misses.
KEYS = st.sampled_from(
    """
    object entry changes field value metadata phone_number_id display_phone_number
    contacts profile name wa_id user_id messages statuses errors id from from_user_id
    timestamp type text body image caption document filename audio voice sticker
    animated location latitude longitude reaction emoji message_id interactive
    button_reply list_reply nfm_reply title button payload order product_items system
    context forwarded edit revoke original_message_id message status recipient_id code
    error_data details whatsapp_business_account
    """.split()  # noqa: SIM905 (one word per line would be 60 lines)
) | st.text(max_size=6)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | KEYS
    | st.sampled_from(["1764000000", "-1", "1e400", "wamid.X", "messages", HUGE])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)


def deep(depth: int) -> Any:
    value: Any = "fondo"
    for _ in range(depth):
        value = {"d": [value]}
    return value


REPLACEMENTS: st.SearchStrategy[Any] = (
    JSON_VALUES
    | st.sampled_from([HUGE, None, [], {}])
    | st.builds(deep, st.integers(min_value=100, max_value=3000))
)


def check(parsed: ParsedWebhook) -> None:
    for message in parsed.messages:
        assert isinstance(message.wamid, str) and message.wamid
        assert isinstance(message.wa_id, str) and message.wa_id
        assert isinstance(message.type, str) and message.type
        assert isinstance(message.payload, dict)
        assert isinstance(message.timestamp_ms, int) and message.timestamp_ms >= 0
        assert message.text is None or isinstance(message.text, str)
        assert all(isinstance(p.detail, str) for p in message.problems)
        assert all(isinstance(p.code, MessageProblem) for p in message.problems)
        if message.timestamp_ms == 0:
            assert message.problems, "an unknown time must come with a reason"
    for status in parsed.statuses:
        assert isinstance(status.wamid, str) and status.wamid
        assert isinstance(status.status, str) and status.status
        assert isinstance(status.payload, dict)
    for reason, fragment in parsed.unreadable:
        assert isinstance(reason, str) and reason
        assert isinstance(fragment, dict)


def parse_any(value: object) -> None:
    if isinstance(value, dict):
        check(parse_webhook(value))
    else:
        with pytest.raises(WebhookFormatError):
            parse_webhook(value)


@FUZZ
@given(JSON_VALUES)
def test_arbitrary_values(value: object) -> None:
    parse_any(value)


@settings(FUZZ, max_examples=150)  # three large draws per example: fewer examples
@given(st.lists(JSON_VALUES, max_size=4), st.lists(JSON_VALUES, max_size=3), JSON_VALUES)
def test_arbitrary_messages_in_a_valid_envelope(
    messages: list[Any], statuses: list[Any], contacts: Any
) -> None:
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "metadata": {"phone_number_id": "1", "display_phone_number": "2"},
                            "contacts": contacts,
                            "messages": messages,
                            "statuses": statuses,
                        },
                    }
                ],
            }
        ],
    }
    check(parse_webhook(body))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a body that a mutation can target (containers' children).

    Stops at the depth of real payloads: an earlier mutation may have planted a very
    deep value, which is there to be parsed, not walked by the test.
    """
    found: list[tuple[Any, ...]] = []
    if len(path) > 10:
        return found
    children: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    for key, child in children:
        found.append((*path, key))
        found.extend(_paths(child, (*path, key)))
    return found


@st.composite
def mutated_bodies(draw: st.DrawFn) -> Any:
    body = copy.deepcopy(draw(st.sampled_from(VALID_BODIES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(body)
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        container = body
        for step in parents:
            container = container[step]
        action = draw(st.sampled_from(["replace", "delete", "null", "wrap"]))
        if action == "delete" and isinstance(container, dict):
            del container[last]
        elif action == "null":
            container[last] = None
        elif action == "wrap":
            container[last] = [container[last]]
        else:
            container[last] = draw(REPLACEMENTS)
    return body


@FUZZ
@given(mutated_bodies())
def test_mutated_valid_bodies(body: Any) -> None:
    parse_any(body)


@FUZZ
@given(mutated_bodies())
def test_parsing_is_deterministic(body: Any) -> None:
    if not isinstance(body, dict):
        return
    first, second = parse_webhook(body), parse_webhook(body)
    assert [m.wamid for m in first.messages] == [m.wamid for m in second.messages]
    assert [m.problems for m in first.messages] == [m.problems for m in second.messages]

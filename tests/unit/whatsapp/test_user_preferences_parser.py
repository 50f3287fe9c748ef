"""parse_webhook on Meta's ``user_preferences`` webhook: the project's own fixtures
(written from Meta's reference), the body another library published when it is there,
and the malformed shapes that must be kept rather than lost."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from shared_fixtures import SHARED

from wa_desk.core.message_problems import MessageProblem as P
from wa_desk.whatsapp.updates import UserPreference
from wa_desk.whatsapp.webhook_parser import parse_webhook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
PYWA = SHARED / "pywa" / "user_marketing_preferences.json"
CUSTOMER = "5491155550001"
PNID = "106540352242922"


def load(name: str) -> dict[str, Any]:
    body = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(body, dict)
    return body


def items(body: dict[str, Any]) -> list[Any]:
    found: list[Any] = body["entry"][0]["changes"][0]["value"]["user_preferences"]
    return found


def only_preference(body: object) -> UserPreference:
    parsed = parse_webhook(body)
    assert parsed.unreadable == [] and parsed.ignored == []
    assert parsed.messages == [] and parsed.statuses == []
    [preference] = parsed.user_preferences
    return preference


def test_a_stop_names_the_customer_their_name_and_when() -> None:
    body = load("user_preferences_stop")
    preference = only_preference(body)
    assert preference == UserPreference(
        phone_number_id=PNID,
        wa_id=CUSTOMER,
        category="marketing_messages",
        value="stop",
        timestamp_ms=1764000000 * 1000,
        payload=items(body)[0],
        detail="User requested to stop marketing messages",
        contact_name="Lucía Pérez",
    )


def test_the_items_wa_id_is_the_customers_whatever_contacts_says() -> None:
    preference = only_preference(load("user_preferences_resume"))
    assert preference.wa_id == CUSTOMER and preference.value == "resume"
    # contacts[] names someone else: their name is not given to this customer.
    assert preference.contact_name is None


def test_unknown_extra_keys_are_ignored_and_other_values_kept_as_they_came() -> None:
    body = load("user_preferences_stop")
    item = items(body)[0]
    item.update(value="signup", signup_id="13176843987434774", future={"x": [1]})
    preference = only_preference(body)
    assert preference.value == "signup" and preference.category == "marketing_messages"
    assert preference.payload["signup_id"] == "13176843987434774"


def test_several_items_in_one_delivery_come_out_in_order() -> None:
    body = load("user_preferences_stop")
    second = dict(items(body)[0], wa_id="5491155550002", value="resume")
    items(body).append(second)
    parsed = parse_webhook(body)
    assert [(p.wa_id, p.value) for p in parsed.user_preferences] == [
        (CUSTOMER, "stop"),
        ("5491155550002", "resume"),
    ]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"wa_id": None}, "a user preference names no customer (no wa_id)"),
        ({"wa_id": ""}, "a user preference names no customer (no wa_id)"),
        ({"value": None}, "a user preference has no category or no value"),
        ({"category": 7}, "a user preference has no category or no value"),
    ],
)
def test_an_item_that_cannot_be_applied_is_kept_as_unreadable(
    change: dict[str, Any], reason: str
) -> None:
    body = load("user_preferences_stop")
    item = items(body)[0]
    item.update(change)
    kept = copy.deepcopy(item)
    parsed = parse_webhook(body)
    assert parsed.user_preferences == []
    assert parsed.unreadable == [(reason, kept)]


def test_items_that_are_not_objects_or_not_a_list_are_kept_as_unreadable() -> None:
    body = load("user_preferences_stop")
    items(body).append("stop")
    parsed = parse_webhook(body)
    assert [p.value for p in parsed.user_preferences] == ["stop"]
    assert parsed.unreadable == [("a user preference is not an object", {"fragment": "stop"})]

    value = body["entry"][0]["changes"][0]["value"]
    value["user_preferences"] = {"wa_id": CUSTOMER}
    parsed = parse_webhook(body)
    assert parsed.user_preferences == []
    assert parsed.unreadable == [("user_preferences is not a list", value)]

    change = body["entry"][0]["changes"][0]
    change["value"] = "stop"
    parsed = parse_webhook(body)
    assert parsed.unreadable == [("a user_preferences change has no value object", change)]


def test_a_missing_timestamp_is_a_problem_not_a_loss() -> None:
    body = load("user_preferences_stop")
    del items(body)[0]["timestamp"]
    preference = only_preference(body)
    assert preference.value == "stop" and preference.timestamp_ms == 0
    assert [p.code for p in preference.problems] == [P.MISSING_TIMESTAMP]


def test_a_missing_metadata_is_a_problem_not_a_loss() -> None:
    body = load("user_preferences_stop")
    del body["entry"][0]["changes"][0]["value"]["metadata"]
    preference = only_preference(body)
    assert preference.phone_number_id == "" and preference.wa_id == CUSTOMER
    assert [p.code for p in preference.problems] == [P.NO_METADATA]


@pytest.mark.parametrize("example", ["resume", "signup"])
def test_the_body_another_library_published_is_parsed(example: str) -> None:
    if not PYWA.is_file():
        pytest.skip(f"{PYWA} not found (shared fixtures live outside the repository)")
    body = json.loads(PYWA.read_text(encoding="utf-8"))[example]
    preference = only_preference(body)
    # Its contacts[] names another number: the item's own wa_id is the customer.
    assert preference.wa_id == "16505551234" and preference.contact_name is None
    assert preference.category == "marketing_messages" and preference.value == example
    assert preference.timestamp_ms == 1731705721 * 1000
    assert preference.phone_number_id == "106540352242922"

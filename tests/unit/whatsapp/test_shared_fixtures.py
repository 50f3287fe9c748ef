"""parse_webhook against webhook bodies published by other WhatsApp libraries."""

from __future__ import annotations

import pytest
from shared_fixtures import BODIES, MISSING_REASON, SHARED, expected_text, raw_items

from wa_desk.whatsapp.webhook_parser import parse_webhook


def test_shared_fixtures_are_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(MISSING_REASON)
    assert len(BODIES) > 40


@pytest.mark.parametrize("label", sorted(BODIES))
def test_shared_body(label: str) -> None:
    body = BODIES[label]
    parsed = parse_webhook(body)

    raw_messages = raw_items(body, "messages")
    assert [m.wamid for m in parsed.messages] == [m["id"] for m in raw_messages]
    assert [m.type for m in parsed.messages] == [m["type"] for m in raw_messages]
    assert [m.text for m in parsed.messages] == [expected_text(m) for m in raw_messages]
    assert [m.wa_id for m in parsed.messages] == [m["from"] for m in raw_messages]
    assert all(m.payload is raw for m, raw in zip(parsed.messages, raw_messages, strict=True))

    raw_statuses = raw_items(body, "statuses")
    assert [s.wamid for s in parsed.statuses] == [s["id"] for s in raw_statuses]
    assert [s.status for s in parsed.statuses] == [s["status"] for s in raw_statuses]
    assert [s.recipient_id for s in parsed.statuses] == [s["recipient_id"] for s in raw_statuses]

    template_changes = [
        change["value"]
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] == "message_template_status_update"
    ]
    assert [(t.name, t.language, t.event) for t in parsed.template_statuses] == [
        (v["message_template_name"], v["message_template_language"], v["event"])
        for v in template_changes
    ]
    preferences = [
        item
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] == "user_preferences"
        for item in change["value"]["user_preferences"]
    ]
    assert [(p.wa_id, p.category, p.value) for p in parsed.user_preferences] == [
        (i["wa_id"], i["category"], i["value"]) for i in preferences
    ]
    taken = ("messages", "message_template_status_update", "user_preferences")
    other_fields = [
        change
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] not in taken
    ]
    assert len(parsed.ignored) == len(other_fields)
    assert parsed.unreadable == []


def test_known_shared_shapes_parse_without_problems() -> None:
    """Documented shapes (everything but deliberately odd examples) raise no flags."""
    if not SHARED.is_dir():
        pytest.skip(MISSING_REASON)
    flagged = {
        label: tuple(p.detail for p in m.problems)
        for label, body in BODIES.items()
        for m in parse_webhook(body).messages
        if m.problems
    }
    # pywa's example of an interactive message whose content Meta could not deliver.
    assert flagged == {
        "pywa/message.json:interactive_message_with_err": (
            "the interactive message has no interactive object",
        )
    }

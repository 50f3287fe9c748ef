"""parse_webhook against webhook bodies published by other WhatsApp libraries.

The bodies live next to the repository (``../shared/fixtures/whatsapp``, see its
SOURCES.md) and are read in place, never copied. What each message should become is
computed here from the raw JSON in the plainest way, independently of the parser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wa_desk.whatsapp.webhook_parser import parse_webhook

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "fixtures" / "whatsapp"


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        # One java-api file has stray text after its first object; that object is valid.
        value, _ = json.JSONDecoder().raw_decode(text)
        return value


def _bodies() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(SHARED.rglob("*.json")):
        data = _load(path)
        name = str(path.relative_to(SHARED))
        if path.relative_to(SHARED).parts[0] == "pywa":
            # pywa files map an example name to a whole webhook body.
            candidates = [(f"{name}:{key}", body) for key, body in data.items()]
        else:
            candidates = [(name, data)]
        for label, body in candidates:
            if isinstance(body, dict) and body.get("object") == "whatsapp_business_account":
                yield label, body


BODIES = dict(_bodies()) if SHARED.is_dir() else {}


def _expected_text(message: dict[str, Any]) -> str | None:
    kind = message.get("type")
    content = message.get(kind, {}) if isinstance(kind, str) else {}
    if kind == "reaction":
        return content.get("emoji") or ""
    if kind == "text":
        text = content.get("body")
    elif kind in ("image", "video", "document", "audio", "sticker"):
        text = content.get("caption")
    elif kind == "interactive":
        reply = content.get(content.get("type"), {})
        text = reply.get("title") or reply.get("body")
    elif kind in ("button", "order"):
        text = content.get("text")
    elif kind == "system":
        text = content.get("body")
    elif kind == "edit":
        text = _expected_text(content["message"])
    else:
        text = None
    return text or None


def _raw_items(body: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [
        item
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] == "messages"
        for item in change["value"].get(key, [])
    ]


def test_shared_fixtures_are_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED} (they live outside the repo)")
    assert len(BODIES) > 40


@pytest.mark.parametrize("label", sorted(BODIES))
def test_shared_body(label: str) -> None:
    body = BODIES[label]
    parsed = parse_webhook(body)

    raw_messages = _raw_items(body, "messages")
    assert [m.wamid for m in parsed.messages] == [m["id"] for m in raw_messages]
    assert [m.type for m in parsed.messages] == [m["type"] for m in raw_messages]
    assert [m.text for m in parsed.messages] == [_expected_text(m) for m in raw_messages]
    assert [m.wa_id for m in parsed.messages] == [m["from"] for m in raw_messages]
    assert all(m.payload is raw for m, raw in zip(parsed.messages, raw_messages, strict=True))

    raw_statuses = _raw_items(body, "statuses")
    assert [s.wamid for s in parsed.statuses] == [s["id"] for s in raw_statuses]
    assert [s.status for s in parsed.statuses] == [s["status"] for s in raw_statuses]
    assert [s.recipient_id for s in parsed.statuses] == [s["recipient_id"] for s in raw_statuses]

    other_fields = [
        change
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] != "messages"
    ]
    assert len(parsed.ignored) == len(other_fields)
    assert parsed.unreadable == []


def test_known_shared_shapes_parse_without_problems() -> None:
    """Documented shapes (everything but deliberately odd examples) raise no flags."""
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED} (they live outside the repo)")
    flagged = {
        label: m.problems
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

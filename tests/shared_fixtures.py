"""The WhatsApp webhook bodies published by other libraries, read in place.

They live next to the repository (``../shared/fixtures/whatsapp``, see its SOURCES.md)
and are never copied into it. What each message should become is computed here from the
raw JSON in the plainest way, independently of the parser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
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


def expected_text(message: dict[str, Any]) -> str | None:
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
        text = expected_text(content["message"])
    else:
        text = None
    return text or None


def raw_items(body: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [
        item
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] == "messages"
        for item in change["value"].get(key, [])
    ]


MISSING_REASON = f"shared fixtures not found at {SHARED} (they live outside the repository)"

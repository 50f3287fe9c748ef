"""Acceptance: every WhatsApp webhook body we know goes in, and comes out of the API.

The bodies are the project's own fixtures (written from the Cloud API reference) and,
when the folder is there, those published by other WhatsApp libraries.

Each message shows up with its type and text; each status lands on the message the hub
sent (set up here as if the hub had sent it). Bodies reuse ids across examples, so the
store is emptied between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import RunningHub, running_hub
from shared_fixtures import BODIES, MISSING_REASON, SHARED, expected_text, raw_items

from wa_desk.core.clock import now_ms
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import conversations, messages

OWN = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
CASES: dict[str, dict[str, Any]] = {
    **{f"own/{p.name}": orjson.loads(p.read_bytes()) for p in sorted(OWN.glob("*.json"))},
    **{f"shared/{label}": body for label, body in BODIES.items()},
}

_TABLES = (
    "orphan_statuses",
    "idempotency_keys",
    "messages",
    "conversation_notes",
    "conversations",
    "contacts",
    "stream_events",
)


@pytest.fixture(scope="module")
def shared_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    path: Path = tmp_path_factory.mktemp("hub") / "hub.sqlite3"
    with running_hub(f"sqlite:///{path}", time_scale=1000) as hub:
        hub.add_user("admin", "admin", ())
        hub.login("admin")
        yield hub


def _wipe(conn: Conn) -> None:
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def _prepare_sent(conn: Conn, status: dict[str, Any], phone_number_id: str) -> None:
    """The outbound message a status refers to, as if the hub had sent it."""
    now = now_ms()
    wa_id = str(status.get("recipient_id") or "0")
    conversations.upsert_contact(conn, wa_id, None, now)
    conv = conversations.open_for_contact(conn, wa_id, phone_number_id)
    conv_id = (
        conv["id"] if conv else conversations.open_new(conn, wa_id, phone_number_id, "q", now, None)
    )
    if messages.by_wamid(conn, status["id"]) is None:
        messages.insert(
            conn,
            conversation_id=conv_id,
            direction="out",
            type_="text",
            text="sent earlier",
            status="accepted",
            timestamp=now,
            sender="x",
            payload={},
            now=now,
            wamid=status["id"],
        )


def _all_messages(client: httpx.Client) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for conv in client.get("/api/v1/conversations", params={"limit": "500"}).json()["items"]:
        page = client.get(
            f"/api/v1/conversations/{conv['id']}/messages", params={"limit": "500"}
        ).json()
        found.update({m["wamid"]: m for m in page["items"]})
    return found


def test_shared_fixtures_are_there() -> None:
    if not SHARED.is_dir():
        pytest.skip(MISSING_REASON)
    assert len(BODIES) > 40


@pytest.mark.parametrize("label", sorted(CASES))
def test_body_through_the_api(shared_hub: RunningHub, label: str) -> None:
    body = CASES[label]
    db = shared_hub.ctx.db
    db.write_sync(_wipe)
    statuses = raw_items(body, "statuses")
    for entry in body["entry"]:
        for change in entry["changes"]:
            if change["field"] != "messages":
                continue
            pid = str(change["value"].get("metadata", {}).get("phone_number_id"))
            for status in change["value"].get("statuses", []):
                db.write_sync(lambda c, s=status, p=pid: _prepare_sent(c, s, p))

    assert shared_hub.post_webhook(body).status_code == 200
    client = shared_hub.clients[0]
    stored = _all_messages(client)
    for raw in raw_items(body, "messages"):
        message = stored[raw["id"]]
        assert message["direction"] == "in"
        assert message["type"] == raw["type"]
        assert message["text"] == expected_text(raw)
        assert message["payload"] == raw
    for raw in statuses:
        message = stored[raw["id"]]
        assert message["status"] == raw["status"]
        if raw["status"] == "failed":
            assert message["error"]["code"] == raw["errors"][0]["code"]

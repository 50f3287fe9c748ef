"""Deeply nested JSON bodies are refused before any route parses them, on every API
route, and ordinary bodies (deep enough for real use, brackets inside strings) go
through."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub.http_limits import HttpLimits

DEPTH = HttpLimits().max_json_depth


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[RunningHub]:
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as h:
        yield h


def nested(levels: int) -> Any:
    """A value that is ``levels`` containers deep: objects and lists in turn, an object
    outermost (as event ``data`` must be)."""
    value: Any = "fondo"
    for level in range(levels):
        value = {"n": value} if (levels - level) % 2 else [value]
    return value


def event(device: str, actor: str, data: Any) -> dict[str, Any]:
    return seal(
        {
            "id": f"{device}-1",
            "device": device,
            "seq": 1,
            "at": to_rfc3339(now_ms()),  # the intake refuses times far from its clock
            "actor": actor,
            "kind": "note.added",
            "conversation": None,
            "data": data,
        },
        GENESIS,
    )


def dumps(body: Any) -> bytes:
    """The standard library's encoder: it writes any depth (orjson stops at 255)."""
    return json.dumps(body, ensure_ascii=False).encode()


def post_raw(client: httpx.Client, path: str, body: Any) -> httpx.Response:
    return client.post(path, content=dumps(body), headers={"Content-Type": "application/json"})


def assert_too_deep(response: httpx.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "json_too_deep"


def _agent_with_claimed_conversation(hub: RunningHub) -> tuple[httpx.Client, str, str]:
    user_id = hub.add_user("ana")
    hub.customer_writes("wamid.deep.1", "34633333333", "hola")
    ana = hub.login("ana")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return ana, user_id, conv_id


def test_a_300_deep_body_is_refused_on_every_route(hub: RunningHub) -> None:
    ana, user_id, conv_id = _agent_with_claimed_conversation(hub)
    device = f"0190a5c4-0000-7000-8000-000000000001/{user_id}"
    deep = nested(300)
    assert_too_deep(post_raw(ana, "/api/v1/events", {"events": [event(device, user_id, deep)]}))
    assert_too_deep(post_raw(ana, "/api/v1/auth/login", {"username": "ana", "password": deep}))
    assert_too_deep(
        post_raw(
            ana,
            f"/api/v1/conversations/{conv_id}/messages",
            {"type": "text", "text": "hola", "reply_to": deep},
        )
    )
    assert_too_deep(
        post_raw(ana, f"/api/v1/conversations/{conv_id}/notes", {"text": "nota", "x": deep})
    )
    # Even a body whose content type says nothing: routes would still parse it as JSON.
    bare = ana.post("/api/v1/auth/login", content=dumps({"username": deep}))
    assert_too_deep(bare)
    # A webhook delivery is authenticated before anything parses it (and one Meta signed
    # is stored whatever its shape: tests/integration/hub/test_hostile_webhooks.py).
    envelope = {"object": "whatsapp_business_account", "entry": [{"id": "1", "x": deep}]}
    unsigned = hub.post_webhook(dumps(envelope), secret="not-the-app-secret")
    assert unsigned.status_code == 401
    # Nothing of it was stored.
    assert ana.get("/api/v1/events/acked", params={"device": device}).json()["acked_seq"] == 0


def test_ordinary_bodies_go_through(hub: RunningHub) -> None:
    ana, user_id, conv_id = _agent_with_claimed_conversation(hub)
    device = f"0190a5c4-0000-7000-8000-000000000001/{user_id}"
    # Brackets inside strings, escaped quotes and backslashes are text, not nesting.
    text = '[{"' * 200 + '\\"[[[' + "\\\\" * 50 + "{" * 100
    stored = post_raw(ana, "/api/v1/events", {"events": [event(device, user_id, {"texto": text})]})
    assert stored.status_code == 200, stored.text
    assert stored.json()["acked_seq"] == 1
    sent = post_raw(ana, f"/api/v1/conversations/{conv_id}/messages", {"text": "[" * 300})
    assert sent.status_code == 201, sent.text
    # A body exactly as deep as the cap passes the guard; what the route says of it is the
    # route's business.
    at_cap = post_raw(ana, "/api/v1/auth/login", {"username": "ana", "password": nested(DEPTH - 1)})
    assert at_cap.json()["error"]["code"] != "json_too_deep"
    over = post_raw(ana, "/api/v1/auth/login", {"username": "ana", "password": nested(DEPTH)})
    assert_too_deep(over)
    assert hub.customer_writes("wamid.deep.2", "34633333333", "[[[[ sigo aquí ]]]]")


def test_the_cap_is_a_setting(tmp_path: Path) -> None:
    limits = HttpLimits(max_json_depth=4)
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings={"http": limits}) as hub:
        client = httpx.Client(base_url=hub.url)
        try:
            assert_too_deep(post_raw(client, "/api/v1/auth/login", {"u": nested(4)}))
            shallow = post_raw(client, "/api/v1/auth/login", {"u": nested(3)})
            assert shallow.status_code == 422  # past the guard, refused by the route
        finally:
            client.close()

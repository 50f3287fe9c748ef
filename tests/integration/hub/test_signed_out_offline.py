"""An agent nobody is signed in as is shown offline: signing out of their last session
sets it at once, and a session that ends otherwise (idle, revoked) within the sweep's
period; colleagues hear it on the stream as ``agent.status``. On both stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import PASSWORD, RunningHub, running_hub
from sse_reader import StreamReader

from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import users
from wa_desk.hub.session_policy import SessionPolicy
from wa_desk.hub.signed_out_agents import sweep_once

# ana's sessions idle out after 3 s; lidia's open stream keeps hers alive (each re-check
# is a use of her token), and signed-out users are looked for five times a second.
POLICY = SessionPolicy(idle_minutes=0.05, stream_recheck_seconds=0.3, signed_out_check_seconds=0.2)


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"sessions": POLICY}) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("lidia", "supervisor", ("ventas",))
        yield running


def _session(hub: RunningHub, name: str) -> httpx.Client:
    response = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": name, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    client = httpx.Client(
        base_url=hub.url,
        headers={"Authorization": f"Bearer {response.json()['token']}"},
        timeout=10,
    )
    hub.clients.append(client)
    return client


def _status(hub: RunningHub, name: str) -> str:
    user = hub.ctx.db.read_sync(lambda c: users.get_user(c, hub.user_ids[name]))
    assert user is not None
    return user.status


def _lidias_stream(hub: RunningHub) -> StreamReader:
    lidia = hub.login("lidia")
    reader = StreamReader(hub.url, hub.tokens["lidia"])
    reader.take("ready")
    assert lidia.get("/api/v1/me").status_code == 200
    return reader


def _available(client: httpx.Client) -> dict[str, Any]:
    response = client.put("/api/v1/me/status", json={"status": "available"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_signing_out_of_the_last_session_shows_the_agent_offline(hub: RunningHub) -> None:
    reader = _lidias_stream(hub)
    try:
        first, second = _session(hub, "ana"), _session(hub, "ana")
        _available(first)
        assert reader.take(StreamEventKind.AGENT_STATUS).data["status"] == "available"

        # Another session of hers is still live (a second computer): still available.
        assert first.post("/api/v1/auth/logout").status_code == 204
        assert _status(hub, "ana") == "available"

        assert second.post("/api/v1/auth/logout").status_code == 204
        assert _status(hub, "ana") == "offline"
        change = reader.take(StreamEventKind.AGENT_STATUS)
        assert (change.data["name"], change.data["status"]) == ("ana", "offline")
        listed = hub.clients[0].get("/api/v1/agents").json()["items"]
        assert {a["name"]: a["status"] for a in listed}["ana"] == "offline"
    finally:
        reader.close()


def test_an_idle_session_ending_shows_the_agent_offline(hub: RunningHub) -> None:
    reader = _lidias_stream(hub)
    try:
        _available(_session(hub, "ana"))
        assert reader.take(StreamEventKind.AGENT_STATUS).data["status"] == "available"
        # Nobody uses ana's session any more: once it is idle for too long, she is offline.
        change = reader.take(StreamEventKind.AGENT_STATUS, timeout=20)
        assert (change.data["name"], change.data["status"]) == ("ana", "offline")
        assert _status(hub, "ana") == "offline"
        # lidia, whose stream is open, stays as she was.
        assert _status(hub, "lidia") == "offline"  # she never set one
    finally:
        reader.close()


def test_a_revoked_session_shows_the_agent_offline(hub: RunningHub) -> None:
    reader = _lidias_stream(hub)
    try:
        ana = _session(hub, "ana")
        _available(ana)
        assert reader.take(StreamEventKind.AGENT_STATUS).data["status"] == "available"
        # As ``wa-desk hub user disable`` does, from another process: only the store changes.
        hub.ctx.db.write_sync(lambda c: users.set_disabled(c, "ana", True, now_ms()))
        change = reader.take(StreamEventKind.AGENT_STATUS)
        assert (change.data["name"], change.data["status"]) == ("ana", "offline")
    finally:
        reader.close()


def test_a_live_session_keeps_the_agent_as_they_set_it(hub: RunningHub) -> None:
    ana = _session(hub, "ana")
    _available(ana)
    assert hub.run(sweep_once(hub.ctx)) == 0
    assert _status(hub, "ana") == "available"

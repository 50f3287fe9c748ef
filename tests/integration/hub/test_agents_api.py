"""``GET /api/v1/agents`` (who a conversation can be transferred to) and agents' status
changes on the stream, seen by everyone sharing a queue with the agent and nobody else."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub
from sse_reader import Sse, StreamReader

from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import users

# name: (role, queues); every test of this module shares the one team and hub.
TEAM = {
    "ana": ("agent", ("ventas",)),
    "beto": ("agent", ("soporte", "ventas")),
    "sol": ("agent", ("soporte",)),
    "lidia": ("supervisor", ("ventas",)),
    "root": ("admin", ()),
    "gone": ("agent", ("ventas",)),  # disabled below
}


@pytest.fixture(scope="module")
def team(module_db_url: str) -> Iterator[RunningHub]:
    with running_hub(module_db_url) as hub:
        for name, (role, queues) in TEAM.items():
            hub.add_user(name, role, queues)
        hub.ctx.db.write_sync(lambda c: users.set_disabled(c, "gone", True, now_ms()))
        yield hub


def _client(hub: RunningHub, name: str) -> httpx.Client:
    """A client in ``name``'s one session of this module (signing in again and again
    would end their oldest sessions, and those sessions' streams)."""
    if name not in hub.tokens:
        return hub.login(name)
    client = httpx.Client(
        base_url=hub.url, headers={"Authorization": f"Bearer {hub.tokens[name]}"}, timeout=10
    )
    hub.clients.append(client)
    return client


def _agents(hub: RunningHub, name: str) -> list[dict[str, Any]]:
    response = _client(hub, name).get("/api/v1/agents")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def test_an_agent_sees_the_colleagues_of_their_queues_and_never_a_disabled_one(
    team: RunningHub,
) -> None:
    assert [a["name"] for a in _agents(team, "ana")] == ["ana", "beto", "lidia"]
    assert [a["name"] for a in _agents(team, "sol")] == ["beto", "sol"]
    assert [a["name"] for a in _agents(team, "beto")] == ["ana", "beto", "lidia", "sol"]
    beto = next(a for a in _agents(team, "ana") if a["name"] == "beto")
    assert beto == {
        "id": team.user_ids["beto"],
        "name": "beto",
        "role": "agent",
        "status": "offline",
        "since": None,
        "capacity": 5,
        "queues": ["soporte", "ventas"],
    }


def test_a_supervisor_sees_their_queues_and_an_admin_every_enabled_user(
    team: RunningHub,
) -> None:
    assert [a["name"] for a in _agents(team, "lidia")] == ["ana", "beto", "lidia"]
    everyone = _agents(team, "root")
    assert [a["name"] for a in everyone] == ["ana", "beto", "lidia", "root", "sol"]
    assert {a["name"]: a["role"] for a in everyone}["lidia"] == "supervisor"


def test_agents_needs_a_live_session(team: RunningHub) -> None:
    anonymous = httpx.get(f"{team.url}/api/v1/agents")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "unauthorized"
    forged = httpx.get(f"{team.url}/api/v1/agents", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401


def test_agents_is_described_in_the_openapi_document(team: RunningHub) -> None:
    schema = httpx.get(f"{team.url}/openapi.json").json()
    described = schema["paths"]["/api/v1/agents"]["get"]["description"]
    assert "transfer" in described and "agent.status" in described


def _next_status(reader: StreamReader, timeout: float = 10) -> Sse:
    return reader.take(StreamEventKind.AGENT_STATUS, timeout)


def _quiet(reader: StreamReader, wait: float = 0.5) -> bool:
    """No status event arrives within ``wait`` seconds."""
    try:
        _next_status(reader, wait)
    except queue.Empty:
        return True
    return False


def test_a_status_change_reaches_everyone_sharing_a_queue_and_nobody_else(
    team: RunningHub,
) -> None:
    for name in ("ana", "sol", "lidia", "root", "beto"):
        _client(team, name)
    readers = {n: StreamReader(team.url, team.tokens[n]) for n in ("ana", "sol", "lidia", "root")}
    try:
        ready = {n: r.take("ready") for n, r in readers.items()}
        beto = _client(team, "beto")
        assert beto.put("/api/v1/me/status", json={"status": "asleep"}).status_code == 422
        assert beto.put("/api/v1/me/status", json={"status": "away"}).status_code == 200
        listed = next(a for a in _agents(team, "ana") if a["name"] == "beto")
        assert listed["status"] == "away"
        for reader in readers.values():  # beto is in ventas and soporte: everyone sees it
            assert _next_status(reader).data == listed

        # ana is in ventas only: sol (soporte) never hears of her.
        ana = _client(team, "ana")
        assert ana.put("/api/v1/me/status", json={"status": "available"}).status_code == 200
        for name in ("lidia", "root"):
            change = _next_status(readers[name])
            assert change.data["id"] == team.user_ids["ana"]
            assert change.data["status"] == "available"
        assert _next_status(readers["ana"]).data["name"] == "ana"
        # The same status again is no change: nothing is announced.
        assert beto.put("/api/v1/me/status", json={"status": "away"}).status_code == 200
        assert beto.put("/api/v1/me/status", json={"status": "available"}).status_code == 200
        after = _next_status(readers["sol"])
        assert (after.data["name"], after.data["status"]) == ("beto", "available")
        assert _quiet(readers["sol"])

        # Resumed from the store, the stream keeps the same audience.
        resumed = StreamReader(team.url, team.tokens["sol"], last_event_id=ready["sol"].id)
        try:
            seen = [_next_status(resumed).data for _ in range(2)]
            assert [(d["name"], d["status"]) for d in seen] == [
                ("beto", "away"),
                ("beto", "available"),
            ]
            assert _quiet(resumed)
        finally:
            resumed.close()
    finally:
        for reader in readers.values():
            reader.close()

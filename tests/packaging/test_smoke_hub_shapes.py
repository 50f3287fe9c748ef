"""The smoke test's stand-in hub answers like the real hub: for every endpoint it serves,
the same keys with values of the same types (compared with a real hub on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import PASSWORD, RunningHub, running_hub

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.smoke.demo_hub import SERVED, RunningSmokeHub, smoke_hub


@pytest.fixture(scope="module")
def real_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    store = tmp_path_factory.mktemp("real_hub") / "hub.sqlite3"
    with running_hub(f"sqlite:///{store}") as hub:
        hub.add_user("ana", "agent", ("ventas",))
        hub.add_user("bruno", "agent", ("ventas",))
        hub.run(_sync_templates(hub))
        hub.login("ana")
        hub.new_conversation("34611111111", seen_by="ana")
        yield hub


async def _sync_templates(hub: RunningHub) -> int:
    from wa_desk.hub.template_sync import sync_templates

    return await sync_templates(hub.ctx)


@pytest.fixture(scope="module")
def stand_in() -> Iterator[RunningSmokeHub]:
    with smoke_hub() as hub:
        yield hub


def shape(value: Any) -> Any:
    """Keys and types, recursively; a list by its first item's shape."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def _client(url: str, user: str, password: str) -> httpx.Client:
    login = httpx.post(f"{url}/api/v1/auth/login", json={"username": user, "password": password})
    assert login.status_code == 200, login.text
    client = httpx.Client(base_url=url, timeout=10)
    client.headers["Authorization"] = f"Bearer {login.json()['token']}"
    return client


def _event(user_id: str, seq: int = 1) -> dict[str, Any]:
    event = {
        "id": "01a24ba6-0000-7000-8000-000000000001",
        "device": f"01a24ba6-0000-7000-8000-00000000000f/{user_id}",
        "seq": seq,
        "at": "2026-11-24T10:15:00.123Z",
        "actor": user_id,
        "kind": "session.started",
        "conversation": None,
        "data": {},
    }
    return seal(event, GENESIS)


def _answers(url: str, user: str, password: str) -> dict[str, Any]:
    """What each served endpoint answers (its JSON, or its status when it has no body)."""
    login = httpx.post(f"{url}/api/v1/auth/login", json={"username": user, "password": password})
    bad = httpx.post(f"{url}/api/v1/auth/login", json={"username": user, "password": "x" * 12})
    client = _client(url, user, password)
    me = client.get("/api/v1/me").json()
    event = _event(me["id"])
    answers: dict[str, Any] = {
        "POST /api/v1/auth/login": login.json(),
        "POST /api/v1/auth/login refused": (bad.status_code, bad.json()),
        "GET /healthz": httpx.get(f"{url}/healthz").json(),
        "GET /api/v1/me": me,
        "GET /api/v1/policy": client.get("/api/v1/policy").json(),
        "GET /api/v1/templates": client.get("/api/v1/templates").json(),
        "GET /api/v1/agents": client.get("/api/v1/agents").json(),
        "GET /api/v1/conversations": client.get(
            "/api/v1/conversations", params={"limit": 200}
        ).json(),
        "GET /api/v1/events/acked": client.get(
            "/api/v1/events/acked", params={"device": event["device"]}
        ).json(),
        "POST /api/v1/events": client.post("/api/v1/events", json={"events": [event]}).json(),
        "unauthorized": (lambda r: (r.status_code, r.json()))(httpx.get(f"{url}/api/v1/me")),
    }
    etag = client.get("/api/v1/policy").headers["ETag"]
    answers["GET /api/v1/policy unchanged"] = client.get(
        "/api/v1/policy", headers={"If-None-Match": etag}
    ).status_code
    with client.stream("GET", "/api/v1/stream", timeout=5) as stream:
        lines = []
        for line in stream.iter_lines():
            lines.append(line)
            if line.startswith("data:"):
                break
        answers["GET /api/v1/stream"] = (
            stream.headers["content-type"],
            [ln.split(":")[0] for ln in lines],
        )
    answers["POST /api/v1/auth/logout"] = client.post("/api/v1/auth/logout").status_code
    client.close()
    return answers


def test_every_served_endpoint_is_compared() -> None:
    compared = {
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/logout",
        "POST /api/v1/events",
        "GET /healthz",
        "GET /api/v1/me",
        "GET /api/v1/policy",
        "GET /api/v1/templates",
        "GET /api/v1/agents",
        "GET /api/v1/conversations",
        "GET /api/v1/events/acked",
        "GET /api/v1/stream",
    }
    assert set(SERVED) == compared


def test_the_stand_in_answers_with_the_real_hubs_shapes(
    real_hub: RunningHub, stand_in: RunningSmokeHub
) -> None:
    real = _answers(real_hub.url, "ana", PASSWORD)
    mine = _answers(stand_in.url, stand_in.user_name, stand_in.state.password)
    assert set(real) == set(mine)
    for endpoint in real:
        assert shape(mine[endpoint]) == shape(real[endpoint]), endpoint

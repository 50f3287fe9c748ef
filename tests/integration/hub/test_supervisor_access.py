"""Who may call each supervisor endpoint, table-driven over every route under
``/api/v1/supervisor``: an agent is refused (403); a supervisor of *soporte* sees nothing
of *ventas* (404 for its conversation or agent, no row of it in a list); a supervisor of
*ventas* and an administrator are served. A route with no entry here fails the build, so
a new endpoint cannot skip these checks. SQLite, then PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import now_ms
from wa_desk.hub import alert_facts
from wa_desk.hub.app import create_api

PREFIX = "/api/v1/supervisor"
TEAM = {
    "bruno": ("agent", ("ventas",)),
    "lidia": ("supervisor", ("ventas",)),
    "olga": ("supervisor", ("soporte",)),
    "root": ("admin", ()),
}
CUSTOMER = "34611100001"  # writes to ventas


@dataclass(frozen=True)
class World:
    conversation: str  # of ventas, held by bruno
    agent: str  # bruno's id, an agent of ventas only
    alert: int  # an alert of ventas only (failing sends)

    def fill(self, path: str) -> str:
        return path.format(
            conversation_id=self.conversation, agent_id=self.agent, alert_id=self.alert
        )


def _today() -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}


def _last_day() -> dict[str, str]:
    now = datetime.now(UTC).replace(microsecond=0)
    return {
        "from": (now - timedelta(days=1)).isoformat().replace("+00:00", "Z"),
        "to": (now + timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
    }


@dataclass(frozen=True)
class Access:
    """How to call one route, and how it keeps *ventas* from a supervisor of *soporte*:
    ``"404"`` (the object is not theirs) or ``"rows"`` (a list without any of it)."""

    method: str
    path: str
    scoped: str
    params: Callable[[], dict[str, Any]] = field(default=dict)
    body: Callable[[World], dict[str, Any]] | None = None


ROUTES: list[Access] = [
    Access("GET", "/conversations/{conversation_id}/timeline", "404"),
    Access(
        "POST", "/conversations/{conversation_id}/assign", "404", body=lambda w: {"agent": w.agent}
    ),
    Access("PUT", "/agents/{agent_id}", "404", body=lambda w: {"capacity": 3}),
    Access("GET", "/agents/{agent_id}/status-history", "404"),
    Access("GET", "/agents/status-history", "rows"),
    Access("GET", "/report", "rows", params=lambda: {**_today(), "group": "queue"}),
    Access("GET", "/report.csv", "rows", params=_today),
    Access("GET", "/heatmap", "rows", params=lambda: {**_last_day(), "metric": "volume"}),
    Access(
        "GET", "/conversations", "rows", params=lambda: {**_last_day(), "metric": "conversations"}
    ),
    Access("GET", "/wallboard", "rows"),
    Access("GET", "/alerts", "rows", params=lambda: {"state": "all"}),
    Access("POST", "/alerts/{alert_id}/ack", "404", body=lambda w: {"note": "on it"}),
    Access("POST", "/alerts/{alert_id}/snooze", "404", body=lambda w: {"minutes": 5}),
]


def _key(method: str, path: str) -> tuple[str, str]:
    return method, path.removeprefix(PREFIX)


@pytest.fixture(scope="module")
def hub(module_db_url: str) -> Iterator[RunningHub]:
    with running_hub(module_db_url) as running:
        running.sign_in_team(TEAM)
        yield running


@pytest.fixture(scope="module")
def world(hub: RunningHub) -> World:
    conversation = hub.new_conversation(CUSTOMER, seen_by="bruno")
    claimed = hub.client("bruno").post(f"/api/v1/conversations/{conversation}/claim")
    assert claimed.status_code == 200, claimed.text
    raised = hub.ctx.db.write_sync(
        lambda c: alert_facts.send_failed(c, "ventas", 131026, AlertPolicy(), now_ms())
    )
    return World(conversation, hub.user_ids["bruno"], int(orjson.loads(raised[0].data)["id"]))


def _call(hub: RunningHub, who: str, access: Access, world: World) -> httpx.Response:
    return hub.client(who).request(
        access.method,
        PREFIX + world.fill(access.path),
        params=access.params(),
        json=None if access.body is None else access.body(world),
    )


def test_every_supervisor_route_is_in_the_table(hub: RunningHub) -> None:
    paths = create_api(hub.ctx).openapi()["paths"]
    served = {
        _key(method.upper(), path)
        for path, operations in paths.items()
        if path.startswith(PREFIX)
        for method in operations
    }
    assert served == {(a.method, a.path) for a in ROUTES}


@pytest.mark.parametrize("access", ROUTES, ids=lambda a: f"{a.method} {a.path}")
def test_an_agent_is_refused(hub: RunningHub, world: World, access: Access) -> None:
    response = _call(hub, "bruno", access, world)
    assert response.status_code == 403, response.text


@pytest.mark.parametrize("access", ROUTES, ids=lambda a: f"{a.method} {a.path}")
def test_a_supervisor_of_another_queue_sees_nothing_of_it(
    hub: RunningHub, world: World, access: Access
) -> None:
    response = _call(hub, "olga", access, world)
    if access.scoped == "404":
        assert response.status_code == 404, response.text
        return
    assert response.status_code == 200, response.text
    for secret in ("ventas", world.conversation, world.agent, "bruno"):
        assert secret not in response.text


@pytest.mark.parametrize("access", ROUTES, ids=lambda a: f"{a.method} {a.path}")
@pytest.mark.parametrize("who", ["lidia", "root"])
def test_the_queues_supervisor_and_an_administrator_are_served(
    hub: RunningHub, world: World, access: Access, who: str
) -> None:
    response = _call(hub, who, access, world)
    assert response.status_code == 200, response.text
    if access.scoped == "rows":
        assert "ventas" in response.text or world.conversation in response.text

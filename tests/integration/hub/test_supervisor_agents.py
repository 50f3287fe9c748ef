"""Supervisors act on the work of their queues: hand a conversation to an agent
(``POST /api/v1/supervisor/conversations/{id}/assign``), set an agent's capacity or status
(``PUT /api/v1/supervisor/agents/{id}``) and read an agent's status timeline
(``GET /api/v1/supervisor/agents/{id}/status-history``). Recorded in the hub's chain,
announced on the stream, harmless when retried, and only within the supervisor's queues.
On both stores."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import RunningHub, running_hub
from sse_reader import StreamReader

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import audit_export
from wa_desk.hub.queries.audit_log import HUB_DEVICE

# name: (role, queues)
TEAM = {
    "bruno": ("agent", ("ventas",)),
    "carla": ("agent", ("ventas",)),
    "sol": ("agent", ("soporte",)),
    "lidia": ("supervisor", ("ventas",)),
    "olga": ("supervisor", ("soporte",)),
    "root": ("admin", ()),
}


@pytest.fixture(scope="module")
def hub(module_db_url: str) -> Iterator[RunningHub]:
    with running_hub(module_db_url) as running:
        running.sign_in_team(TEAM)
        yield running


def _client(hub: RunningHub, name: str) -> httpx.Client:
    return hub.client(name)


def _conversation(hub: RunningHub, customer: str) -> str:
    return hub.new_conversation(customer, seen_by="lidia")


def _assign(
    hub: RunningHub, who: str, conv_id: str, agent: str, key: str | None = None
) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return _client(hub, who).post(
        f"/api/v1/supervisor/conversations/{conv_id}/assign",
        json={"agent": hub.user_ids.get(agent, agent)},
        headers=headers,
    )


def _put_agent(
    hub: RunningHub, who: str, agent: str, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return _client(hub, who).put(
        f"/api/v1/supervisor/agents/{hub.user_ids[agent]}", json=body, headers=headers
    )


def _hub_facts(hub: RunningHub, kind: str, conv_id: str | None = None) -> list[dict[str, Any]]:
    """The data of the hub's facts of ``kind`` (about ``conv_id``, or about no conversation)."""
    where = "conversation_id = ?" if conv_id else "conversation_id IS NULL"
    params = (HUB_DEVICE, kind, *((conv_id,) if conv_id else ()))
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            f"SELECT actor, data FROM audit_events WHERE device = ? AND kind = ? AND {where} "  # noqa: S608 - constants
            "ORDER BY seq",
            params,
        )
    )
    return [{"actor": r["actor"], **orjson.loads(r["data"])} for r in rows]


def _assignees(hub: RunningHub, conv_id: str) -> list[str]:
    today = datetime.now(UTC).date()
    rng = audit_export.parse_range(str(today - timedelta(days=1)), str(today + timedelta(days=1)))
    rows = hub.ctx.db.read_sync(
        lambda c: list(audit_export.conversation_rows(c, rng, redacted=False))
    )
    (row,) = [r for r in rows if r["id"] == conv_id]
    held: list[str] = row["assignees"]
    return held


def test_a_supervisor_assigns_and_reassigns_within_their_queue(hub: RunningHub) -> None:
    conv_id = _conversation(hub, "34633000001")
    first = _assign(hub, "lidia", conv_id, "bruno", key="a-1")
    assert first.status_code == 200, first.text
    assert (first.json()["state"], first.json()["assignee"]) == ("assigned", hub.user_ids["bruno"])

    bruno_stream = StreamReader(hub.url, hub.tokens["bruno"])
    try:
        bruno_stream.take("ready")
        moved = _assign(hub, "lidia", conv_id, "carla", key="a-2")
        assert moved.status_code == 200, moved.text
        assert moved.json()["assignee"] == hub.user_ids["carla"]
        # bruno's app hears the conversation left him.
        updated = bruno_stream.take(StreamEventKind.CONVERSATION_UPDATED)
        assert (updated.data["id"], updated.data["assignee"]) == (conv_id, hub.user_ids["carla"])
    finally:
        bruno_stream.close()

    # A retry of the same request changes, records and announces nothing.
    again = _assign(hub, "lidia", conv_id, "carla", key="a-2")
    assert again.status_code == 200 and again.json()["assignee"] == hub.user_ids["carla"]
    facts = _hub_facts(hub, AuditKind.CONVERSATION_ASSIGNED, conv_id)
    assert facts == [
        {
            "actor": hub.user_ids["lidia"],
            "from_user": None,
            "to_user": hub.user_ids["bruno"],
            "queue": "ventas",
            "idempotency_key": "a-1",
        },
        {
            "actor": hub.user_ids["lidia"],
            "from_user": hub.user_ids["bruno"],
            "to_user": hub.user_ids["carla"],
            "queue": "ventas",
            "idempotency_key": "a-2",
        },
    ]
    # The export names both holders, in order; carla may now answer, bruno not.
    assert _assignees(hub, conv_id) == ["bruno", "carla"]
    refused = _client(hub, "bruno").post(f"/api/v1/conversations/{conv_id}/release")
    assert refused.status_code == 403
    # An administrator assigns in any queue.
    assert _assign(hub, "root", conv_id, "bruno").status_code == 200


def test_an_assignment_sent_again_with_its_key_acts_once_even_after_a_change(
    hub: RunningHub,
) -> None:
    """A desktop's outbox may send an assignment again (its answer was lost): the hub
    knows the key and does nothing more, though the conversation moved meanwhile."""
    conv_id = _conversation(hub, "34633000051")
    assert _assign(hub, "lidia", conv_id, "bruno", key="r-1").status_code == 200
    # Meanwhile it went on to Carla.
    assert _assign(hub, "lidia", conv_id, "carla", key="r-2").status_code == 200
    again = _assign(hub, "lidia", conv_id, "bruno", key="r-1")
    assert again.status_code == 200, again.text
    assert again.json()["assignee"] == hub.user_ids["carla"]  # as it is now
    facts = _hub_facts(hub, AuditKind.CONVERSATION_ASSIGNED, conv_id)
    assert [(f["to_user"], f["idempotency_key"]) for f in facts] == [
        (hub.user_ids["bruno"], "r-1"),
        (hub.user_ids["carla"], "r-2"),
    ]
    # Another lead's request with the same key is not this one: it acts.
    assert (
        _assign(hub, "root", conv_id, "bruno", key="r-1").json()["assignee"]
        == (hub.user_ids["bruno"])
    )


@pytest.mark.parametrize(
    ("customer", "who", "agent", "setup", "status", "code"),
    [
        ("34633100001", "bruno", "carla", "queued", 403, "forbidden"),  # an agent
        ("34633100002", "olga", "bruno", "queued", 404, "not_found"),  # another queue's lead
        ("34633100003", "lidia", "sol", "queued", 409, "no_target"),  # not in the queue
        ("34633100004", "lidia", "root", "held", 409, "no_target"),  # an admin of no queue
        ("34633100005", "lidia", "carla", "closed", 409, "conversation_closed"),
        ("34633100006", "lidia", "nobody", "queued", 409, "no_target"),
    ],
)
def test_an_assignment_is_refused_outside_the_callers_reach(
    hub: RunningHub, customer: str, who: str, agent: str, setup: str, status: int, code: str
) -> None:
    conv_id = _conversation(hub, customer)
    if setup in ("held", "closed"):
        assert _client(hub, "bruno").post(f"/api/v1/conversations/{conv_id}/claim").is_success
    if setup == "closed":
        closing = {"disposition": "resolved"}
        closed = _client(hub, "bruno").post(f"/api/v1/conversations/{conv_id}/close", json=closing)
        assert closed.status_code == 200, closed.text
    response = _assign(hub, who, conv_id, agent)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert _hub_facts(hub, AuditKind.CONVERSATION_ASSIGNED, conv_id) == []


def _agents(hub: RunningHub, name: str) -> dict[str, dict[str, Any]]:
    response = _client(hub, name).get("/api/v1/agents")
    assert response.status_code == 200, response.text
    return {a["name"]: a for a in response.json()["items"]}


def test_a_supervisor_sets_an_agents_capacity_and_status(hub: RunningHub) -> None:
    assert _agents(hub, "carla")["bruno"]["capacity"] == 5  # the built-in default
    lidia_stream = StreamReader(hub.url, hub.tokens["lidia"])
    try:
        lidia_stream.take("ready")
        before = now_ms()
        response = _put_agent(hub, "lidia", "bruno", {"capacity": 2, "status": "busy"}, key="p-1")
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["capacity"], body["status"]) == (2, "busy")
        assert body["since"] >= to_rfc3339(before)
        heard = lidia_stream.take(StreamEventKind.AGENT_STATUS)
        assert heard.data == body
    finally:
        lidia_stream.close()
    # Colleagues see it in the transfer list.
    seen = _agents(hub, "carla")["bruno"]
    assert (seen["capacity"], seen["status"], seen["since"]) == (2, "busy", body["since"])

    # A retry records nothing more; both changes are the hub's facts in lidia's name.
    assert _put_agent(
        hub, "lidia", "bruno", {"capacity": 2, "status": "busy"}, key="p-1"
    ).is_success
    bruno = hub.user_ids["bruno"]
    lidia = hub.user_ids["lidia"]
    capacity_facts = [
        f for f in _hub_facts(hub, AuditKind.AGENT_CAPACITY_CHANGED) if f["user"] == bruno
    ]
    assert capacity_facts == [
        {
            "actor": lidia,
            "user": bruno,
            "from_capacity": None,
            "capacity": 2,
            "idempotency_key": "p-1",
        }
    ]
    status_facts = [
        f for f in _hub_facts(hub, AuditKind.AGENT_STATUS_CHANGED) if f["user"] == bruno
    ]
    assert status_facts == [
        {
            "actor": lidia,
            "user": bruno,
            "from_status": "offline",
            "status": "busy",
            "idempotency_key": "p-1",
        }
    ]

    # A key left out stays; a null capacity goes back to the policy's default.
    back = _put_agent(hub, "root", "bruno", {"capacity": None})
    assert back.status_code == 200, back.text
    assert (back.json()["capacity"], back.json()["status"]) == (5, "busy")


@pytest.mark.parametrize(
    ("who", "agent", "status", "code"),
    [
        ("bruno", "carla", 403, "forbidden"),  # an agent, even on a colleague
        ("bruno", "bruno", 403, "forbidden"),  # or on themself
        ("olga", "bruno", 404, "not_found"),  # a lead who shares no queue with him
        ("lidia", "sol", 404, "not_found"),
        ("lidia", "olga", 404, "not_found"),
    ],
)
def test_an_agent_change_is_refused_outside_the_callers_reach(
    hub: RunningHub, who: str, agent: str, status: int, code: str
) -> None:
    before = _agents(hub, "root")[agent]
    response = _put_agent(hub, who, agent, {"capacity": 9, "status": "away"})
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert _agents(hub, "root")[agent] == before
    history = _client(hub, who).get(
        f"/api/v1/supervisor/agents/{hub.user_ids[agent]}/status-history"
    )
    assert history.status_code == status


def test_an_admin_sets_anyone_and_a_bad_value_is_refused(hub: RunningHub) -> None:
    assert _put_agent(hub, "root", "olga", {"status": "away"}).json()["status"] == "away"
    for bad in ({"capacity": 0}, {"capacity": 101}, {"status": "sleeping"}, {"capacity": "3x"}):
        response = _put_agent(hub, "root", "sol", bad)
        assert response.status_code == 422, (bad, response.text)


def test_the_status_timeline_keeps_every_change(hub: RunningHub) -> None:
    start = now_ms() - 1
    carla = _client(hub, "carla")
    assert (
        carla.put("/api/v1/me/status", json={"status": "available"}).json()["status"] == "available"
    )
    assert _put_agent(hub, "lidia", "carla", {"status": "busy"}).is_success
    assert carla.put("/api/v1/me/status", json={"status": "busy"}).is_success  # no change
    assert carla.put("/api/v1/me/status", json={"status": "away"}).is_success
    end = now_ms() + 60_000
    response = _client(hub, "lidia").get(
        f"/api/v1/supervisor/agents/{hub.user_ids['carla']}/status-history",
        params={"from": to_rfc3339(start), "to": to_rfc3339(end)},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"]
    assert [(i["status"], i["lasts"], i["set_by"]) for i in items] == [
        ("available", False, hub.user_ids["carla"]),
        ("busy", False, hub.user_ids["lidia"]),
        ("away", True, hub.user_ids["carla"]),
    ]
    # Stretches follow one another with no gap, each within the range asked for.
    assert all(a["end"] == b["start"] for a, b in itertools.pairwise(items))
    assert items[0]["start"] >= body["from"] and items[-1]["end"] <= body["to"]
    # Signing out of her last session ends "away": the hub sets her offline.
    carla.post("/api/v1/auth/logout")
    later = _client(hub, "lidia").get(
        f"/api/v1/supervisor/agents/{hub.user_ids['carla']}/status-history",
        params={"from": to_rfc3339(start), "to": to_rfc3339(end)},
    )
    last = later.json()["items"][-1]
    assert (last["status"], last["lasts"], last["set_by"]) == ("offline", True, None)
    hub.login("carla")


@pytest.mark.parametrize(
    "params",
    [
        {"from": "yesterday"},
        {"to": "2026-01-01T00:00:00"},
        {"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
        {"from": "2025-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
    ],
)
def test_a_bad_range_is_refused(hub: RunningHub, params: dict[str, str]) -> None:
    response = _client(hub, "root").get(
        f"/api/v1/supervisor/agents/{hub.user_ids['bruno']}/status-history", params=params
    )
    assert response.status_code == 400, response.text


def test_an_agent_change_sent_again_with_its_key_acts_once_even_after_a_change(
    hub: RunningHub,
) -> None:
    first = _put_agent(hub, "lidia", "carla", {"status": "away"}, key="c-1")
    assert first.status_code == 200 and first.json()["status"] == "away", first.text
    assert _put_agent(hub, "root", "carla", {"status": "busy"}).is_success
    again = _put_agent(hub, "lidia", "carla", {"status": "away"}, key="c-1")
    assert again.status_code == 200, again.text
    assert again.json()["status"] == "busy"  # as it is now: not set back
    carla = hub.user_ids["carla"]
    keyed = [
        f
        for f in _hub_facts(hub, AuditKind.AGENT_STATUS_CHANGED)
        if f["user"] == carla and f.get("idempotency_key") == "c-1"
    ]
    assert [f["status"] for f in keyed] == ["away"]


def test_every_visible_agents_timeline_comes_in_one_read(hub: RunningHub) -> None:
    """``GET /api/v1/supervisor/agents/status-history``: one list per agent the caller's
    wallboard shows (its queues' members; everyone's for an administrator), each the
    same stretches the agent's own route gives."""
    start = now_ms() - 1
    assert _put_agent(hub, "lidia", "bruno", {"status": "busy"}).is_success
    assert _put_agent(hub, "olga", "sol", {"status": "away"}).is_success
    params = {"from": to_rfc3339(start), "to": to_rfc3339(now_ms() + 60_000)}

    def timelines(who: str) -> dict[str, list[dict[str, Any]]]:
        response = _client(hub, who).get("/api/v1/supervisor/agents/status-history", params=params)
        assert response.status_code == 200, response.text
        assert response.json()["next"] is None
        return {i["name"]: i["items"] for i in response.json()["items"]}

    ventas = timelines("lidia")
    assert {"bruno", "carla", "lidia"} <= set(ventas) and "sol" not in ventas
    assert ventas["bruno"][-1]["status"] == "busy" and ventas["bruno"][-1]["lasts"]
    alone = _client(hub, "lidia").get(
        f"/api/v1/supervisor/agents/{hub.user_ids['bruno']}/status-history", params=params
    )

    def without_now(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**i, "end": None} if i["lasts"] else i for i in items]  # a lasting one ends now

    assert without_now(ventas["bruno"]) == without_now(alone.json()["items"])
    everyone = timelines("root")
    assert {"bruno", "carla", "sol", "lidia", "olga"} <= set(everyone)
    assert everyone["sol"][-1]["status"] == "away"
    assert "bruno" not in timelines("olga")
    refused = _client(hub, "bruno").get("/api/v1/supervisor/agents/status-history")
    assert refused.status_code == 403
    bad = _client(hub, "root").get(
        "/api/v1/supervisor/agents/status-history",
        params={"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
    )
    assert bad.status_code == 400

"""Routing with capacity against the simulator: round robin and least busy, only to
available agents under their capacity, as soon as one frees up; sticky customers within
the days and not after; a silent assignee's conversation back to the queue; each
automatic assignment and return recorded in the hub's chain. SQLite, then PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import RunningHub, running_hub, wait_for

from wa_desk.core.audit_chain import verify
from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.routing import ROUTING_ACTOR
from wa_desk.hub.queries import audit_log
from wa_desk.hub.routing_loop import route_now, sweep_once
from wa_desk.hub.settings import policy_guidelines

AGENTS = ("ana", "bruno", "carla")


def _policy(routing: dict[str, Any], capacity: int | None = None) -> Guidelines:
    raw: dict[str, Any] = {"routing": [{"queue": "ventas", **routing}]}
    if capacity is not None:
        raw["agents"] = [{"queue": "*", "capacity": capacity}]
    return policy_guidelines(raw)


def _hub(db_url: str, guidelines: Guidelines, *agents: str) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"guidelines": guidelines}) as hub:
        hub.sign_in_team({"lidia": ("supervisor", ("ventas",))})
        hub.sign_in_team({name: ("agent", ("ventas",)) for name in agents})
        yield hub


@pytest.fixture
def round_robin_hub(db_url: str) -> Iterator[RunningHub]:
    yield from _hub(db_url, _policy({"mode": "round_robin"}), *AGENTS)


def _status(hub: RunningHub, agent: str, status: str) -> None:
    response = hub.client(agent).put("/api/v1/me/status", json={"status": status})
    assert response.status_code == 200, response.text


def _conversation(hub: RunningHub, conversation_id: str) -> dict[str, Any]:
    row: dict[str, Any] = hub.ctx.db.read_sync(
        lambda c: c.one("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
    )
    return row


def _arrives(hub: RunningHub, wa_id: str) -> str:
    return hub.new_conversation(wa_id, seen_by="lidia")


def _assigned_to(hub: RunningHub, conversation_id: str) -> str:
    """The agent the routing gave the conversation to, once it has."""
    holder: str = wait_for(lambda: _conversation(hub, conversation_id)["assignee"])
    return holder


def _name(hub: RunningHub, user_id: str) -> str:
    return next(name for name, uid in hub.user_ids.items() if uid == user_id)


def _chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 100_000)))


def _routing_facts(hub: RunningHub, kind: str, conversation_id: str) -> list[dict[str, Any]]:
    return [
        e
        for e in _chain(hub)
        if (e["kind"], e["conversation"], e["actor"]) == (kind, conversation_id, ROUTING_ACTOR)
    ]


def _close(hub: RunningHub, agent: str, conversation_id: str) -> None:
    response = hub.client(agent).post(
        f"/api/v1/conversations/{conversation_id}/close", json={"disposition": "resolved"}
    )
    assert response.status_code == 200, response.text


def test_round_robin_gives_each_available_agent_in_turn_and_records_it(
    round_robin_hub: RunningHub,
) -> None:
    hub = round_robin_hub
    for agent in AGENTS:
        _status(hub, agent, "available")
    in_turn = sorted(hub.user_ids[a] for a in AGENTS)
    given = []
    for i in range(6):
        conversation_id = _arrives(hub, f"3461100{i:04d}")
        given.append(_assigned_to(hub, conversation_id))
        facts = _routing_facts(hub, "conversation.assigned", conversation_id)
        assert [f["data"] for f in facts] == [
            {
                "from_user": None,
                "to_user": given[-1],
                "queue": "ventas",
                "mode": "round_robin",
                "reason": "round_robin",
            }
        ]
    assert given == in_turn * 2
    assert verify(_chain(hub)) == []


def test_the_round_robin_turn_is_kept_in_the_store(round_robin_hub: RunningHub) -> None:
    """The next agent follows the last one given, as the store remembers it (another
    replica, or this hub after a restart, reads the same)."""
    hub = round_robin_hub
    in_turn = sorted(hub.user_ids[a] for a in AGENTS)
    for agent in AGENTS:
        _status(hub, agent, "available")
    first = _assigned_to(hub, _arrives(hub, "34611000001"))
    stored = hub.ctx.db.read_sync(
        lambda c: c.scalar("SELECT last_user FROM routing_turns WHERE queue = 'ventas'")
    )
    assert stored == first == in_turn[0]
    assert _assigned_to(hub, _arrives(hub, "34611000002")) == in_turn[1]


def test_the_round_robin_goes_on_where_it_was_after_a_restart(db_url: str) -> None:
    policy = {"guidelines": _policy({"mode": "round_robin"})}
    in_turn: list[str] = []
    with running_hub(db_url, hub_settings=policy) as before:
        before.sign_in_team({name: ("agent", ("ventas",)) for name in AGENTS})
        before.sign_in_team({"lidia": ("supervisor", ("ventas",))})
        for agent in AGENTS:
            _status(before, agent, "available")
        in_turn = sorted(before.user_ids[a] for a in AGENTS)
        assert _assigned_to(before, _arrives(before, "34611100001")) == in_turn[0]
        team = dict(before.user_ids)
    with running_hub(db_url, hub_settings=policy) as after:  # the same store, started again
        after.user_ids.update(team)
        after.login("lidia")
        assert _assigned_to(after, _arrives(after, "34611100002")) == in_turn[1]


def test_a_manual_queue_with_sticky_days_routes_only_returning_customers(db_url: str) -> None:
    for hub in _hub(db_url, _policy({"mode": "manual", "sticky_days": 3}), *AGENTS):
        again = _returning_customer(hub, "34655000009", closed_days_ago=1)
        assert _assigned_to(hub, again) == hub.user_ids["bruno"]
        newcomer = _arrives(hub, "34655000010")
        assert hub.run(sweep_once(hub.ctx, now_ms())) == (0, 0)
        assert _conversation(hub, newcomer)["state"] == "queued"


def test_nobody_away_or_at_capacity_gets_one_and_a_freed_agent_gets_the_waiting_one_at_once(
    db_url: str,
) -> None:
    for hub in _hub(db_url, _policy({"mode": "round_robin"}, capacity=2), *AGENTS):
        _status(hub, "ana", "available")
        _status(hub, "bruno", "away")  # carla stays offline, as she signed in
        held = [_arrives(hub, f"3462200000{i}") for i in range(3)]
        assert [_assigned_to(hub, c) for c in held[:2]] == [hub.user_ids["ana"]] * 2
        # Ana is at her capacity: the third waits in the queue.
        third = _conversation(hub, held[2])
        assert (third["state"], third["assignee"]) == ("queued", None)
        _close(hub, "ana", held[0])
        assert _assigned_to(hub, held[2]) == hub.user_ids["ana"]
        fourth = _arrives(hub, "34622000009")
        assert _conversation(hub, fourth)["assignee"] is None
        _status(hub, "bruno", "available")  # bruno comes back: the fourth is his
        assert _assigned_to(hub, fourth) == hub.user_ids["bruno"]
        carla = hub.user_ids["carla"]
        assert not [e for e in _chain(hub) if (e["data"] or {}).get("to_user") == carla]


def test_a_transfer_to_a_queue_and_a_release_are_routed_at_once(db_url: str) -> None:
    policy = policy_guidelines({"routing": [{"queue": "*", "mode": "round_robin"}]})
    with running_hub(db_url, hub_settings={"guidelines": policy}) as hub:
        hub.sign_in_team({"lidia": ("supervisor", ("ventas", "soporte"))})
        hub.sign_in_team({"ana": ("agent", ("ventas",)), "sara": ("agent", ("soporte",))})
        _status(hub, "ana", "available")
        _status(hub, "sara", "available")
        conversation_id = _arrives(hub, "34699000001")
        assert _assigned_to(hub, conversation_id) == hub.user_ids["ana"]
        moved = hub.client("ana").post(
            f"/api/v1/conversations/{conversation_id}/transfer", json={"to_queue": "soporte"}
        )
        assert moved.status_code == 200, moved.text
        assert _assigned_to(hub, conversation_id) == hub.user_ids["sara"]
        assert _conversation(hub, conversation_id)["queue"] == "soporte"
        released = hub.client("sara").post(f"/api/v1/conversations/{conversation_id}/release")
        assert released.status_code == 200, released.text
        # Back in the queue, and given again: sara is its only available agent.
        assert _assigned_to(hub, conversation_id) == hub.user_ids["sara"]
        facts = _routing_facts(hub, "conversation.assigned", conversation_id)
        assert [(f["data"]["to_user"], f["data"]["queue"]) for f in facts] == [
            (hub.user_ids["ana"], "ventas"),
            (hub.user_ids["sara"], "soporte"),
            (hub.user_ids["sara"], "soporte"),
        ]


def test_a_raised_capacity_lets_the_agent_take_the_waiting_one(db_url: str) -> None:
    for hub in _hub(db_url, _policy({"mode": "least_busy"}, capacity=1), "ana"):
        _status(hub, "ana", "available")
        first, second = _arrives(hub, "34633000001"), _arrives(hub, "34633000002")
        assert _assigned_to(hub, first) == hub.user_ids["ana"]
        assert _conversation(hub, second)["assignee"] is None
        response = hub.client("lidia").put(
            f"/api/v1/supervisor/agents/{hub.user_ids['ana']}", json={"capacity": 2}
        )
        assert response.status_code == 200, response.text
        assert _assigned_to(hub, second) == hub.user_ids["ana"]


def test_least_busy_gives_the_fewest_held_then_the_longest_without_one(db_url: str) -> None:
    for hub in _hub(db_url, _policy({"mode": "least_busy"}), *AGENTS):
        # Nobody available yet: the first three wait, and agents take them by hand.
        claimed = [_arrives(hub, f"3464400000{i}") for i in range(3)]
        for agent, conversation_id in zip(("ana", "ana", "carla"), claimed, strict=True):
            response = hub.client(agent).post(f"/api/v1/conversations/{conversation_id}/claim")
            assert response.status_code == 200, response.text
        for agent in AGENTS:
            _status(hub, agent, "available")
        # Held: ana 2, bruno 0, carla 1.
        first = _assigned_to(hub, _arrives(hub, "34644000011"))
        assert first == hub.user_ids["bruno"]
        # bruno 1 and carla 1: carla has had none from the routing yet.
        second = _arrives(hub, "34644000012")
        assert _assigned_to(hub, second) == hub.user_ids["carla"]
        facts = _routing_facts(hub, "conversation.assigned", second)
        assert (facts[0]["data"]["mode"], facts[0]["data"]["reason"]) == ("least_busy",) * 2
        # ana 2, bruno 1, carla 2.
        assert _assigned_to(hub, _arrives(hub, "34644000013")) == hub.user_ids["bruno"]


def _returning_customer(hub: RunningHub, wa_id: str, closed_days_ago: float) -> str:
    """The customer's conversation held by bruno and closed ``closed_days_ago``; then
    they write again: the new conversation's id."""
    first = _arrives(hub, wa_id)
    claimed = hub.client("bruno").post(f"/api/v1/conversations/{first}/claim")
    assert claimed.status_code == 200, claimed.text
    _close(hub, "bruno", first)
    closed_at = now_ms() - int(closed_days_ago * DAY_MS)
    moved = "UPDATE conversations SET closed_at = ? WHERE id = ?"
    hub.ctx.db.write_sync(lambda c: c.execute(moved, (closed_at, first)))
    for agent in AGENTS:
        _status(hub, agent, "available")
    hub.customer_writes(f"wamid.again.{wa_id}", wa_id, "Hola otra vez")

    def reopened() -> str | None:
        rows = hub.ctx.db.read_sync(
            lambda c: c.all(
                "SELECT id FROM conversations WHERE wa_id = ? AND state <> 'closed'", (wa_id,)
            )
        )
        return str(rows[0]["id"]) if rows else None

    found: str = wait_for(reopened)
    return found


@pytest.fixture
def sticky_hub(db_url: str) -> Iterator[RunningHub]:
    yield from _hub(db_url, _policy({"mode": "round_robin", "sticky_days": 3}), *AGENTS)


def test_a_returning_customer_goes_to_their_last_agent_within_the_days(
    sticky_hub: RunningHub,
) -> None:
    hub = sticky_hub
    # Round robin alone would give it to the first in turn; bruno is not.
    assert sorted(hub.user_ids[a] for a in AGENTS)[0] != hub.user_ids["bruno"]
    again = _returning_customer(hub, "34655000001", closed_days_ago=2.5)
    assert _assigned_to(hub, again) == hub.user_ids["bruno"]
    facts = _routing_facts(hub, "conversation.assigned", again)
    assert (facts[0]["data"]["mode"], facts[0]["data"]["reason"]) == ("round_robin", "sticky")


def test_after_the_days_a_returning_customer_is_routed_as_anyone(sticky_hub: RunningHub) -> None:
    hub = sticky_hub
    again = _returning_customer(hub, "34655000002", closed_days_ago=3.5)
    first_in_turn = sorted(hub.user_ids[a] for a in AGENTS)[0]
    assert _assigned_to(hub, again) == first_in_turn
    facts = _routing_facts(hub, "conversation.assigned", again)
    assert facts[0]["data"]["reason"] == "round_robin"


def test_a_returning_customer_whose_agent_is_away_goes_by_the_queues_mode(
    sticky_hub: RunningHub,
) -> None:
    hub = sticky_hub
    for agent in AGENTS:
        _status(hub, agent, "available")
    _status(hub, "bruno", "away")
    first = _arrives(hub, "34655000003")
    taken = _assigned_to(hub, first)
    _close(hub, _name(hub, taken), first)
    _status(hub, _name(hub, taken), "away")
    hub.customer_writes("wamid.again.34655000003", "34655000003", "Sigo aquí")
    again = wait_for(
        lambda: hub.ctx.db.read_sync(
            lambda c: c.scalar(
                "SELECT id FROM conversations WHERE wa_id = ? AND state <> 'closed'",
                ("34655000003",),
            )
        )
    )
    holder = _assigned_to(hub, again)
    assert holder not in (taken, hub.user_ids["bruno"])
    assert _routing_facts(hub, "conversation.assigned", again)[0]["data"]["reason"] == "round_robin"


def test_a_customer_left_waiting_on_a_silent_assignee_goes_back_and_to_someone_else(
    db_url: str,
) -> None:
    policy = _policy({"mode": "round_robin", "reassign_after_minutes": 10})
    for hub in _hub(db_url, policy, "ana", "bruno"):
        _status(hub, "ana", "available")
        conversation_id = _arrives(hub, "34666000001")
        assert _assigned_to(hub, conversation_id) == hub.user_ids["ana"]
        _status(hub, "bruno", "available")
        # Nine minutes on: still ana's.
        assert hub.run(sweep_once(hub.ctx, now_ms() + 9 * 60_000)) == (0, 0)
        assert _conversation(hub, conversation_id)["assignee"] == hub.user_ids["ana"]
        # Eleven: back to the queue, and to bruno (not ana again).
        back, _ = hub.run(sweep_once(hub.ctx, now_ms() + 11 * 60_000))
        assert back == 1
        assert _assigned_to(hub, conversation_id) == hub.user_ids["bruno"]
        requeued = _routing_facts(hub, "conversation.requeued", conversation_id)
        assert len(requeued) == 1
        data = requeued[0]["data"]
        assert (data["from_user"], data["queue"], data["after_minutes"]) == (
            hub.user_ids["ana"],
            "ventas",
            10,
        )
        assigned = _routing_facts(hub, "conversation.assigned", conversation_id)
        assert [f["data"]["to_user"] for f in assigned] == [
            hub.user_ids["ana"],
            hub.user_ids["bruno"],
        ]
        assert verify(_chain(hub)) == []
        # A lead's timeline names the agents, as the desktop shows them.
        timeline = hub.client("lidia").get(
            f"/api/v1/supervisor/conversations/{conversation_id}/timeline"
        )
        assert timeline.status_code == 200, timeline.text
        # (In time order, the sweep's return, made "eleven minutes on", may come after the
        # assignment made right after it on the real clock: compared in any order.)
        routed = [
            (i["kind"], i["people"])
            for i in timeline.json()["items"]
            if i["source"] == "hub" and i["actor"]["id"] == ROUTING_ACTOR
        ]
        ana, bruno = hub.user_ids["ana"], hub.user_ids["bruno"]
        assert sorted(routed, key=str) == sorted(
            [
                ("conversation.assigned", {ana: "ana"}),
                ("conversation.requeued", {ana: "ana"}),
                ("conversation.assigned", {bruno: "bruno"}),
            ],
            key=str,
        )


def test_a_manual_queue_is_left_to_its_agents(db_url: str) -> None:
    for hub in _hub(db_url, _policy({"mode": "manual"}), "ana"):
        _status(hub, "ana", "available")
        conversation_id = _arrives(hub, "34677000001")
        assert hub.run(sweep_once(hub.ctx, now_ms())) == (0, 0)
        assert _conversation(hub, conversation_id)["state"] == "queued"


def _routing_reads(hub: RunningHub, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many reads the routing after a commit makes (nobody is available)."""
    reads: list[object] = []
    real_read = hub.ctx.db.read

    async def counted(fn: Any) -> Any:
        reads.append(fn)
        return await real_read(fn)

    monkeypatch.setattr(hub.ctx.db, "read", counted)
    assert hub.run(route_now(hub.ctx, now_ms())) == 0
    return len(reads)


def test_with_every_queue_manual_a_commit_costs_the_store_no_routing_read(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The routing runs after most commits: when no queue routes, it reads nothing."""
    for hub in _hub(db_url, _policy({"mode": "manual"}), "ana"):
        _arrives(hub, "34677000002")
        assert _routing_reads(hub, monkeypatch) == 0


def test_with_a_queue_that_routes_a_commit_reads_whether_to_route(
    round_robin_hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _arrives(round_robin_hub, "34677000003")
    assert _routing_reads(round_robin_hub, monkeypatch) == 1


def test_the_agents_stream_shows_the_conversation_as_theirs(round_robin_hub: RunningHub) -> None:
    """What the desktop's inbox reads: ``conversation.updated`` with the agent as its
    assignee, on the agent's own stream."""
    hub = round_robin_hub
    _status(hub, "ana", "available")
    conversation_id = _arrives(hub, "34688000001")
    assert _assigned_to(hub, conversation_id) == hub.user_ids["ana"]
    with (
        httpx.Client(
            base_url=hub.url, headers={"Authorization": f"Bearer {hub.tokens['ana']}"}, timeout=10
        ) as client,
        client.stream("GET", "/api/v1/stream", headers={"Last-Event-ID": "0"}) as stream,
    ):
        event = None
        for line in stream.iter_lines():
            if line.startswith("event: "):
                event = line[len("event: ") :]
            elif line.startswith("data: ") and event == "conversation.updated":
                data = orjson.loads(line[len("data: ") :])
                if data["id"] == conversation_id and data.get("assignee") == hub.user_ids["ana"]:
                    break
        else:
            raise AssertionError("the stream ended before the assignment")

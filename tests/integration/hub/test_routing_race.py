"""Routing under a race, on both stores: 200 customers writing at once through webhooks,
10 agents of capacity 5 changing status and closing conversations meanwhile. Replayed
from the stream in commit order, no assignment ever finds its agent away or busy, or
lifts them over their capacity; by the hub's chain and the store, every conversation was
given exactly once, to the agent who then held it. Then the same with two hub replicas
on one PostgreSQL store."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import RunningHub, running_hub, text_webhook

from wa_desk.core.guidelines import Guidelines
from wa_desk.core.routing import ROUTING_ACTOR
from wa_desk.hub.queries import audit_log
from wa_desk.hub.settings import policy_guidelines

CUSTOMERS = 200
AGENTS = tuple(f"agente{i:02d}" for i in range(10))
CAPACITY = 5
GIVE_UP_SECONDS = 300.0  # a hub that stops routing fails the test instead of hanging it


def _policy(mode: str) -> Guidelines:
    return policy_guidelines(
        {
            "routing": [{"queue": "ventas", "mode": mode}],
            "agents": [{"queue": "*", "capacity": CAPACITY}],
        }
    )


@pytest.fixture(params=["round_robin", "least_busy"])
def hub(request: pytest.FixtureRequest, db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"guidelines": _policy(request.param)}) as running:
        running.sign_in_team({name: ("agent", ("ventas",)) for name in AGENTS})
        yield running


def _closed(hub: RunningHub) -> int:
    return int(
        hub.ctx.db.read_sync(
            lambda c: c.scalar("SELECT COUNT(*) FROM conversations WHERE state = 'closed'")
        )
    )


def _work(hub: RunningHub, via: RunningHub, name: str, seed: int, stop: threading.Event) -> None:
    """An agent on replica ``via``: now available, now away or busy, closing what they
    hold, until every conversation is closed."""
    rng = random.Random(seed)
    client = httpx.Client(
        base_url=via.url, headers={"Authorization": f"Bearer {hub.tokens[name]}"}, timeout=30
    )
    via.clients.append(client)
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while not stop.is_set() and time.monotonic() < deadline:
        status = "available" if rng.random() < 0.7 else rng.choice(("away", "busy"))
        assert client.put("/api/v1/me/status", json={"status": status}).status_code == 200
        mine = client.get(
            "/api/v1/conversations", params={"assigned": "me", "state": "assigned"}
        ).json()["items"]
        for conversation in mine[: rng.randint(0, 2)]:
            response = client.post(
                f"/api/v1/conversations/{conversation['id']}/close",
                json={"disposition": "resolved"},
            )
            assert response.status_code == 200, response.text
        if _closed(hub) == CUSTOMERS:
            stop.set()
    client.put("/api/v1/me/status", json={"status": "available"})


def _stream(hub: RunningHub) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT seq, kind, data FROM stream_events "
            "WHERE kind IN ('agent.status', 'conversation.updated') ORDER BY seq"
        )
    )
    return rows


def test_no_agent_over_capacity_or_away_and_every_conversation_given_once(
    hub: RunningHub,
) -> None:
    _race(hub, [hub])


@pytest.mark.postgres
def test_two_replicas_racing_give_no_agent_too_much_and_every_conversation_once(
    pg_url: str,
) -> None:
    """Webhooks and agents split between two replicas on one PostgreSQL: each routes
    after its own commits and one of them sweeps; the same holds as for one."""
    policy = _policy("least_busy")
    settings = {"guidelines": policy}
    with (
        running_hub(pg_url, waba=False, hub_settings=settings) as first,
        running_hub(pg_url, waba=False, hub_settings=settings) as second,
    ):
        first.sign_in_team({name: ("agent", ("ventas",)) for name in AGENTS})
        _race(first, [first, second])


def _race(hub: RunningHub, replicas: list[RunningHub]) -> None:
    ids = {hub.user_ids[name]: name for name in AGENTS}
    before = hub.ctx.db.read_sync(lambda c: c.all("SELECT id, status FROM users"))
    status = {r["id"]: r["status"] for r in before}
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=len(AGENTS) + 16) as pool:
        agents = [
            pool.submit(_work, hub, replicas[i % len(replicas)], name, i, stop)
            for i, name in enumerate(AGENTS)
        ]
        webhooks = [
            pool.submit(
                replicas[i % len(replicas)].post_webhook,
                text_webhook(f"wamid.race.{i}", f"3460{i:07d}", f"Hola, soy el cliente {i}"),
            )
            for i in range(CUSTOMERS)
        ]
        assert all(w.result().status_code == 200 for w in webhooks)
        for agent in agents:
            agent.result()
    assert _closed(hub) == CUSTOMERS, "the agents gave up before every conversation closed"

    # Replayed in commit order: each assignment found its agent available, under capacity.
    holder: dict[str, str | None] = {}
    assignments = 0
    for event in _stream(hub):
        data = orjson.loads(event["data"])
        if event["kind"] == "agent.status":
            status[data["id"]] = data["status"]
            continue
        now = data["assignee"] if data["state"] == "assigned" else None
        if now is not None and holder.get(data["id"]) != now:
            assignments += 1
            assert status[now] == "available", f"{ids[now]} was given one while {status[now]}"
            load = sum(1 for h in holder.values() if h == now) + 1
            assert load <= CAPACITY, f"{ids[now]} was given a {load}th conversation"
        holder[data["id"]] = now
    assert assignments == CUSTOMERS

    # The chain: one automatic assignment per conversation, to who then closed it.
    chain = hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 1_000_000)))
    given = [e for e in chain if e["kind"] == "conversation.assigned"]
    assert all(e["actor"] == ROUTING_ACTOR for e in given)
    per_conversation = Counter(e["conversation"] for e in given)
    assert len(per_conversation) == CUSTOMERS
    assert set(per_conversation.values()) == {1}
    rows = hub.ctx.db.read_sync(lambda c: c.all("SELECT id, closed_by FROM conversations"))
    closed_by = {r["id"]: r["closed_by"] for r in rows}
    assert {e["conversation"]: e["data"]["to_user"] for e in given} == closed_by
    assert not [e for e in chain if e["kind"] in ("conversation.claimed", "conversation.requeued")]

"""The whole loop on loopback, with nothing faked but WhatsApp itself (the simulator).

customer (simulator) --signed webhook--> hub --SSE--> agent
agent --REST: claim, reply--> hub --Graph API--> simulator
simulator --status webhooks: sent, delivered, read--> hub --SSE--> agent
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hub_harness import SALES, RunningHub, running_hub, wait_for
from sse_reader import Sse, StreamReader

CUSTOMER = "34655443322"


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    # Statuses 50 ms, 150 ms and 600 ms after a send: each webhook has long landed before
    # the next one leaves, so the stream shows every step in order.
    with running_hub(db_url, time_scale=0.1) as running:
        yield running


def customer_says(hub: RunningHub, text: str, name: str | None = None) -> str:
    """The customer writes, through the simulator's control API; returns once the hub
    acknowledged the webhook (the simulator waits for its 200)."""
    body: dict[str, Any] = {"text": text, "phone_number_id": SALES, "wait": True}
    if name:
        body["name"] = name
    with httpx.Client(base_url=hub.ctx.settings.graph_url, timeout=10) as sim:
        answer = sim.post(f"/_sim/customers/{CUSTOMER}/messages", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["delivered"] is True
    wamid: str = answer.json()["wamid"]
    return wamid


def next_event(
    reader: StreamReader, kind: str, where: Callable[[Sse], bool] = lambda _: True
) -> Sse:
    """The next event of ``kind`` matching ``where``; others are skipped."""
    deadline = time.monotonic() + 10
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no {kind} event in time")
        try:
            event = reader.events.get(timeout=left)
        except queue.Empty:
            raise AssertionError(f"no {kind} event in time") from None
        if event.event == kind and where(event):
            return event


def test_customer_message_to_agent_reply_to_read_receipt(hub: RunningHub) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    api = hub.login("ana")
    agent = StreamReader(hub.url, hub.tokens["ana"])
    seen: list[Sse] = []
    try:
        ready = agent.take("ready")

        # 1. The customer writes; the simulator delivers a signed webhook and waits for 200.
        inbound_wamid = customer_says(hub, "Hola, ¿tenéis la talla 42?", name="Marta Ruiz")

        # 2. The agent sees it live: the message, then its conversation in the queue.
        created = next_event(agent, "message.created")
        seen.append(created)
        assert created.data["wamid"] == inbound_wamid
        assert created.data["direction"] == "in"
        assert created.data["text"] == "Hola, ¿tenéis la talla 42?"
        conversation_id = created.data["conversation_id"]
        queued = next_event(agent, "conversation.updated")
        seen.append(queued)
        assert queued.data["id"] == conversation_id
        assert queued.data["state"] == "queued" and queued.data["assignee"] is None
        assert queued.data["contact"] == {
            "wa_id": CUSTOMER,
            "name": "Marta Ruiz",
            "marketing_opt_out": None,
        }
        assert queued.data["queue"] == "ventas"

        # 3. The agent claims it; everyone watching the queue sees who has it.
        claim = api.post(f"/api/v1/conversations/{conversation_id}/claim")
        assert claim.status_code == 200, claim.text
        assert claim.json()["assignee"] == hub.user_ids["ana"]
        claimed = next_event(
            agent, "conversation.updated", lambda e: e.data["id"] == conversation_id
        )
        seen.append(claimed)
        assert claimed.data["state"] == "assigned"
        assert claimed.data["assignee"] == hub.user_ids["ana"]

        # 4. The agent replies; the hub sends it through the (simulated) Graph API.
        reply_text = "¡Hola Marta! Sí, nos queda la 42 en negro y en azul."
        sent = api.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"text": reply_text, "reply_to": inbound_wamid},
            headers={"Idempotency-Key": "reply-1"},
        )
        assert sent.status_code == 201, sent.text
        reply = sent.json()
        assert reply["direction"] == "out" and reply["status"] == "accepted"
        assert reply["wamid"] and reply["sender"] == hub.user_ids["ana"]
        outbound_wamid = reply["wamid"]

        # The simulator received exactly that Graph API call.
        records = hub.world.sent_to(CUSTOMER)
        assert len(records) == 1
        record = records[0]
        assert record.wamid == outbound_wamid
        assert record.phone_number_id == SALES and record.type == "text"
        assert record.body["text"]["body"] == reply_text
        assert record.body["context"] == {"message_id": inbound_wamid}

        # A retry of the same request (same key) sends nothing a second time.
        again = api.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"text": reply_text, "reply_to": inbound_wamid},
            headers={"Idempotency-Key": "reply-1"},
        )
        assert again.status_code == 200 and again.json()["id"] == reply["id"]

        # 5. The reply shows on the stream, then every status step up to read.
        mine = next_event(agent, "message.created", lambda e: e.data["id"] == reply["id"])
        seen.append(mine)
        assert mine.data["text"] == reply_text and mine.data["status"] == "pending"
        statuses: list[str] = []
        while not statuses or statuses[-1] != "read":
            event = next_event(agent, "message.status", lambda e: e.data["id"] == reply["id"])
            seen.append(event)
            assert event.data["wamid"] == outbound_wamid
            assert event.data["conversation_id"] == conversation_id
            assert event.data["error"] is None
            statuses.append(event.data["status"])
        assert statuses == ["accepted", "sent", "delivered", "read"]

        # Stream ids only grow, so a reconnect with Last-Event-ID resumes exactly here.
        ids = [e.id for e in seen]
        assert all(isinstance(i, int) for i in ids)
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        assert ready.id is not None and ids[0] > ready.id
    finally:
        agent.close()

    # The simulator emitted the three statuses, and the deliverer got all of them in.
    status_bodies = [
        s["status"]
        for body in list(hub.world.webhooks)
        for s in body["entry"][0]["changes"][0]["value"].get("statuses", [])
        if s["id"] == outbound_wamid
    ]
    assert status_bodies == ["sent", "delivered", "read"]
    assert len(hub.world.sent_to(CUSTOMER)) == 1

    # What the agent sees when reopening the conversation later agrees with the stream.
    history = api.get(f"/api/v1/conversations/{conversation_id}/messages").json()["items"]
    assert [(m["direction"], m["wamid"]) for m in history] == [
        ("in", inbound_wamid),
        ("out", outbound_wamid),
    ]
    assert history[1]["status"] == "read" and history[1]["text"] == reply_text
    detail = api.get(f"/api/v1/conversations/{conversation_id}").json()
    assert detail["state"] == "assigned" and detail["first_response_at"] is not None


def test_customer_answers_the_agent_in_the_same_conversation(hub: RunningHub) -> None:
    """A customer's second message after the reply lands in the same, assigned conversation."""
    hub.add_user("ana", "agent", ("ventas",))
    api = hub.login("ana")
    agent = StreamReader(hub.url, hub.tokens["ana"])
    try:
        agent.take("ready")
        first = customer_says(hub, "Buenas, quiero cambiar un pedido")
        created = next_event(agent, "message.created", lambda e: e.data["wamid"] == first)
        conversation_id = created.data["conversation_id"]
        assert api.post(f"/api/v1/conversations/{conversation_id}/claim").status_code == 200
        sent = api.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"text": "Claro, ¿cuál es el número de pedido?"},
        )
        assert sent.status_code == 201, sent.text
        second = customer_says(hub, "Es el 4711")
        follow_up = next_event(agent, "message.created", lambda e: e.data["wamid"] == second)
        assert follow_up.data["conversation_id"] == conversation_id
        updated = next_event(
            agent,
            "conversation.updated",
            lambda e: e.data["id"] == conversation_id and e.data["unread"] > 0,
        )
        assert updated.data["state"] == "assigned"
        assert updated.data["assignee"] == hub.user_ids["ana"]
        assert updated.data["last_message_preview"] == "Es el 4711"
    finally:
        agent.close()
    wait_for(lambda: len(hub.world.sent_to(CUSTOMER)) == 1)

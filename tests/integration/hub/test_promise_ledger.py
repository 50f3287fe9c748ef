"""The promise ledger through the API, across two agents and a transfer: who may, what is
stored, what the hub's chain records and what the stream announces, on SQLite and
PostgreSQL, with real sends through the simulator."""

from __future__ import annotations

from typing import Any

import httpx
from hub_harness import RunningHub

from wa_desk.core.audit_chain import verify
from wa_desk.hub.queries import audit_log, stream_log

WA_ID = "34611100071"
DUE = "2099-12-28T18:00:00.000Z"
LATER = "2099-12-29T18:00:00.000Z"
PAST = "2020-01-02T10:00:00.000Z"


def _hub_facts(hub: RunningHub) -> list[dict[str, Any]]:
    chain = hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))
    assert verify(chain) == []
    return [e for e in chain if e["kind"].startswith("promise.")]


def _announced(hub: RunningHub) -> list[stream_log.StreamEvent]:
    events = hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0)))
    return [e for e in events if e.kind == "promise.changed"]


def _send(client: httpx.Client, conv_id: str, text: str, key: str) -> dict[str, Any]:
    sent = client.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={"type": "text", "text": text},
        headers={"Idempotency-Key": key},
    )
    assert sent.status_code == 201, sent.text
    return sent.json()  # type: ignore[no-any-return]


def _setup(hub: RunningHub) -> tuple[httpx.Client, httpx.Client, httpx.Client, str]:
    hub.add_user("ana")
    hub.add_user("beto")
    hub.add_user("sol", queues=("soporte",))
    hub.customer_writes("wamid.p1", WA_ID, "¿Me mandáis la factura?")
    ana, beto, sol = hub.login("ana"), hub.login("beto"), hub.login("sol")
    conv_id = ana.get("/api/v1/conversations", params={"wa_id": WA_ID}).json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return ana, beto, sol, conv_id


def test_a_promise_follows_the_customer_across_two_agents_and_a_transfer(
    hub: RunningHub,
) -> None:
    ana, beto, sol, conv_id = _setup(hub)
    made_with = _send(ana, conv_id, "Te la envío mañana.", "send-key-1")
    url = f"/api/v1/conversations/{conv_id}/promises"
    body = {
        "id": "0193f000-0000-7000-8000-000000000001",
        "what": "Te la envío mañana.",
        "due_at": DUE,
        "message_key": "send-key-1",
    }
    made = ana.post(url, json=body, headers={"Idempotency-Key": "make-1"})
    assert made.status_code == 201, made.text
    promise = made.json()
    assert promise["state"] == "open" and promise["what"] == "Te la envío mañana."
    assert promise["due_at"] == DUE and promise["first_due_at"] == DUE
    assert promise["owner"] == promise["made_by"] == hub.user_ids["ana"]
    assert promise["owner_name"] == "ana" and promise["wa_id"] == WA_ID
    assert promise["message_id"] == made_with["id"] and promise["queue"] == "ventas"
    # A device's retried entry: the same promise, recorded once.
    again = ana.post(url, json=body, headers={"Idempotency-Key": "make-1"})
    assert again.status_code == 200 and again.json() == promise

    # The next agent sees it on the customer; someone of another queue does not.
    listed = beto.get(f"/api/v1/contacts/{WA_ID}/promises", params={"state": "open"})
    assert [p["id"] for p in listed.json()["items"]] == [promise["id"]]
    assert sol.get(f"/api/v1/contacts/{WA_ID}/promises").json()["items"] == []
    assert sol.get(url).status_code == 404
    assert sol.post(f"/api/v1/promises/{promise['id']}/keep", json={}).status_code == 404

    # Ana hands the conversation and its promise to Beto (not to Sol, of another queue).
    moved = ana.post(f"/api/v1/conversations/{conv_id}/transfer", json={"to_user": beto_id(hub)})
    assert moved.status_code == 200, moved.text
    refused = ana.post(
        f"/api/v1/promises/{promise['id']}/transfer", json={"to_user": hub.user_ids["sol"]}
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "owner_not_in_queue")
    handed = ana.post(
        f"/api/v1/promises/{promise['id']}/transfer",
        json={"to_user": beto_id(hub)},
        headers={"Idempotency-Key": "transfer-1"},
    )
    assert handed.status_code == 200 and handed.json()["owner_name"] == "beto"

    # Beto's shift: a day more, with the reason, then kept by his message.
    later = beto.post(
        f"/api/v1/promises/{promise['id']}/reschedule",
        json={"due_at": LATER, "reason": "Contabilidad la emite el martes"},
    )
    assert later.status_code == 200, later.text
    assert later.json()["due_at"] == LATER and later.json()["first_due_at"] == DUE
    assert later.json()["reschedules"] == 1
    kept_with = _send(beto, conv_id, "Aquí tienes la factura.", "send-key-2")
    kept = beto.post(f"/api/v1/promises/{promise['id']}/keep", json={"message_id": kept_with["id"]})
    assert kept.status_code == 200, kept.text
    assert kept.json()["state"] == "kept" and kept.json()["kept_message_id"] == kept_with["id"]
    assert kept.json()["closed_at"] is not None
    # Kept twice is kept once; nothing changes a kept promise.
    assert beto.post(f"/api/v1/promises/{promise['id']}/keep", json={}).json() == kept.json()
    closed = beto.post(
        f"/api/v1/promises/{promise['id']}/reschedule", json={"due_at": DUE, "reason": "x"}
    )
    assert (closed.status_code, closed.json()["error"]["code"]) == (409, "promise_closed")

    # A second promise, which Beto cannot keep.
    second = beto.post(url, json={"what": "Te llamo en una hora", "due_at": DUE})
    assert second.status_code == 201
    broken = beto.post(
        f"/api/v1/promises/{second.json()['id']}/break", json={"reason": "El cliente no contesta"}
    )
    assert broken.json()["state"] == "broken"
    assert broken.json()["reason"] == "El cliente no contesta"
    every = ana.get(url).json()["items"]
    assert [(p["what"], p["state"]) for p in every] == [
        ("Te la envío mañana.", "kept"),
        ("Te llamo en una hora", "broken"),
    ]
    assert beto.get(f"/api/v1/contacts/{WA_ID}/promises", params={"state": "open"}).json() == {
        "items": [],
        "next": None,
    }

    # The hub's chain holds each change once, with who, and the key of the request.
    facts = _hub_facts(hub)
    ana_id, beto_id_ = hub.user_ids["ana"], hub.user_ids["beto"]
    assert [(f["kind"], f["actor"]) for f in facts] == [
        ("promise.made", ana_id),
        ("promise.transferred", ana_id),
        ("promise.rescheduled", beto_id_),
        ("promise.kept", beto_id_),
        ("promise.made", beto_id_),
        ("promise.broken", beto_id_),
    ]
    assert facts[0]["data"]["idempotency_key"] == "make-1"
    assert facts[0]["data"]["message_id"] == made_with["id"]
    assert "what" not in facts[0]["data"]  # the words stay in the ledger
    assert facts[1]["data"] == {
        "promise": promise["id"],
        "from_user": ana_id,
        "to_user": beto_id_,
        "idempotency_key": "transfer-1",
    }
    assert facts[2]["data"]["from_due_at"] == DUE and facts[2]["data"]["due_at"] == LATER
    assert facts[3]["data"]["on_time"] is True and facts[3]["data"]["due_at"] == LATER
    assert all(f["conversation"] == conv_id for f in facts)

    announced = _announced(hub)
    assert len(announced) == 6
    assert all(e.queue == "ventas" and e.conversation_id == conv_id for e in announced)


def beto_id(hub: RunningHub) -> str:
    return hub.user_ids["beto"]


def test_a_promise_is_checked(hub: RunningHub) -> None:
    ana, beto, _sol, conv_id = _setup(hub)
    url = f"/api/v1/conversations/{conv_id}/promises"
    for bad in (
        {"what": "", "due_at": DUE},
        {"what": "   ", "due_at": DUE},
        {"what": "x" * 501, "due_at": DUE},
        {"what": "ok", "due_at": "mañana"},
        {"what": "ok", "due_at": "2026-12-28T18:00:00"},  # no zone
        {"what": "ok"},
    ):
        assert ana.post(url, json=bad).status_code == 422, bad
    unknown = ana.post(url, json={"what": "ok", "due_at": DUE, "message_id": "wamid.nope"})
    assert unknown.json()["error"]["code"] == "message_not_in_conversation"
    stranger = ana.post(url, json={"what": "ok", "due_at": DUE, "owner": hub.user_ids["sol"]})
    assert stranger.json()["error"]["code"] == "owner_not_in_queue"
    nowhere = ana.post("/api/v1/conversations/nope/promises", json={"what": "a", "due_at": DUE})
    assert nowhere.status_code == 404
    assert ana.post("/api/v1/promises/nope/keep", json={}).status_code == 404
    first = ana.post(url, json={"id": "p-1", "what": "ok", "due_at": DUE})
    assert first.status_code == 201
    # The same id from someone else is another promise: refused, not merged.
    taken = beto.post(url, json={"id": "p-1", "what": "otro", "due_at": DUE})
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "promise_id_taken")
    assert httpx.get(f"{hub.url}{url}").status_code == 401
    assert [f["kind"] for f in _hub_facts(hub)] == ["promise.made"]
    # Kept after its due date: late, and the fact says so.
    overdue = ana.post(url, json={"what": "Te llamo", "due_at": PAST}).json()
    assert ana.post(f"/api/v1/promises/{overdue['id']}/keep", json={}).status_code == 200
    assert _hub_facts(hub)[-1]["data"]["on_time"] is False


def test_the_timeline_shows_each_promise_beside_the_message_that_made_it(
    hub: RunningHub,
) -> None:
    ana, _beto, _sol, conv_id = _setup(hub)
    hub.add_user("lead", "supervisor", ("ventas",))
    sent = _send(ana, conv_id, "Te la envío mañana.", "send-key-t")
    url = f"/api/v1/conversations/{conv_id}/promises"
    made = ana.post(
        url, json={"what": "Enviar la factura", "due_at": DUE, "message_key": "send-key-t"}
    )
    assert made.status_code == 201, made.text
    ana.post(url, json={"what": "Sin mensaje", "due_at": DUE})  # made by hand: no message
    lead = hub.login("lead")
    items = lead.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline").json()["items"]
    by_message = {i["id"]: i for i in items if i["source"] == "message"}
    assert by_message[sent["id"]]["promises"] == [
        {
            "id": made.json()["id"],
            "what": "Enviar la factura",
            "due_at": DUE,
            "state": "open",
            "owner": {"id": hub.user_ids["ana"], "name": "ana"},
        }
    ]
    customer = next(i for i in items if i["source"] == "message" and i["direction"] == "in")
    assert customer["promises"] == []
    made_facts = [i for i in items if i["source"] == "hub" and i["kind"] == "promise.made"]
    assert len(made_facts) == 2


def test_a_promise_is_kept_by_a_reply_in_the_customers_next_conversation(
    hub: RunningHub,
) -> None:
    """Made in one conversation, kept by a reply in the one the customer opens later: the
    keep names that reply (by its id or the key its send carried), the chain fact says in
    which conversation it was, and that conversation's timeline shows it beside the reply.
    A message of another customer, or of a queue the agent cannot see, keeps nothing."""
    ana, _beto, sol, first = _setup(hub)
    hub.add_user("lead", "supervisor", ("ventas",))
    url = f"/api/v1/conversations/{first}/promises"
    promise = ana.post(url, json={"what": "Enviar la factura", "due_at": DUE}).json()
    closing = {"disposition": "resolved"}
    assert ana.post(f"/api/v1/conversations/{first}/close", json=closing).status_code == 200
    hub.customer_writes("wamid.p2", WA_ID, "¿Y la factura?")
    second = ana.get("/api/v1/conversations", params={"wa_id": WA_ID, "state": "queued"}).json()
    second_id = second["items"][0]["id"]
    assert second_id != first
    assert ana.post(f"/api/v1/conversations/{second_id}/claim").status_code == 200
    reply = _send(ana, second_id, "Aquí tienes la factura.", "send-key-k")

    # Another customer's message is refused, and so is one the agent cannot see.
    hub.customer_writes("wamid.other", "34611100072", "Hola")
    other_id = ana.get("/api/v1/conversations", params={"wa_id": "34611100072"}).json()["items"]
    other_message = ana.get(f"/api/v1/conversations/{other_id[0]['id']}/messages").json()
    keep_url = f"/api/v1/promises/{promise['id']}/keep"
    wrong = ana.post(keep_url, json={"message_id": other_message["items"][0]["id"]})
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (422, "message_not_of_customer")
    unknown = ana.post(keep_url, json={"message_key": "no-such-key"})
    assert unknown.json()["error"]["code"] == "message_not_of_customer"
    assert sol.post(keep_url, json={"message_id": reply["id"]}).status_code == 404
    assert (
        ana.get(f"/api/v1/contacts/{WA_ID}/promises", params={"state": "open"}).json()["items"][0][
            "id"
        ]
        == promise["id"]
    )  # nothing refused changed it

    kept = ana.post(keep_url, json={"message_key": "send-key-k"}, headers={"Idempotency-Key": "k1"})
    assert kept.status_code == 200, kept.text
    assert kept.json()["kept_message_id"] == reply["id"] and kept.json()["state"] == "kept"
    fact = _hub_facts(hub)[-1]
    assert fact["kind"] == "promise.kept" and fact["conversation"] == first
    assert fact["data"]["message_id"] == reply["id"]
    assert fact["data"]["message_conversation"] == second_id

    lead = hub.login("lead")
    items = lead.get(f"/api/v1/supervisor/conversations/{second_id}/timeline").json()["items"]
    by_message = {i["id"]: i for i in items if i["source"] == "message"}
    assert by_message[reply["id"]]["kept_promises"] == [
        {"id": promise["id"], "what": "Enviar la factura", "conversation_id": first}
    ]
    assert all(i["kept_promises"] == [] for i in by_message.values() if i["id"] != reply["id"])

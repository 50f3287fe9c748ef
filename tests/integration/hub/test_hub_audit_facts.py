"""What the hub itself observes and applies lands in its own audit chain ("hub"), in the
same transaction as the change, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
from hub_harness import SALES, RunningHub, running_hub, text_webhook, wait_for

from wa_desk.core.audit_chain import verify
from wa_desk.hub.queries import audit_log

CUSTOMER_TEXT = "mi pedido A-1042 no llega, ¿qué pasa?"


def hub_chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))


def facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    return [e for e in hub_chain(hub) if e["kind"] == kind]


def _claimed(hub: RunningHub, wa_id: str = "34611100001") -> tuple[httpx.Client, str]:
    hub.add_user("ana")
    hub.customer_writes("wamid.in1", wa_id, CUSTOMER_TEXT)
    ana = hub.login("ana")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return ana, conv_id


def test_an_inbound_message_is_recorded_in_a_chain_that_verifies(hub: RunningHub) -> None:
    hub.customer_writes("wamid.in1", "34611100001", CUSTOMER_TEXT)
    hub.customer_writes("wamid.in2", "34611100001", "¿hola?")
    # Meta redelivers: nothing new happened, nothing new is recorded.
    hub.post_webhook(text_webhook("wamid.in1", "34611100001", CUSTOMER_TEXT))

    chain = hub_chain(hub)
    assert [e["kind"] for e in chain] == [
        "conversation.opened",
        "conversation.routed",
        "message.received",
        "message.received",
    ]
    assert verify(chain) == []
    assert all(e["device"] == "hub" and e["actor"] == "hub" for e in chain)
    conv_id = chain[0]["conversation"]
    assert conv_id and all(e["conversation"] == conv_id for e in chain)
    assert chain[0]["data"] == {"wa_id": "34611100001", "phone_number_id": SALES}
    assert chain[1]["data"] == {"queue": "ventas"}
    received = chain[2]["data"]
    assert received["wamid"] == "wamid.in1" and received["type"] == "text"
    assert received["from"] == "34611100001" and received["message"]
    # The customer's words stay in the messages table, out of the audit trail.
    assert all("pedido" not in str(e["data"]) for e in chain)
    head = hub.run(hub.ctx.db.read(audit_log.chain_heads))
    assert [(h["device"], h["acked_seq"], h["last_hash"]) for h in head] == [
        ("hub", 4, chain[-1]["hash"])
    ]
    in_conversation = hub.run(hub.ctx.db.read(lambda c: audit_log.conversation_events(c, conv_id)))
    assert [e["seq"] for e in in_conversation] == [1, 2, 3, 4]


def test_agent_actions_are_recorded_in_the_agents_name(hub: RunningHub) -> None:
    ana, conv_id = _claimed(hub)
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    lead = hub.login("lead")
    note = ana.post(f"/api/v1/conversations/{conv_id}/notes", json={"text": "cliente habitual"})
    assert note.status_code == 201
    wa_id = "34611100001"
    assert ana.put(f"/api/v1/contacts/{wa_id}/tags/VIP").status_code == 200
    assert ana.put(f"/api/v1/contacts/{wa_id}/tags/VIP").status_code == 200  # no change
    assert ana.delete(f"/api/v1/contacts/{wa_id}/tags/vip").status_code == 200
    moved = ana.post(
        f"/api/v1/conversations/{conv_id}/transfer", json={"to_queue": "soporte", "note": "técnico"}
    )
    assert moved.status_code == 200, moved.text
    closed = lead.post(
        f"/api/v1/conversations/{conv_id}/close",
        json={"disposition": "resolved", "note": "resuelto por teléfono"},
    )
    assert closed.status_code == 200, closed.text
    assert lead.post(f"/api/v1/conversations/{conv_id}/reopen").status_code == 200
    assert lead.post(f"/api/v1/conversations/{conv_id}/release").status_code == 200

    ana_id, lead_id = hub.user_ids["ana"], hub.user_ids["lead"]
    chain = hub_chain(hub)
    assert verify(chain) == []
    done = [(e["kind"], e["actor"]) for e in chain if e["actor"] != "hub"]
    assert done == [
        ("conversation.claimed", ana_id),
        ("note.added", ana_id),
        ("tag.added", ana_id),
        ("tag.removed", ana_id),
        ("conversation.transferred", ana_id),
        ("conversation.closed", lead_id),
        ("conversation.reopened", lead_id),
        ("conversation.released", lead_id),
    ]
    (added,) = facts(hub, "note.added")
    assert added["data"] == {"note": note.json()["id"]} and added["conversation"] == conv_id
    (tagged,) = facts(hub, "tag.added")
    assert tagged["data"] == {"wa_id": wa_id, "tag": "vip"} and tagged["conversation"] is None
    (transferred,) = facts(hub, "conversation.transferred")
    assert transferred["data"]["from_queue"] == "ventas"
    assert transferred["data"]["to_queue"] == "soporte"
    assert transferred["data"]["from_user"] == ana_id and transferred["data"]["to_user"] is None
    notes = ana.get(f"/api/v1/conversations/{conv_id}/notes")
    assert notes.status_code == 404  # it left ana's queue; the lead can read its notes
    by_kind = {
        n["kind"]: n["id"]
        for n in lead.get(f"/api/v1/conversations/{conv_id}/notes").json()["items"]
    }
    assert transferred["data"]["note"] == by_kind["transfer"]
    (closing,) = facts(hub, "conversation.closed")
    assert closing["data"] == {"disposition": "resolved", "note": by_kind["close"]}
    assert "teléfono" not in str(closing["data"])


def test_a_refused_action_records_nothing(hub: RunningHub) -> None:
    _, conv_id = _claimed(hub)
    hub.add_user("beto")
    beto = hub.login("beto")
    before = hub_chain(hub)
    assert beto.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 409
    assert beto.post(f"/api/v1/conversations/{conv_id}/release").status_code == 403
    assert hub_chain(hub) == before


def test_sends_and_their_statuses_are_recorded(hub: RunningHub) -> None:
    ana, conv_id = _claimed(hub)
    sent = ana.post(
        f"/api/v1/conversations/{conv_id}/messages", json={"type": "text", "text": "Lo miro ya"}
    )
    assert sent.status_code == 201, sent.text
    wamid = sent.json()["wamid"]
    (fact,) = wait_for(lambda: facts(hub, "message.sent"))
    assert fact["actor"] == hub.user_ids["ana"] and fact["conversation"] == conv_id
    assert fact["data"] == {"message": sent.json()["id"], "type": "text", "wamid": wamid}

    # The simulator reports delivered and read by webhook; each move is recorded.
    def moves() -> list[str] | None:
        seen = [f["data"]["status"] for f in facts(hub, "message.status_changed")]
        return seen if "read" in seen else None

    # Statuses only move forward: one fact per move (a late "delivered" after "read" is none).
    seen = wait_for(moves)
    order = ["sent", "delivered", "read"]
    assert seen == [m for m in order if m in seen] and seen[-1] == "read"
    statuses = facts(hub, "message.status_changed")
    assert all(s["data"]["wamid"] == wamid and s["actor"] == "hub" for s in statuses)
    assert verify(hub_chain(hub)) == []


def test_a_failed_status_records_its_reason(db_url: str) -> None:
    with running_hub(db_url, sim_settings={"failure_probability": 1.0}) as hub:
        ana, conv_id = _claimed(hub)
        sent = ana.post(
            f"/api/v1/conversations/{conv_id}/messages", json={"type": "text", "text": "hola"}
        )
        assert sent.status_code == 201, sent.text
        fact = wait_for(
            lambda: next(
                (
                    f
                    for f in facts(hub, "message.status_changed")
                    if f["data"]["status"] == "failed"
                ),
                None,
            )
        )
        assert fact["data"]["wamid"] == sent.json()["wamid"]
        assert fact["data"]["error"]["code"] == 131026 and fact["data"]["error"]["title"]


def test_a_send_whatsapp_refuses_is_recorded_with_the_template_and_error(db_url: str) -> None:
    with running_hub(db_url, waba=False) as hub:
        ana, conv_id = _claimed(hub)
        refused = ana.post(
            f"/api/v1/conversations/{conv_id}/messages",
            json={"type": "template", "template": "no_such", "language": "es"},
        )
        assert refused.status_code == 422
        (fact,) = facts(hub, "message.send_failed")
        assert fact["actor"] == hub.user_ids["ana"]
        assert fact["data"]["template"] == "no_such" and fact["data"]["type"] == "template"
        assert fact["data"]["error"]["code"] == 132001
        assert facts(hub, "message.sent") == []
        assert verify(hub_chain(hub)) == []

"""Webhook deliveries through real HTTP: signatures, idempotency, routing, statuses."""

from __future__ import annotations

import time

import orjson
from hub_harness import (
    SUPPORT,
    VERIFY_TOKEN,
    RunningHub,
    running_hub,
    status_webhook,
    text_webhook,
)

from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import now_ms
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import messages
from wa_desk.hub.sending import record_accepted


def _count(hub: RunningHub, table: str) -> int:
    sql = f"SELECT COUNT(*) FROM {table}"  # noqa: S608 - the tests' own table names
    return int(hub.ctx.db.read_sync(lambda c: c.scalar(sql)))


def test_handshake_echoes_the_challenge_only_with_the_right_token(hub: RunningHub) -> None:
    import httpx

    ok = httpx.get(
        f"{hub.url}/webhooks/whatsapp",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert ok.status_code == 200 and ok.text == "1158201444"
    bad = httpx.get(
        f"{hub.url}/webhooks/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
    )
    assert bad.status_code == 403


def test_unsigned_or_wrongly_signed_deliveries_are_refused_and_store_nothing(
    hub: RunningHub,
) -> None:
    import httpx

    body = orjson.dumps(text_webhook("wamid.A1", "34611111111", "hola"))
    unsigned = httpx.post(f"{hub.url}/webhooks/whatsapp", content=body)
    assert unsigned.status_code == 401
    assert unsigned.json()["error"]["code"] == "bad_signature"
    assert hub.post_webhook(body, secret="another-secret").status_code == 401
    assert _count(hub, "messages") == 0 and _count(hub, "contacts") == 0


def test_a_message_opens_a_conversation_in_its_numbers_queue_once(hub: RunningHub) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("sara", "agent", ("soporte",))
    body = text_webhook("wamid.A2", "34611111111", "¿Tenéis la talla 42? 👟")
    for _ in range(3):  # Meta retries: the same delivery again changes nothing
        assert hub.post_webhook(body).status_code == 200
    ana = hub.login("ana")
    items = ana.get("/api/v1/conversations").json()["items"]
    assert len(items) == 1
    conv = items[0]
    assert conv["queue"] == "ventas" and conv["state"] == "queued"
    assert conv["contact"] == {
        "wa_id": "34611111111",
        "name": "Lucía Pérez",
        "marketing_opt_out": None,
    }
    assert conv["unread"] == 1 and conv["window_expires_at"] is not None
    msgs = ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]
    assert [(m["direction"], m["type"], m["text"], m["wamid"]) for m in msgs] == [
        ("in", "text", "¿Tenéis la talla 42? 👟", "wamid.A2")
    ]
    # Another queue's agent does not see it, not even by id.
    sara = hub.login("sara")
    assert sara.get("/api/v1/conversations").json()["items"] == []
    assert sara.get(f"/api/v1/conversations/{conv['id']}").status_code == 404


def test_numbers_without_a_configured_queue_get_their_own(hub: RunningHub) -> None:
    hub.add_user("admin", "admin", ())
    hub.post_webhook(text_webhook("wamid.A3", "34622222222", "hi", phone_number_id="999"))
    hub.post_webhook(text_webhook("wamid.A4", "34622222222", "hi", phone_number_id=SUPPORT))
    queues = sorted(
        c["queue"] for c in hub.login("admin").get("/api/v1/conversations").json()["items"]
    )
    assert queues == ["999", "soporte"]


def test_statuses_only_move_forward_and_failures_keep_their_reason(db_url: str) -> None:
    # A slow simulator: its own statuses would come minutes later, so the test drives them.
    with running_hub(db_url, time_scale=1000) as hub:
        _statuses_only_move_forward(hub)


def _statuses_only_move_forward(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.in1", "34633333333", "hola")
    ana = hub.login("ana")
    conv = ana.get("/api/v1/conversations").json()["items"][0]
    ana.post(f"/api/v1/conversations/{conv['id']}/claim")
    sent = ana.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"type": "text", "text": "¡Hola! Sí, la tenemos."},
    )
    assert sent.status_code == 201, sent.text
    wamid = sent.json()["wamid"]
    hub.post_webhook(status_webhook(wamid, "34633333333", "read"))
    hub.post_webhook(status_webhook(wamid, "34633333333", "delivered"))  # late, out of order

    def status() -> str:
        msgs = ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]
        return str(msgs[-1]["status"])

    assert status() == "read"
    # A second send that WhatsApp later reports failed.
    second = ana.post(
        f"/api/v1/conversations/{conv['id']}/messages", json={"type": "text", "text": "¿Algo más?"}
    ).json()
    hub.post_webhook(
        status_webhook(
            second["wamid"], "34633333333", "failed", error=(131026, "Message undeliverable")
        )
    )
    msgs = ana.get(f"/api/v1/conversations/{conv['id']}/messages").json()["items"]
    failed = next(m for m in msgs if m["id"] == second["id"])
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == 131026
    assert "not be on WhatsApp" in failed["error"]["meaning"]


def test_a_status_never_changes_a_customers_message(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.cust", "34644444444", "hola")
    hub.post_webhook(status_webhook("wamid.cust", "34644444444", "read"))
    row = hub.ctx.db.read_sync(
        lambda c: c.one("SELECT status FROM messages WHERE wamid = 'wamid.cust'")
    )
    assert row == {"status": "received"}


def test_a_status_before_its_send_is_recorded_is_applied_later(hub: RunningHub) -> None:
    """Meta can report ``delivered`` before the hub has stored the wamid of its own send."""
    hub.add_user("ana")
    hub.customer_writes("wamid.q1", "34644444444", "hola")
    hub.post_webhook(status_webhook("wamid.future", "34644444444", "delivered"))
    assert _count(hub, "orphan_statuses") == 1
    conv_id = hub.ctx.db.read_sync(lambda c: c.scalar("SELECT id FROM conversations"))

    def pending_send(conn: Conn) -> str:
        row = messages.insert(
            conn,
            conversation_id=conv_id,
            direction="out",
            type_="text",
            text="hola",
            status="pending",
            timestamp=now_ms(),
            sender="x",
            payload={},
            now=now_ms(),
        )
        return str(row["id"])

    message_id = hub.ctx.db.write_sync(pending_send)
    outcome = hub.ctx.db.write_sync(
        lambda c: record_accepted(c, message_id, "wamid.future", now_ms(), AlertPolicy())
    )
    assert outcome.value["status"] == "delivered"
    assert [e.kind for e in outcome.events] == ["message.status", "message.status"]
    assert _count(hub, "orphan_statuses") == 0


def test_writing_after_close_opens_a_new_linked_conversation(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.post_webhook(text_webhook("wamid.c1", "34655555555", "primera"))
    ana = hub.login("ana")
    first = ana.get("/api/v1/conversations").json()["items"][0]
    ana.post(f"/api/v1/conversations/{first['id']}/claim")
    closed = ana.post(
        f"/api/v1/conversations/{first['id']}/close", json={"disposition": "resolved"}
    ).json()
    assert closed["state"] == "closed" and closed["disposition"] == "resolved"
    hub.post_webhook(text_webhook("wamid.c2", "34655555555", "otra duda", ts=int(time.time())))
    convs = ana.get("/api/v1/conversations", params={"wa_id": "34655555555"}).json()["items"]
    assert len(convs) == 2
    newest = convs[0]
    assert newest["state"] == "queued" and newest["previous_id"] == first["id"]


def test_oversized_bodies_get_413(hub: RunningHub) -> None:
    import httpx

    big = b"{" + b" " * 2_000_000 + b"}"
    response = httpx.post(f"{hub.url}/webhooks/whatsapp", content=big)
    assert response.status_code == 413
    assert _count(hub, "messages") == 0


def test_non_json_with_a_good_signature_is_a_clear_400(hub: RunningHub) -> None:
    response = hub.post_webhook(b"\xff\xfe not json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_update"


def test_updates_for_other_fields_are_accepted_and_ignored(hub: RunningHub) -> None:
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "message_template_status_update",
                        "value": {"event": "APPROVED", "message_template_id": 1},
                    }
                ],
            }
        ],
    }
    assert hub.post_webhook(body).status_code == 200
    assert hub.post_webhook({"object": "page", "entry": []}).status_code == 200
    assert _count(hub, "messages") == 0

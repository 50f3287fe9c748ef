"""Agents' API: sign-in, claims, sends, transfers, closes, paging, permissions."""

from __future__ import annotations

import threading
import time

import httpx
from hub_harness import PASSWORD, SUPPORT, RunningHub, text_webhook, wait_for

from wa_desk.hub.template_sync import sync_templates


def _first(client: httpx.Client, **params: str) -> dict:  # type: ignore[type-arg]
    items = client.get("/api/v1/conversations", params=params).json()["items"]
    assert items, "no conversation"
    return items[0]  # type: ignore[no-any-return]


def test_sign_in_refuses_wrong_passwords_and_protects_every_endpoint(hub: RunningHub) -> None:
    hub.add_user("ana")
    wrong = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": "ana", "password": "not it"}
    )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "bad_credentials"
    nobody = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": "ghost", "password": PASSWORD}
    )
    assert nobody.status_code == 401
    for path in ("/api/v1/conversations", "/api/v1/stream", "/api/v1/templates", "/api/v1/me"):
        assert httpx.get(f"{hub.url}{path}").status_code == 401
    ana = hub.login("ana")
    assert ana.get("/api/v1/me").json()["name"] == "ana"
    assert ana.post("/api/v1/auth/logout").status_code == 204
    revoked = ana.get("/api/v1/me")
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "token_invalid"
    assert httpx.get(f"{hub.url}/healthz").json() == {"status": "ok", "store": "ok"}


def test_a_claim_race_has_exactly_one_winner(hub: RunningHub) -> None:
    names = [f"agent{i}" for i in range(6)]
    for name in names:
        hub.add_user(name)
    hub.customer_writes("wamid.r1", "34611111111", "¿hay alguien?")
    clients = [hub.login(n) for n in names]
    conv_id = _first(clients[0])["id"]
    results: list[int] = []
    barrier = threading.Barrier(len(clients))

    def claim(client: httpx.Client) -> None:
        barrier.wait()
        results.append(client.post(f"/api/v1/conversations/{conv_id}/claim").status_code)

    threads = [threading.Thread(target=claim, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] + [409] * (len(clients) - 1)
    loser = next(
        c
        for c, _ in zip(clients, names, strict=True)
        if c.get(f"/api/v1/conversations/{conv_id}").json()["assignee"] != hub.user_ids[_]
    )
    refusal = loser.post(f"/api/v1/conversations/{conv_id}/claim").json()["error"]
    assert refusal["code"] == "already_assigned"


def test_only_the_assignee_sends_and_idempotency_keys_send_once(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.add_user("beto")
    hub.customer_writes("wamid.s1", "34622222222", "quiero devolver un pedido")
    ana, beto = hub.login("ana"), hub.login("beto")
    conv_id = _first(ana)["id"]
    body = {"type": "text", "text": "Claro, ¿me dices el número de pedido?"}
    not_mine = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=body)
    assert not_mine.status_code == 403 and not_mine.json()["error"]["code"] == "not_assignee"
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    assert beto.post(f"/api/v1/conversations/{conv_id}/messages", json=body).status_code == 403
    headers = {"Idempotency-Key": "k-123"}
    first = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=body, headers=headers)
    again = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=body, headers=headers)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["wamid"].startswith("wamid.")
    assert len(hub.world.sent_to("34622222222")) == 1
    sent = hub.world.sent_to("34622222222")[0]
    assert sent.body["text"]["body"] == body["text"]
    # The simulator's statuses come back by webhook and move the message to read.
    wait_for(
        lambda: (
            ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"][-1]["status"]
            == "read"
        )
    )
    conv = ana.get(f"/api/v1/conversations/{conv_id}").json()
    assert conv["first_response_at"] is not None and conv["waiting_since"] is None


def test_free_text_outside_the_window_is_refused_before_meta_and_templates_go(
    hub: RunningHub,
) -> None:
    hub.add_user("ana")
    day_and_more_ago = int(time.time()) - 25 * 3600
    hub.post_webhook(text_webhook("wamid.w1", "34633333333", "hola", ts=day_and_more_ago))
    ana = hub.login("ana")
    conv_id = _first(ana)["id"]
    ana.post(f"/api/v1/conversations/{conv_id}/claim")
    refused = ana.post(
        f"/api/v1/conversations/{conv_id}/messages", json={"type": "text", "text": "hola"}
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "window_closed"
    assert "template" in refused.json()["error"]["message"]
    assert hub.world.sent_to("34633333333") == []
    assert hub.run(sync_templates(hub.ctx)) > 0
    listed = ana.get("/api/v1/templates").json()["items"]
    follow_up = next(t for t in listed if t["name"] == "seguimiento_pedido")
    assert follow_up["body_parameters"] == 2
    wrong = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={
            "type": "template",
            "template": "seguimiento_pedido",
            "language": "es",
            "body_params": ["Lucía"],
        },
    )
    assert wrong.status_code == 422 and "needs 2 parameters" in wrong.json()["error"]["message"]
    assert wrong.json()["error"]["code"] == "template_invalid"
    ok = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={
            "type": "template",
            "template": "seguimiento_pedido",
            "language": "es",
            "body_params": ["Lucía", "A-1042"],
        },
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["type"] == "template" and "A-1042" in ok.json()["text"]
    assert hub.world.sent_to("34633333333")[0].body["template"]["name"] == "seguimiento_pedido"


def test_transfer_release_close_reopen(hub: RunningHub) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("sara", "agent", ("soporte",))
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    hub.customer_writes("wamid.t1", "34644444444", "mi router no funciona")
    ana, sara, lead = hub.login("ana"), hub.login("sara"), hub.login("lead")
    conv_id = _first(ana)["id"]
    ana.post(f"/api/v1/conversations/{conv_id}/claim")
    to_sara = ana.post(
        f"/api/v1/conversations/{conv_id}/transfer", json={"to_user": hub.user_ids["sara"]}
    )
    assert to_sara.status_code == 409  # sara does not work in ventas
    moved = ana.post(
        f"/api/v1/conversations/{conv_id}/transfer",
        json={"to_queue": "soporte", "note": "Es técnico"},
    ).json()
    assert moved["queue"] == "soporte" and moved["state"] == "queued"
    assert ana.get(f"/api/v1/conversations/{conv_id}").status_code == 404
    assert (
        sara.post(f"/api/v1/conversations/{conv_id}/claim").json()["assignee"]
        == hub.user_ids["sara"]
    )
    released = sara.post(f"/api/v1/conversations/{conv_id}/release").json()
    assert released["state"] == "queued" and released["assignee"] is None
    # A supervisor may close a queued conversation; an agent must claim first.
    assert (
        sara.post(
            f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"}
        ).status_code
        == 403
    )
    closed = lead.post(
        f"/api/v1/conversations/{conv_id}/close",
        json={"disposition": "spam", "note": "ya atendido"},
    ).json()
    assert closed["state"] == "closed"
    assert (
        sara.post(f"/api/v1/conversations/{conv_id}/close", json={"disposition": "x"}).status_code
        == 409
    )
    reopened = sara.post(f"/api/v1/conversations/{conv_id}/reopen").json()
    assert reopened["state"] == "assigned" and reopened["assignee"] == hub.user_ids["sara"]


def test_lists_page_with_cursors_and_filter(hub: RunningHub) -> None:
    hub.add_user("ana")
    for i in range(7):
        hub.customer_writes(
            f"wamid.p{i}", f"3465000000{i}", f"mensaje {i}", ts=int(time.time()) - 100 + i
        )
    hub.customer_writes("wamid.px", "34659999999", "otro", phone_number_id=SUPPORT)
    ana = hub.login("ana")
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        page = ana.get("/api/v1/conversations", params=params).json()
        seen.extend(c["contact"]["wa_id"] for c in page["items"])
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [f"3465000000{i}" for i in reversed(range(7))]
    found = ana.get("/api/v1/conversations", params={"q": "MENSAJE 3"}).json()["items"]
    assert [c["contact"]["wa_id"] for c in found] == ["34650000003"]
    assert ana.get("/api/v1/conversations", params={"limit": "0"}).status_code == 400
    assert ana.get("/api/v1/conversations", params={"cursor": "garbage"}).status_code == 400
    conv_id = found[0]["id"]
    for i in range(5):
        hub.customer_writes(f"wamid.m{i}", "34650000003", f"línea {i}")
    history: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = ana.get(f"/api/v1/conversations/{conv_id}/messages", params=params).json()
        history = [m["text"] for m in page["items"]] + history
        cursor = page["next"]
        if cursor is None:
            break
    assert history == ["mensaje 3"] + [f"línea {i}" for i in range(5)]


def test_a_conversation_counts_its_contacts_conversations_in_queues_the_caller_cannot_open(
    hub: RunningHub,
) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("sara", "agent", ("soporte",))
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    hub.add_user("root", "admin", ())
    ana, sara, lead = hub.login("ana"), hub.login("sara"), hub.login("lead")
    # Two support conversations (the first one closed), then one in sales.
    hub.customer_writes("wamid.e1", "34655500001", "no me llega el router", phone_number_id=SUPPORT)
    first = _first(sara)["id"]
    lead.post(f"/api/v1/conversations/{first}/close", json={"disposition": "resolved"})
    hub.customer_writes("wamid.e2", "34655500001", "sigue sin llegar", phone_number_id=SUPPORT)
    hub.customer_writes("wamid.e3", "34655500001", "quiero comprar otro")
    hub.customer_writes("wamid.e4", "34655500002", "otra persona")  # another contact
    sales = _first(ana, wa_id="34655500001")
    support = [c["id"] for c in sara.get("/api/v1/conversations").json()["items"]]

    seen = ana.get(f"/api/v1/conversations/{sales['id']}").json()
    assert seen["contact_conversations_elsewhere"] == 2
    # Only the count leaves the hub: the support conversations stay out of ana's reach.
    assert all(ana.get(f"/api/v1/conversations/{c}").status_code == 404 for c in support)
    assert "wamid" not in str(seen) and "router" not in str(seen)
    assert (
        sara.get(f"/api/v1/conversations/{support[0]}").json()["contact_conversations_elsewhere"]
        == 1
    )
    # Who can open every queue has nothing elsewhere.
    assert (
        lead.get(f"/api/v1/conversations/{sales['id']}").json()["contact_conversations_elsewhere"]
        == 0
    )
    assert (
        hub.login("root")
        .get(f"/api/v1/conversations/{sales['id']}")
        .json()["contact_conversations_elsewhere"]
        == 0
    )

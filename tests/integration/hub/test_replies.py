"""A reply quotes a message of its own conversation; WhatsApp gets its id as ``context``."""

from __future__ import annotations

from typing import Any

import httpx
from hub_harness import RunningHub, wait_for


def _claimed(hub: RunningHub, wamid: str, wa_id: str, text: str) -> tuple[httpx.Client, str]:
    hub.customer_writes(wamid, wa_id, text)
    ana = hub.login("ana")
    items = ana.get("/api/v1/conversations").json()["items"]
    conv_id = next(c["id"] for c in items if c["contact"]["wa_id"] == wa_id)
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return ana, conv_id


def test_a_reply_reaches_whatsapp_with_the_quoted_message_id(hub: RunningHub) -> None:
    hub.add_user("ana")
    ana, conv_id = _claimed(hub, "wamid.q1", "34611000001", "¿Dónde está mi pedido 4417?")
    body = {"type": "text", "text": "Sale hoy.", "reply_to": "wamid.q1"}
    sent = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=body)
    assert sent.status_code == 201, sent.text
    assert sent.json()["context_wamid"] == "wamid.q1"
    (graph,) = hub.world.sent_to("34611000001")
    assert graph.body["context"] == {"message_id": "wamid.q1"}
    # The customer answers quoting the agent's reply: the hub keeps what it quotes.
    hub.customer_writes("wamid.q2", "34611000001", "¡Gracias!", context=sent.json()["wamid"])

    def answer() -> dict[str, Any] | None:
        items = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
        return next((m for m in items if m["text"] == "¡Gracias!"), None)

    last = wait_for(answer)
    assert last["context_wamid"] == sent.json()["wamid"]


def test_a_reply_to_a_message_of_another_conversation_is_refused(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.other", "34611000009", "soy otra persona")
    ana, conv_id = _claimed(hub, "wamid.mine", "34611000002", "hola")
    for reply_to in ("wamid.other", "wamid.nobody"):
        body = {"type": "text", "text": "Hola", "reply_to": reply_to}
        refused = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "reply_not_in_conversation"
    assert hub.world.sent_to("34611000002") == []
    items = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
    assert [m["text"] for m in items] == ["hola"]  # nothing stored either

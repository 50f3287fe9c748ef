"""``GET /api/v1/supervisor/conversations/{id}/timeline``: messages and every chain's
actions in time order, the durations, who may see it, and paging."""

from __future__ import annotations

import time
from typing import Any

from audit_rows import extend_chain, store_chain
from hub_harness import RunningHub, wait_for

from wa_desk.core.clock import from_rfc3339, now_ms, to_rfc3339

INSTALL = "0190f0e0-cccc-7000-8000-000000000003"


def _timeline(client: Any, conv_id: str, **params: Any) -> Any:
    return client.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline", params=params)


def _desktop_actions(hub: RunningHub, conv_id: str, kinds: list[str]) -> None:
    """ana's desktop chain: one event per kind about the conversation, 1 ms apart."""
    ana = hub.user_ids["ana"]
    events: list[dict[str, Any]] = []
    start = now_ms()
    extend_chain(
        events,
        [
            {
                "id": f"ev-{i}",
                "device": f"{INSTALL}/{ana}",
                "at": to_rfc3339(start + i),
                "actor": ana,
                "kind": kind,
                "conversation": conv_id,
                "data": {"checklist": {"saludó": True}} if kind.startswith("checklist") else {},
            }
            for i, kind in enumerate(kinds)
        ],
    )
    hub.ctx.db.write_sync(lambda c: store_chain(c, events, ana))


def test_a_supervisor_sees_messages_and_actions_in_order_with_durations(
    hub: RunningHub,
) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("lead", "supervisor", ("ventas",))
    hub.add_user("otra", "supervisor", ("soporte",))
    hub.add_user("root", "admin", ())
    hub.customer_writes(
        "wamid.tl1", "34611111111", "¿dónde está mi pedido?", ts=int(time.time()) - 120
    )
    ana, lead = hub.login("ana"), hub.login("lead")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    reply = {"text": "Hola, lo miro", "reply_to": "wamid.tl1"}
    sent = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=reply)
    assert sent.status_code == 201, sent.text
    # The simulator's statuses (and the hub's facts about them) settle before comparing.
    messages_url = f"/api/v1/conversations/{conv_id}/messages"
    wait_for(lambda: ana.get(messages_url).json()["items"][-1]["status"] == "read")
    _desktop_actions(hub, conv_id, ["conversation.claimed", "message.sent", "checklist.checked"])

    open_now = _timeline(lead, conv_id).json()
    assert open_now["durations"]["handle_ms"] is None
    assert open_now["conversation"]["state"] == "assigned"

    closed = ana.post(
        f"/api/v1/conversations/{conv_id}/close",
        json={"disposition": "resolved", "note": "enviado el número de seguimiento"},
    )
    assert closed.status_code == 200, closed.text
    conv = closed.json()

    body = _timeline(lead, conv_id).json()
    assert body["next"] is None
    assert body["disposition"] == "resolved"
    c = body["conversation"]
    assert c["contact"] == {
        "wa_id": "34611111111",
        "name": "Lucía Pérez",
        "marketing_opt_out": None,
    }
    assert c["queue"] == "ventas" and c["state"] == "closed"
    assert (c["assignee"], c["assignee_name"]) == (hub.user_ids["ana"], "ana")
    assert c["close_note"] == "enviado el número de seguimiento"

    items = body["items"]
    assert [i["at_ms"] for i in items] == sorted(i["at_ms"] for i in items)
    assert all(from_rfc3339(i["at"]) == i["at_ms"] for i in items)
    msgs = [i for i in items if i["source"] == "message"]
    assert [(m["direction"], m["text"]) for m in msgs] == [
        ("in", "¿dónde está mi pedido?"),
        ("out", "Hola, lo miro"),
    ]
    assert msgs[0]["sender"] == {"id": "34611111111", "name": "Lucía Pérez"}
    assert msgs[1]["sender"] == {"id": hub.user_ids["ana"], "name": "ana"}
    # The agent's reply shows what it answered.
    assert msgs[0]["reply_to"] is None
    assert msgs[1]["reply_to"] == {
        "wamid": "wamid.tl1",
        "type": "text",
        "text": "¿dónde está mi pedido?",
    }
    desk = [i for i in items if i["source"] == "device"]
    assert [(d["kind"], d["seq"]) for d in desk] == [
        ("conversation.claimed", 1),
        ("message.sent", 2),
        ("checklist.checked", 3),
    ]
    assert desk[0]["actor"] == {"id": hub.user_ids["ana"], "name": "ana"}
    assert desk[0]["device"] == f"{INSTALL}/{hub.user_ids['ana']}"
    assert all(i["source"] in ("message", "hub", "device") for i in items)

    first_in = msgs[0]["at_ms"]
    assigned = from_rfc3339(conv["assigned_at"])
    assert body["durations"] == {
        "waiting_ms": assigned - first_in,
        "first_response_ms": msgs[1]["at_ms"] - first_in,
        "handle_ms": from_rfc3339(conv["closed_at"]) - assigned,
    }
    assert body["durations"]["waiting_ms"] >= 110_000  # the customer wrote 2 minutes ago

    # Pages of two, followed by their cursors, give back the same items.
    paged: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = _timeline(lead, conv_id, limit=2, **({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, page.text
        paged += page.json()["items"]
        cursor = page.json()["next"]
        if cursor is None:
            break
    assert paged == items and len(items) >= 5

    # Who may see it.
    assert _timeline(hub.login("root"), conv_id).status_code == 200
    refused = _timeline(ana, conv_id)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert _timeline(hub.login("otra"), conv_id).status_code == 404
    assert _timeline(lead, "no-such-conversation").status_code == 404
    assert _timeline(lead, conv_id, cursor="nope").json()["error"]["code"] == "bad_cursor"
    assert _timeline(lead, conv_id, limit=0).json()["error"]["code"] == "bad_limit"

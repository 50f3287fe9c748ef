"""The Graph stand-in on a real socket: a send leads to signed status webhooks."""

from __future__ import annotations

import httpx
from sim_receiver import NUMBER, TOKEN, Receiver, wait_until

CUSTOMER = "34655555555"


def test_customer_message_then_reply_then_statuses(hub_and_graph: tuple[Receiver, str]) -> None:
    receiver, graph_url = hub_and_graph
    with httpx.Client(base_url=graph_url, timeout=5) as client:
        r = client.post(
            f"/_sim/customers/{CUSTOMER}/messages",
            json={
                "type": "text",
                "text": "Hola, ¿abrís el sábado?",
                "name": "Lucía Fernández",
                "wait": True,
            },
        )
        assert r.status_code == 200
        inbound = r.json()
        assert inbound["delivered"] is True
        assert inbound["wamid"] in receiver.message_ids()

        r = client.post(
            f"/v24.0/{NUMBER}/messages",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={
                "messaging_product": "whatsapp",
                "to": CUSTOMER,
                "type": "text",
                "context": {"message_id": inbound["wamid"]},
                "text": {"body": "Sí, de 10 a 14 h."},
            },
        )
        assert r.status_code == 200, r.text
        wamid = r.json()["messages"][0]["id"]
        assert wait_until(lambda: len(receiver.statuses(wamid)) == 3, 10)
        assert receiver.statuses(wamid) == ["sent", "delivered", "read"]
        assert receiver.bad_signatures == 0

        stats = client.get("/_sim/stats").json()
        assert stats["delivery"]["delivered"] == 4
        sent = client.get("/_sim/sent", params={"to": CUSTOMER}).json()["items"]
        assert [s["wamid"] for s in sent] == [wamid]


def test_control_api_burst_and_clock(hub_and_graph: tuple[Receiver, str]) -> None:
    receiver, graph_url = hub_and_graph
    with httpx.Client(base_url=graph_url, timeout=10) as client:
        wamids = client.post("/_sim/burst", json={"n": 30, "concurrency": 5, "seed": 2}).json()[
            "wamids"
        ]
        assert len(set(wamids)) == 30
        assert client.post("/_sim/drain", json={"timeout_s": 5}).json()["drained"]
        assert set(wamids) <= receiver.message_ids()

        # a day later the window towards those customers is closed
        client.post(f"/_sim/customers/{CUSTOMER}/messages", json={"text": "hola"})
        client.post("/_sim/clock/advance", json={"seconds": 25 * 3600})
        r = client.post(
            f"/v24.0/{NUMBER}/messages",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={
                "messaging_product": "whatsapp",
                "to": CUSTOMER,
                "text": {"body": "¿Sigues ahí?"},
            },
        )
        assert r.status_code == 400
        assert r.json()["error"]["code"] == 131047

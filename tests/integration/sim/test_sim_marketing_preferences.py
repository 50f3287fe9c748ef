"""The simulator's customer stops and resumes marketing in WhatsApp's settings: it sends
Meta's signed ``user_preferences`` webhook each time, nothing when nothing changed, and
still fails a marketing template sent anyway with 131050, as Meta does."""

from __future__ import annotations

import time
from typing import Any

import httpx
from sim_receiver import NUMBER, TOKEN, Receiver, wait_until

CUSTOMER = "34655555556"


def _preferences(receiver: Receiver) -> list[tuple[str, dict[str, Any]]]:
    """(phone_number_id, item) of every user_preferences item delivered, in order."""
    bodies = list(receiver.bodies)  # each one waited for: the receiver holds it already
    return [
        (change["value"]["metadata"]["phone_number_id"], item)
        for body in bodies
        for entry in body["entry"]
        for change in entry["changes"]
        if change["field"] == "user_preferences"
        for item in change["value"]["user_preferences"]
    ]


def _choose(client: httpx.Client, stopped: bool) -> Any:
    answer = client.post(
        f"/_sim/customers/{CUSTOMER}/marketing",
        json={"stopped": stopped, "phone_number_id": NUMBER, "wait": True},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["delivered"]


def test_stop_and_resume_are_told_to_the_business(hub_and_graph: tuple[Receiver, str]) -> None:
    receiver, graph_url = hub_and_graph
    before = int(time.time())
    with httpx.Client(base_url=graph_url, timeout=5) as client:
        assert _choose(client, stopped=True) is True
        assert _choose(client, stopped=True) is None  # stopped already: nothing is sent
        assert _choose(client, stopped=False) is True
    told = _preferences(receiver)
    assert [(number, item["value"]) for number, item in told] == [
        (NUMBER, "stop"),
        (NUMBER, "resume"),
    ]
    for _, item in told:
        assert item["wa_id"] == CUSTOMER and item["category"] == "marketing_messages"
        assert isinstance(item["timestamp"], int) and item["timestamp"] >= before
        assert item["detail"].startswith("User requested to ")
    assert receiver.bad_signatures == 0


def test_a_marketing_template_sent_anyway_fails_with_131050(
    hub_and_graph: tuple[Receiver, str],
) -> None:
    receiver, graph_url = hub_and_graph
    with httpx.Client(base_url=graph_url, timeout=5) as client:
        assert _choose(client, stopped=True) is True
        r = client.post(
            f"/v24.0/{NUMBER}/messages",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={
                "messaging_product": "whatsapp",
                "to": CUSTOMER,
                "type": "template",
                "template": {"name": "encuesta_satisfaccion", "language": {"code": "es"}},
            },
        )
        assert r.status_code == 200, r.text
        wamid = r.json()["messages"][0]["id"]
    assert wait_until(lambda: "failed" in receiver.statuses(wamid), 10)
    [failed] = [
        s
        for v in receiver.values()
        for s in v.get("statuses", [])
        if s["id"] == wamid and s["status"] == "failed"
    ]
    assert failed["errors"][0]["code"] == 131050

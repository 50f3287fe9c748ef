"""POST /api/v1/events and GET /api/v1/events/acked against a real hub, on SQLite and
PostgreSQL: each event stored once, chains that do not link refused and alerted."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
from hub_harness import RunningHub

from wa_desk.core.audit_chain import GENESIS, seal, verify
from wa_desk.core.clock import from_rfc3339, now_ms, to_rfc3339
from wa_desk.hub.queries import audit_log, stream_log


def chain(
    device: str, actor: str, n: int, start: int = 1, prev: str = GENESIS, kind: str = "note.added"
) -> list[dict[str, Any]]:
    events = []
    base = now_ms() - 60_000  # a minute ago, one millisecond per seq
    for seq in range(start, start + n):
        sealed = seal(
            {
                "id": f"{device}-{seq}",
                "device": device,
                "seq": seq,
                "at": to_rfc3339(base + seq),
                "actor": actor,
                "kind": kind,
                "conversation": None,
                "data": {"n": seq, "texto": "¿dónde está?"},
            },
            prev,
        )
        events.append(sealed)
        prev = sealed["hash"]
    return events


def held(hub: RunningHub, device: str) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, device, 0, 10_000)))


def alerts(hub: RunningHub) -> list[dict[str, Any]]:
    """Each alert pushed (raised, then counted again), its kind's fields beside the rest."""
    events = hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0)))
    pushed = [orjson.loads(e.data) for e in events if e.kind in ("alert.raised", "alert.updated")]
    return [{**data, **data["details"]} for data in pushed]


def post(
    client: httpx.Client, events: list[dict[str, Any]], device_name: str | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"events": events}
    if device_name is not None:
        body["device_name"] = device_name
    return client.post("/api/v1/events", json=body)


def _agent(hub: RunningHub, name: str = "ana") -> tuple[httpx.Client, str, str]:
    user_id = hub.add_user(name)
    return hub.login(name), user_id, f"0190a5c4-0000-7000-8000-000000000001/{user_id}"


def test_a_batch_is_stored_once_and_a_resent_one_only_acknowledged(hub: RunningHub) -> None:
    ana, user_id, device = _agent(hub)
    assert ana.get("/api/v1/events/acked", params={"device": device}).json() == {
        "device": device,
        "acked_seq": 0,
    }
    events = chain(device, user_id, 5)

    first = post(ana, events)
    assert first.status_code == 200, first.text
    assert first.json() == {"device": device, "acked_seq": 5}
    again = post(ana, events)
    assert again.status_code == 200, again.text
    assert again.json()["acked_seq"] == 5

    stored = held(hub, device)
    assert stored == events  # rebuilt exactly as sent, hashes and all
    assert verify(stored) == []
    assert ana.get("/api/v1/events/acked", params={"device": device}).json()["acked_seq"] == 5
    assert alerts(hub) == []


def test_an_overlapping_batch_stores_only_its_new_events(hub: RunningHub) -> None:
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 8)
    assert post(ana, events[:4]).json()["acked_seq"] == 4
    response = post(ana, events[2:8])
    assert response.status_code == 200, response.text
    assert response.json()["acked_seq"] == 8
    assert [e["seq"] for e in held(hub, device)] == list(range(1, 9))
    assert verify(held(hub, device)) == []


def test_a_gap_is_refused_with_where_the_hub_stands_and_alerted(hub: RunningHub) -> None:
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 6)
    post(ana, events[:2])
    response = post(ana, events[4:])
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "audit_gap" and error["acked_seq"] == 2
    assert "seq 5" in error["message"]
    assert [e["seq"] for e in held(hub, device)] == [1, 2]
    (alert,) = alerts(hub)
    assert alert["kind"] == "audit_gap"
    assert "ana" in alert["message"] and "seq 5" in alert["message"]
    assert device not in alert["message"]  # the device id is the agent's text
    # The device sends what was missing, and the chain goes on.
    assert post(ana, events[2:]).json()["acked_seq"] == 6


def test_an_audit_gap_alert_carries_who_which_computer_and_where(hub: RunningHub) -> None:
    """The structured fields a desktop writes its own words from (core.alert_kinds)."""
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 6)
    assert post(ana, events[:2], device_name="CARLA-PC").status_code == 200
    before = now_ms()
    assert post(ana, events[4:], device_name="CARLA-PC").status_code == 409
    assert post(ana, events[4:], device_name="CARLA-PC").status_code == 409
    first, again = alerts(hub)
    assert first["details"] == {
        "user": user_id,
        "user_name": "ana",
        "device": device,
        "device_name": "CARLA-PC",
        "seq": 5,
        "acked_seq": 2,
    }
    assert (first["kind"], first["subject"], first["severity"]) == ("audit_gap", device, "critical")
    assert (first["count"], first["state"], first["queues"]) == (1, "open", ["ventas"])
    assert from_rfc3339(first["at"]) >= before - 1000  # the hub's clock, to the ms
    assert first["at"] == first["last_at"]
    assert (again["id"], again["count"], again["at"]) == (first["id"], 2, first["at"])
    assert from_rfc3339(again["last_at"]) >= from_rfc3339(first["at"])
    assert "Seen 2 times" in again["message"]  # the hub's English words stay for API clients
    stored = hub.run(
        hub.ctx.db.read(lambda c: c.one("SELECT device_name, details, count FROM alerts"))
    )
    assert stored is not None
    assert (stored["device_name"], int(stored["count"])) == ("CARLA-PC", 2)
    assert orjson.loads(stored["details"]) == {
        "user": user_id,
        "user_name": "ana",
        "device": device,
        "seq": 5,
        "acked_seq": 2,
    }


def test_a_device_name_that_is_not_a_host_name_never_reaches_an_alert(hub: RunningHub) -> None:
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 6)
    bait = "URGENT: call IT on +34 600 000 999"
    assert post(ana, events[:2], device_name=bait).status_code == 200  # the log still goes in
    assert post(ana, events[4:], device_name=bait).status_code == 409
    (alert,) = alerts(hub)
    assert alert["device_name"] is None
    assert "URGENT" not in orjson.dumps(alert).decode()


def test_a_fork_from_the_held_chain_is_refused_and_alerted(hub: RunningHub) -> None:
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 3)
    post(ana, events)
    # seq 4 sealed onto something other than the hub's seq 3.
    stray = chain(device, user_id, 1, start=4, prev="a" * 64)
    response = post(ana, stray)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "audit_fork"
    assert response.json()["error"]["acked_seq"] == 3
    # A different (well-sealed) event for a seq the hub already holds.
    rewritten = chain(device, user_id, 3, kind="conversation.closed")
    response = post(ana, rewritten[1:])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "audit_fork"
    assert "seq 2" in response.json()["error"]["message"]
    assert held(hub, device) == events
    # One open alert for the device, counted again.
    assert [(a["kind"], a["count"]) for a in alerts(hub)] == [("audit_fork", 1), ("audit_fork", 2)]
    assert len({a["id"] for a in alerts(hub)}) == 1
    assert all("ana" in a["message"] for a in alerts(hub))


def test_events_in_another_users_name_or_chain_are_refused(hub: RunningHub) -> None:
    ana, ana_id, device = _agent(hub)
    beto_id = hub.add_user("beto")
    as_beto = chain(device, beto_id, 1)
    response = post(ana, as_beto)
    assert response.status_code == 403 and response.json()["error"]["code"] == "audit_actor"
    betos_device = f"0190a5c4-0000-7000-8000-000000000001/{beto_id}"
    response = post(ana, chain(betos_device, ana_id, 1))
    assert response.status_code == 403 and response.json()["error"]["code"] == "audit_actor"
    response = ana.get("/api/v1/events/acked", params={"device": betos_device})
    assert response.status_code == 403
    response = post(ana, chain("hub", ana_id, 1))
    assert response.status_code == 403
    assert held(hub, betos_device) == [] and held(hub, "hub") == []
    assert httpx.post(f"{hub.url}/api/v1/events", json={"events": []}).status_code == 401


def test_tampered_or_malformed_events_are_refused_and_nothing_is_stored(
    hub: RunningHub,
) -> None:
    ana, user_id, device = _agent(hub)
    events = chain(device, user_id, 3)
    tampered = [*events[:2], {**events[2], "data": {"n": 3, "texto": "otra cosa"}}]
    response = post(ana, tampered)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_event"
    assert "events[2]" in response.json()["error"]["message"]
    response = ana.post(
        "/api/v1/events", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_event"
    assert post(ana, []).status_code == 400
    assert held(hub, device) == []
    assert post(ana, events).json()["acked_seq"] == 3


def test_the_openapi_schema_documents_the_batch(hub: RunningHub) -> None:
    schema = httpx.get(f"{hub.url}/openapi.json").json()
    body = schema["paths"]["/api/v1/events"]["post"]["requestBody"]
    items = body["content"]["application/json"]["schema"]["properties"]["events"]["items"]
    assert "hash" in items["required"]
    assert "/api/v1/events/acked" in schema["paths"]

"""When the account's templates change on WhatsApp, every signed-in user hears it on the
stream (``templates.changed``), whether the hub's sync found the change or Meta's
``message_template_status_update`` webhook announced it (SQLite, then PostgreSQL); and
location headers and copy-code buttons reach the Cloud API exactly as Meta documents."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, text_webhook, wait_for
from sse_reader import Sse, StreamReader

from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import templates
from wa_desk.hub.template_sync import sync_templates

CHANGED = StreamEventKind.TEMPLATES_CHANGED.value


@pytest.fixture
def readers(hub: RunningHub) -> Iterator[dict[str, StreamReader]]:
    """Streams of an agent of each queue and of an administrator, opened once the hub's
    first sync is over (its own announcement is not what these tests look at)."""
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("sol", "agent", ("soporte",))
    hub.add_user("root", "admin", ())
    assert hub.run(sync_templates(hub.ctx)) > 0
    for name in ("ana", "sol", "root"):
        hub.login(name)
    opened = {n: StreamReader(hub.url, hub.tokens[n]) for n in ("ana", "sol", "root")}
    try:
        for reader in opened.values():
            reader.take("ready")
        yield opened
    finally:
        for reader in opened.values():
            reader.close()


def _everyone_hears(readers: dict[str, StreamReader]) -> list[Sse]:
    heard = [r.take(CHANGED) for r in readers.values()]
    assert all(e.data == heard[0].data and e.id == heard[0].id for e in heard)
    return heard


def _status(hub: RunningHub, name: str) -> str | None:
    row = hub.ctx.db.read_sync(lambda c: templates.get(c, name, "es"))
    return None if row is None else str(row["status"])


def test_a_sync_that_finds_changes_tells_everyone_which(
    hub: RunningHub, readers: dict[str, StreamReader]
) -> None:
    world = hub.world
    world.templates = [
        dataclasses.replace(t, status="PAUSED") if t.name == "envio_en_camino" else t
        for t in world.templates
        if t.name != "welcome"
    ]
    world.templates.append(
        dataclasses.replace(world.templates[0], id="399", name="nueva", body="Hola {{1}}.")
    )
    hub.run(sync_templates(hub.ctx))
    heard = _everyone_hears(readers)
    assert heard[0].data == {
        "templates": [
            {"name": "envio_en_camino", "language": "es", "status": "PAUSED"},
            {"name": "nueva", "language": "es", "status": "APPROVED"},
            {"name": "welcome", "language": "en_US", "status": None},
        ]
    }
    # A sync that finds nothing new says nothing: the next event is the next change.
    hub.run(sync_templates(hub.ctx))
    world.templates = [
        dataclasses.replace(t, body="Hola {{1}}, ¿seguimos?") if t.name == "nueva" else t
        for t in world.templates
    ]
    hub.run(sync_templates(hub.ctx))
    assert _everyone_hears(readers)[0].data == {
        "templates": [{"name": "nueva", "language": "es", "status": "APPROVED"}]
    }


def test_metas_status_webhook_updates_the_template_and_tells_everyone(
    hub: RunningHub, readers: dict[str, StreamReader]
) -> None:
    wa_id = "34611100010"
    hub.customer_writes("wamid.tc1", wa_id, "hola")
    ana = hub.clients[0]
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    sim = hub.ctx.settings.graph_url

    def review(event: str, name: str = "seguimiento_pedido") -> Any:
        url = f"{sim}/_sim/templates/{name}/es/status"
        answer = httpx.post(url, json={"event": event, "reason": "LOW_QUALITY", "wait": True})
        assert answer.status_code == 200, answer.text
        assert answer.json()["delivered"] is True  # the hub answered 200
        return answer.json()

    review("PAUSED")
    assert _status(hub, "seguimiento_pedido") == "PAUSED"
    assert _everyone_hears(readers)[0].data == {
        "templates": [{"name": "seguimiento_pedido", "language": "es", "status": "PAUSED"}]
    }
    policy = ana.get("/api/v1/policy").json()
    assert "seguimiento_pedido" not in [t["name"] for t in policy["templates"]]
    send = {
        "type": "template",
        "template": "seguimiento_pedido",
        "language": "es",
        "body_params": ["Lucía", "A-1042"],
    }
    refused = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=send)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "template_invalid"
    assert hub.world.sent_to(wa_id) == []

    review("FLAGGED")  # quality dropping: still approved, nothing to tell
    assert _status(hub, "seguimiento_pedido") == "PAUSED"
    review("REINSTATED")
    assert _status(hub, "seguimiento_pedido") == "APPROVED"
    assert _everyone_hears(readers)[0].data == {
        "templates": [{"name": "seguimiento_pedido", "language": "es", "status": "APPROVED"}]
    }
    sent = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=send)
    assert sent.status_code == 201, sent.text

    review("DISABLED", "recordatorio_cita")
    assert _everyone_hears(readers)[0].data["templates"] == [
        {"name": "recordatorio_cita", "language": "es", "status": "DISABLED"}
    ]
    # The same delivery again (Meta retries) changes nothing and says nothing more.
    review("DISABLED", "recordatorio_cita")
    review("REJECTED", "bienvenida")
    assert _everyone_hears(readers)[0].data["templates"][0]["name"] == "bienvenida"


def _claimed_outside_the_window(hub: RunningHub, wa_id: str) -> tuple[httpx.Client, str]:
    hub.add_user("lidia")
    two_days_ago = int(time.time()) - 48 * 3600
    hub.post_webhook(text_webhook(f"wamid.{wa_id}", wa_id, "hola", ts=two_days_ago))
    assert hub.run(sync_templates(hub.ctx)) > 0
    lidia = hub.login("lidia")
    conv_id = wait_for(lambda: lidia.get("/api/v1/conversations").json()["items"])[0]["id"]
    assert lidia.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return lidia, conv_id


def _sent(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    return [r.body["template"]["components"] for r in hub.world.sent_to(wa_id)]


PLACE = {
    "latitude": 40.4168,
    "longitude": -3.7038,
    "name": "Tienda Sol",
    "address": "Puerta del Sol 1, Madrid",
}


def test_a_location_header_reaches_the_cloud_api_as_metas_location_parameter(
    hub: RunningHub,
) -> None:
    wa_id = "34611100011"
    lidia, conv_id = _claimed_outside_the_window(hub, wa_id)
    url = f"/api/v1/conversations/{conv_id}/messages"
    send: dict[str, Any] = {
        "type": "template",
        "template": "recogida_en_tienda",
        "language": "es",
        "header_location": PLACE,
        "body_params": ["Lucía", "A-1042"],
    }
    for wrong in (
        {"header_location": None},
        {"header_location": PLACE | {"latitude": 90.5}},
        {"header_location": PLACE | {"longitude": -181}},
        {"header_location": PLACE | {"name": ""}},
        {"header_location": {k: v for k, v in PLACE.items() if k != "address"}},
        {"header_params": ["Sol"]},
    ):
        refused = lidia.post(url, json=send | wrong)
        assert refused.status_code == 422, (wrong, refused.text)
    assert _sent(hub, wa_id) == []
    ok = lidia.post(url, json=send)
    assert ok.status_code == 201, ok.text
    assert _sent(hub, wa_id) == [
        [
            {"type": "header", "parameters": [{"type": "location", "location": PLACE}]},
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "Lucía"},
                    {"type": "text", "text": "A-1042"},
                ],
            },
        ]
    ]
    # A place on a template without a location header is refused too.
    shipping = {"template": "seguimiento_pedido", "header_location": PLACE}
    assert lidia.post(url, json=send | shipping).status_code == 422


def test_a_copy_code_reaches_the_cloud_api_at_its_buttons_index(hub: RunningHub) -> None:
    wa_id = "34611100012"
    lidia, conv_id = _claimed_outside_the_window(hub, wa_id)
    url = f"/api/v1/conversations/{conv_id}/messages"
    send: dict[str, Any] = {
        "type": "template",
        "template": "codigo_descuento",
        "language": "es",
        "body_params": ["Lucía"],
        "button_params": [{"index": 1, "text": "VERANO25"}],
    }
    too_long = lidia.post(url, json=send | {"button_params": [{"index": 1, "text": "X" * 16}]})
    assert too_long.status_code == 422
    assert too_long.json()["error"]["code"] == "template_invalid"
    assert lidia.post(url, json=send).status_code == 201
    assert _sent(hub, wa_id) == [
        [
            {"type": "body", "parameters": [{"type": "text", "text": "Lucía"}]},
            {
                "type": "button",
                "sub_type": "copy_code",
                "index": "1",
                "parameters": [{"type": "coupon_code", "coupon_code": "VERANO25"}],
            },
        ]
    ]


def test_a_new_template_approved_by_webhook_is_synced_and_announced_at_once(
    hub: RunningHub, readers: dict[str, StreamReader]
) -> None:
    """Meta approves a template the hub has never listed: the hub syncs now, not at its
    next interval, and everyone hears of it."""
    world = hub.world
    world.templates.append(
        dataclasses.replace(
            world.templates[0], id="398", name="aviso_nuevo", body="Hola {{1}}.", status="PENDING"
        )
    )
    url = f"{hub.ctx.settings.graph_url}/_sim/templates/aviso_nuevo/es/status"
    answer = httpx.post(url, json={"event": "APPROVED", "wait": True})
    assert answer.status_code == 200 and answer.json()["delivered"] is True
    assert _everyone_hears(readers)[0].data == {
        "templates": [{"name": "aviso_nuevo", "language": "es", "status": "APPROVED"}]
    }
    assert _status(hub, "aviso_nuevo") == "APPROVED"

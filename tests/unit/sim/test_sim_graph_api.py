"""The Graph stand-in answers as Meta does: bodies, error envelopes, codes, HTTP status."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sim_helpers import AUTH, CUSTOMER, NUMBER, template_body, text_body

from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World

pytestmark = pytest.mark.anyio

MESSAGES = f"/v23.0/{NUMBER}/messages"


async def customer_writes(graph: httpx.AsyncClient, wa_id: str = CUSTOMER) -> str:
    r = await graph.post(f"/_sim/customers/{wa_id}/messages", json={"text": "Hola"})
    assert r.status_code == 200
    wamid: str = r.json()["wamid"]
    return wamid


def error_of(r: httpx.Response) -> dict[str, Any]:
    body = r.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert error["fbtrace_id"]
    return error


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dXNlcg=="}]
)
async def test_missing_or_wrong_token_is_401_code_190(
    graph: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    r = await graph.post(MESSAGES, json=text_body(), headers=headers)
    assert r.status_code == 401
    error = error_of(r)
    assert error["code"] == 190
    assert error["type"] == "OAuthException"


async def test_unknown_phone_number_id_is_code_100_subcode_33(graph: httpx.AsyncClient) -> None:
    r = await graph.post("/v23.0/999/messages", json=text_body(), headers=AUTH)
    assert r.status_code == 400
    error = error_of(r)
    assert (error["code"], error["error_subcode"]) == (100, 33)
    assert "Object with ID '999' does not exist" in error["message"]


async def test_free_form_outside_the_window_is_131047(graph: httpx.AsyncClient) -> None:
    r = await graph.post(MESSAGES, json=text_body(), headers=AUTH)
    assert r.status_code == 400
    error = error_of(r)
    assert error["code"] == 131047
    assert error["message"] == "(#131047) Re-engagement message"
    assert error["error_data"]["messaging_product"] == "whatsapp"
    assert "24 hours" in error["error_data"]["details"]


async def test_inside_the_window_a_text_is_accepted(graph: httpx.AsyncClient, world: World) -> None:
    await customer_writes(graph)
    r = await graph.post(MESSAGES, json=text_body(to="+" + CUSTOMER), headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["contacts"] == [{"input": "+" + CUSTOMER, "wa_id": CUSTOMER}]
    wamid = body["messages"][0]["id"]
    assert wamid.startswith("wamid.")
    assert world.sent[-1].wamid == wamid
    assert world.sent[-1].to == CUSTOMER


async def test_the_window_closes_after_24_hours(graph: httpx.AsyncClient, world: World) -> None:
    await customer_writes(graph)
    world.clock.advance(24 * 3600 * 1000 + 1)
    r = await graph.post(MESSAGES, json=text_body(), headers=AUTH)
    assert error_of(r)["code"] == 131047


async def test_the_window_is_per_business_number(graph: httpx.AsyncClient) -> None:
    await customer_writes(graph)
    r = await graph.post("/v23.0/100000000000002/messages", json=text_body(), headers=AUTH)
    assert error_of(r)["code"] == 131047


async def test_templates_go_out_without_a_window(graph: httpx.AsyncClient) -> None:
    r = await graph.post(
        MESSAGES, json=template_body("seguimiento_pedido", "es", ["Ana", "A-1234"]), headers=AUTH
    )
    assert r.status_code == 200, r.text
    assert r.json()["messages"][0]["message_status"] == "accepted"


@pytest.mark.parametrize(("name", "language"), [("no_existe", "es"), ("bienvenida", "en_US")])
async def test_unknown_template_or_language_is_132001(
    graph: httpx.AsyncClient, name: str, language: str
) -> None:
    r = await graph.post(MESSAGES, json=template_body(name, language), headers=AUTH)
    assert r.status_code == 400
    error = error_of(r)
    assert error["code"] == 132001
    assert name in error["error_data"]["details"]


@pytest.mark.parametrize("params", [None, ["Ana"], ["Ana", "A-1", "extra"]])
async def test_wrong_param_count_is_132000(
    graph: httpx.AsyncClient, params: list[str] | None
) -> None:
    r = await graph.post(
        MESSAGES, json=template_body("recordatorio_cita", "es", params), headers=AUTH
    )
    error = error_of(r)
    assert error["code"] == 132000
    assert "expected number of params (2)" in error["error_data"]["details"]


async def test_invalid_body_is_code_100_naming_the_parameter(graph: httpx.AsyncClient) -> None:
    await customer_writes(graph)
    body = text_body()
    body["text"] = {}
    r = await graph.post(MESSAGES, json=body, headers=AUTH)
    assert r.status_code == 400
    error = error_of(r)
    assert error["code"] == 100
    assert "text['body']" in error["message"]


async def test_non_json_body_is_code_100(graph: httpx.AsyncClient) -> None:
    r = await graph.post(MESSAGES, content=b"{nope", headers=AUTH)
    assert error_of(r)["code"] == 100


async def test_mark_as_read_answers_success(graph: httpx.AsyncClient, world: World) -> None:
    wamid = await customer_writes(graph)
    r = await graph.post(
        MESSAGES,
        json={"messaging_product": "whatsapp", "status": "read", "message_id": wamid},
        headers=AUTH,
    )
    assert r.status_code == 200
    assert r.json() == {"success": True}
    assert world.sent[-1].type == "read"


async def test_throughput_limit_is_130429(world: World) -> None:
    settings = SimSettings(access_token="t", rate_per_number=3, time_scale=0.0001)
    app = create_graph_app(world, settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://g"
    ) as client:
        codes = []
        for _ in range(6):
            r = await client.post(
                MESSAGES,
                json=template_body("bienvenida", "es"),
                headers={"Authorization": "Bearer t"},
            )
            codes.append(r.status_code if r.status_code == 200 else r.json()["error"]["code"])
    await app.state.sim.aclose()
    assert codes[:3] == [200, 200, 200]
    assert 130429 in codes[3:]


async def test_pair_rate_limit_is_131056(world: World) -> None:
    settings = SimSettings(access_token="t", pair_burst=2, pair_per_second=0.01, time_scale=0.0001)
    app = create_graph_app(world, settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://g"
    ) as client:
        auth = {"Authorization": "Bearer t"}
        results = []
        for to in (CUSTOMER, CUSTOMER, CUSTOMER, "34622222222"):
            r = await client.post(
                MESSAGES, json=template_body("bienvenida", "es", to=to), headers=auth
            )
            results.append(r.status_code if r.status_code == 200 else r.json()["error"]["code"])
    await app.state.sim.aclose()
    # a third message to the same customer trips it; another customer is unaffected
    assert results == [200, 200, 131056, 200]


async def test_template_listing_pages_with_after_cursor(graph: httpx.AsyncClient) -> None:
    url = "/v23.0/200000000000001/message_templates"
    r = await graph.get(url, params={"limit": 2, "summary": "total_count"}, headers=AUTH)
    assert r.status_code == 200
    page = r.json()
    assert [t["name"] for t in page["data"]] == ["bienvenida", "seguimiento_pedido"]
    assert page["summary"]["total_count"] == 10
    names = [t["name"] for t in page["data"]]
    while "next" in page.get("paging", {}):
        after = page["paging"]["cursors"]["after"]
        page = (await graph.get(url, params={"limit": 2, "after": after}, headers=AUTH)).json()
        names += [t["name"] for t in page["data"]]
    assert names == [
        "bienvenida",
        "seguimiento_pedido",
        "recordatorio_cita",
        "encuesta_satisfaccion",
        "welcome",
        "envio_en_camino",
        "factura_disponible",
        "oferta_personal",
        "recogida_en_tienda",
        "codigo_descuento",
    ]


async def test_template_listing_honours_fields_and_filters(graph: httpx.AsyncClient) -> None:
    r = await graph.get(
        "/v23.0/200000000000001/message_templates",
        params={"fields": "name,language", "language": "en_US"},
        headers=AUTH,
    )
    assert r.json()["data"] == [{"name": "welcome", "language": "en_US", "id": "300000000000005"}]


async def test_phone_number_info(graph: httpx.AsyncClient) -> None:
    r = await graph.get(f"/v23.0/{NUMBER}", headers=AUTH)
    assert r.status_code == 200
    assert r.json()["display_phone_number"] == "+34 600 000 001"


async def test_unknown_path_and_bad_version_are_graph_errors(graph: httpx.AsyncClient) -> None:
    for path in ("/v23.0/1/2/3", f"/latest/{NUMBER}"):
        r = await graph.get(path, headers=AUTH)
        assert r.status_code == 400
        assert error_of(r)["code"] == 100


async def test_accepted_send_leads_to_sent_delivered_read(
    graph: httpx.AsyncClient, world: World
) -> None:
    await customer_writes(graph)
    r = await graph.post(MESSAGES, json=text_body(), headers=AUTH)
    wamid = r.json()["messages"][0]["id"]
    for _ in range(200):
        statuses = [
            s
            for w in world.webhooks
            for s in w["entry"][0]["changes"][0]["value"].get("statuses", [])
            if s["id"] == wamid
        ]
        if len(statuses) == 3:
            break
        await asyncio.sleep(0.01)
    assert [s["status"] for s in statuses] == ["sent", "delivered", "read"]
    assert statuses[0]["pricing"] == {
        "billable": False,
        "pricing_model": "PMP",
        "type": "free_customer_service",
        "category": "service",
    }
    assert "expiration_timestamp" in statuses[0]["conversation"]


async def test_failure_probability_sends_a_failed_status(world: World) -> None:
    settings = SimSettings(access_token="t", failure_probability=1.0, time_scale=0.0001)
    app = create_graph_app(world, settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://g"
    ) as client:
        r = await client.post(
            MESSAGES, json=template_body("bienvenida", "es"), headers={"Authorization": "Bearer t"}
        )
        assert r.status_code == 200
        for _ in range(200):
            if world.webhooks:
                break
            await asyncio.sleep(0.01)
    await app.state.sim.aclose()
    status = world.webhooks[0]["entry"][0]["changes"][0]["value"]["statuses"][0]
    assert status["status"] == "failed"
    assert status["errors"][0]["code"] == 131026


async def test_window_errors_can_arrive_by_webhook(world: World) -> None:
    settings = SimSettings(access_token="t", window_errors="webhook", time_scale=0.0001)
    app = create_graph_app(world, settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://g"
    ) as client:
        r = await client.post(MESSAGES, json=text_body(), headers={"Authorization": "Bearer t"})
        assert r.status_code == 200
        for _ in range(200):
            if world.webhooks:
                break
            await asyncio.sleep(0.01)
    await app.state.sim.aclose()
    status = world.webhooks[0]["entry"][0]["changes"][0]["value"]["statuses"][0]
    assert (status["status"], status["errors"][0]["code"]) == ("failed", 131047)


async def test_control_api_lists_sends_and_stats(graph: httpx.AsyncClient) -> None:
    await customer_writes(graph)
    await graph.post(MESSAGES, json=text_body(), headers=AUTH)
    sent = (await graph.get("/_sim/sent", params={"to": CUSTOMER})).json()["items"]
    assert [s["type"] for s in sent] == ["text"]
    stats = (await graph.get("/_sim/stats")).json()
    assert stats["accepted_total"] == 1
    assert stats["inbound"] == 1
    r = await graph.post("/_sim/customers/34611111111/messages", json={"type": "nope"})
    assert r.status_code == 400

"""The simulator judges every part of a template send as Meta does: a text header's
values, a media header's file, the URL button that takes a suffix (at its index), and
the names of a NAMED template's values."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sim_helpers import AUTH, CUSTOMER, NUMBER

pytestmark = pytest.mark.anyio

MESSAGES = f"/v23.0/{NUMBER}/messages"


def _send(name: str, components: list[dict[str, Any]]) -> dict[str, Any]:
    template = {"name": name, "language": {"code": "es"}, "components": components}
    return {
        "messaging_product": "whatsapp",
        "to": CUSTOMER,
        "type": "template",
        "template": template,
    }


def _text(*values: str, names: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [{"type": "text", "text": v} for v in values]
    for param, name in zip(params, names, strict=False):
        param["parameter_name"] = name
    return params


HEADER = {"type": "header", "parameters": _text("A-1042")}
BODY = {"type": "body", "parameters": _text("Lucía", "martes")}
BUTTON = {"type": "button", "sub_type": "url", "index": "1", "parameters": _text("A1042")}


async def test_a_send_with_every_part_filled_is_accepted(graph: httpx.AsyncClient) -> None:
    r = await graph.post(
        MESSAGES, json=_send("envio_en_camino", [HEADER, BODY, BUTTON]), headers=AUTH
    )
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    ("components", "code"),
    [
        ([BODY, BUTTON], 132000),  # the header's value missing
        ([HEADER, BODY], 132000),  # the URL button's suffix missing
        ([HEADER, BODY, {**BUTTON, "index": "0"}], 132000),  # at the quick reply's index
        ([HEADER, BODY, {**BUTTON, "index": "x"}], 100),
        ([{"type": "header", "parameters": _text("A", "B")}, BODY, BUTTON], 132000),
    ],
)
async def test_a_part_left_out_or_misplaced_is_refused(
    graph: httpx.AsyncClient, components: list[dict[str, Any]], code: int
) -> None:
    r = await graph.post(MESSAGES, json=_send("envio_en_camino", components), headers=AUTH)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == code


async def test_a_media_header_needs_its_file_and_named_values_their_names(
    graph: httpx.AsyncClient,
) -> None:
    image = {
        "type": "header",
        "parameters": [{"type": "image", "image": {"link": "https://x.es/a.jpg"}}],
    }
    named = {"type": "body", "parameters": _text("Lucía", "20 %", names=("nombre", "descuento"))}
    ok = await graph.post(MESSAGES, json=_send("oferta_personal", [image, named]), headers=AUTH)
    assert ok.status_code == 200, ok.text
    unnamed = {"type": "body", "parameters": _text("Lucía", "20 %")}
    for components in (
        [named],
        [image, unnamed],
        [{"type": "header", "parameters": _text("x")}, named],
    ):
        r = await graph.post(MESSAGES, json=_send("oferta_personal", components), headers=AUTH)
        assert r.status_code == 400, components
        assert r.json()["error"]["code"] == 132012


COUPON = {
    "type": "button",
    "sub_type": "copy_code",
    "index": "1",
    "parameters": [{"type": "coupon_code", "coupon_code": "VERANO25"}],
}
GREETING = {"type": "body", "parameters": _text("Lucía")}


async def test_a_copy_code_button_takes_one_coupon_code_of_at_most_15_characters(
    graph: httpx.AsyncClient,
) -> None:
    ok = await graph.post(
        MESSAGES, json=_send("codigo_descuento", [GREETING, COUPON]), headers=AUTH
    )
    assert ok.status_code == 200, ok.text
    fifteen = {**COUPON, "parameters": [{"type": "coupon_code", "coupon_code": "A" * 15}]}
    ok = await graph.post(
        MESSAGES, json=_send("codigo_descuento", [GREETING, fifteen]), headers=AUTH
    )
    assert ok.status_code == 200, ok.text
    sixteen = {**COUPON, "parameters": [{"type": "coupon_code", "coupon_code": "A" * 16}]}
    as_text = {**COUPON, "parameters": _text("VERANO25")}
    for components, code in (
        ([GREETING, sixteen], 100),
        ([GREETING], 132000),  # the code left out
        ([GREETING, {**COUPON, "index": "0"}], 132000),  # at the quick reply's index
        ([GREETING, {**COUPON, "sub_type": "url"}], 132012),
        ([GREETING, as_text], 132012),  # a code is a coupon_code, not text
    ):
        r = await graph.post(MESSAGES, json=_send("codigo_descuento", components), headers=AUTH)
        assert r.status_code == 400, components
        assert r.json()["error"]["code"] == code, (components, r.text)


async def test_a_location_header_takes_one_place_in_range(graph: httpx.AsyncClient) -> None:
    place = {"latitude": 40.4168, "longitude": -3.7038, "name": "Tienda Sol", "address": "Sol 1"}
    header = {"type": "header", "parameters": [{"type": "location", "location": place}]}
    body = {"type": "body", "parameters": _text("Lucía", "A-1042")}
    ok = await graph.post(MESSAGES, json=_send("recogida_en_tienda", [header, body]), headers=AUTH)
    assert ok.status_code == 200, ok.text
    far = {**place, "latitude": 91}
    off_the_map = {"type": "header", "parameters": [{"type": "location", "location": far}]}
    for components, code in (
        ([body], 132012),  # the place left out
        ([{"type": "header", "parameters": _text("Sol")}, body], 132012),
        ([off_the_map, body], 100),
    ):
        r = await graph.post(MESSAGES, json=_send("recogida_en_tienda", components), headers=AUTH)
        assert r.status_code == 400, components
        assert r.json()["error"]["code"] == code, (components, r.text)


async def test_a_template_status_change_is_listed_and_sent_as_metas_webhook(
    graph: httpx.AsyncClient, world: Any
) -> None:
    url = "/_sim/templates/envio_en_camino/es/status"
    r = await graph.post(url, json={"event": "PAUSED", "reason": "LOW_QUALITY"})
    assert r.status_code == 200, r.text
    assert r.json()["template"]["status"] == "PAUSED"
    assert world.find_template("envio_en_camino", "es").status == "PAUSED"
    assert world.webhooks[-1]["entry"][0]["changes"][0] == {
        "value": {
            "event": "PAUSED",
            "message_template_id": 300000000000006,
            "message_template_name": "envio_en_camino",
            "message_template_language": "es",
            "message_template_category": "UTILITY",
            "reason": "LOW_QUALITY",
        },
        "field": "message_template_status_update",
    }
    refused = await graph.post(
        MESSAGES, json=_send("envio_en_camino", [HEADER, BODY, BUTTON]), headers=AUTH
    )
    assert refused.status_code == 400 and refused.json()["error"]["code"] == 132001
    r = await graph.post(url, json={"event": "REINSTATED"})
    assert r.json()["template"]["status"] == "APPROVED"
    assert (await graph.post(url, json={"event": "SOMETHING"})).status_code == 400
    missing = await graph.post("/_sim/templates/nada/es/status", json={"event": "PAUSED"})
    assert missing.status_code == 404

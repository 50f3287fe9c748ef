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

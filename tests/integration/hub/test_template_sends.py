"""Template sends through the hub to the simulator (SQLite, then PostgreSQL): every part's
values reach the Cloud API payload exactly, and values that do not fit the synced
template are refused by the hub with ``template_invalid`` (422) before WhatsApp is asked."""

from __future__ import annotations

import time
from typing import Any

import httpx
from hub_harness import RunningHub, text_webhook

from wa_desk.hub.template_sync import sync_templates


def _outside_the_window(hub: RunningHub, wa_id: str) -> tuple[httpx.Client, str]:
    hub.add_user("ana")
    two_days_ago = int(time.time()) - 48 * 3600
    hub.post_webhook(text_webhook(f"wamid.{wa_id}", wa_id, "hola", ts=two_days_ago))
    assert hub.run(sync_templates(hub.ctx)) > 0
    ana = hub.login("ana")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return ana, conv_id


def _sent(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    """What the simulator received, as sent (less its own note of the rendered text)."""
    return [
        {k: v for k, v in record.body.items() if k != "_rendered"}
        for record in hub.world.sent_to(wa_id)
    ]


def test_header_body_and_url_button_values_reach_the_cloud_api_exactly(
    hub: RunningHub,
) -> None:
    wa_id = "34611100001"
    ana, conv_id = _outside_the_window(hub, wa_id)
    listed = {t["name"]: t for t in ana.get("/api/v1/templates").json()["items"]}
    assert listed["envio_en_camino"]["header_parameters"] == 1
    send = {
        "type": "template",
        "template": "envio_en_camino",
        "language": "es",
        "header_params": ["A-1042"],
        "body_params": ["Lucía", "martes"],
        "button_params": [{"index": 1, "text": "A1042"}],
    }
    ok = ana.post(
        f"/api/v1/conversations/{conv_id}/messages", json=send, headers={"Idempotency-Key": "k1"}
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["text"] == "Hola Lucía, tu pedido sale hoy y llegará el martes."
    assert _sent(hub, wa_id) == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": wa_id,
            "type": "template",
            "template": {
                "name": "envio_en_camino",
                "language": {"code": "es"},
                "components": [
                    {"type": "header", "parameters": [{"type": "text", "text": "A-1042"}]},
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": "Lucía"},
                            {"type": "text", "text": "martes"},
                        ],
                    },
                    {
                        "type": "button",
                        "sub_type": "url",
                        "index": "1",
                        "parameters": [{"type": "text", "text": "A1042"}],
                    },
                ],
            },
        }
    ]
    again = ana.post(
        f"/api/v1/conversations/{conv_id}/messages", json=send, headers={"Idempotency-Key": "k1"}
    )
    assert again.status_code == 200 and len(_sent(hub, wa_id)) == 1  # one key, one send


def test_values_that_do_not_fit_the_synced_template_are_refused_before_whatsapp(
    hub: RunningHub,
) -> None:
    wa_id = "34611100002"
    ana, conv_id = _outside_the_window(hub, wa_id)
    complete: dict[str, Any] = {
        "type": "template",
        "template": "envio_en_camino",
        "language": "es",
        "header_params": ["A-1042"],
        "body_params": ["Lucía", "martes"],
        "button_params": [{"index": 1, "text": "A1042"}],
    }
    for wrong in (
        {"header_params": []},  # the header's value dropped on the way
        {"header_params": ["A-1042", "otra"]},
        {"body_params": ["Lucía"]},
        {"button_params": []},
        {"button_params": [{"index": 0, "text": "A1042"}]},  # a quick reply takes none
        {"header_link": "https://cdn.ejemplo.es/a.pdf"},  # no media header
    ):
        refused = ana.post(f"/api/v1/conversations/{conv_id}/messages", json=complete | wrong)
        assert refused.status_code == 422, (wrong, refused.text)
        assert refused.json()["error"]["code"] == "template_invalid", wrong
    assert _sent(hub, wa_id) == []


def test_a_document_header_goes_as_a_link_and_named_values_carry_their_names(
    hub: RunningHub,
) -> None:
    wa_id = "34611100003"
    ana, conv_id = _outside_the_window(hub, wa_id)
    url = f"/api/v1/conversations/{conv_id}/messages"
    invoice: dict[str, Any] = {
        "type": "template",
        "template": "factura_disponible",
        "language": "es",
        "body_params": ["Lucía", "F-77"],
    }
    missing_link = ana.post(url, json=invoice)
    assert missing_link.status_code == 422
    not_https = ana.post(url, json=invoice | {"header_link": "http://ejemplo.es/f.pdf"})
    assert not_https.status_code == 422
    link = "https://facturas.ejemplo.es/F-77.pdf"
    assert ana.post(url, json=invoice | {"header_link": link}).status_code == 201
    offer = {
        "type": "template",
        "template": "oferta_personal",
        "language": "es",
        "header_link": "https://cdn.ejemplo.es/oferta.jpg",
        "body_params": ["Lucía", "20 %"],
    }
    sent = ana.post(url, json=offer)
    assert sent.status_code == 201, sent.text
    assert sent.json()["text"] == "¡Hola Lucía! Tienes un 20 % de descuento hasta el domingo."
    invoice_sent, offer_sent = (b["template"]["components"] for b in _sent(hub, wa_id))
    assert invoice_sent[0] == {
        "type": "header",
        "parameters": [{"type": "document", "document": {"link": link}}],
    }
    assert offer_sent == [
        {
            "type": "header",
            "parameters": [
                {"type": "image", "image": {"link": "https://cdn.ejemplo.es/oferta.jpg"}}
            ],
        },
        {
            "type": "body",
            "parameters": [
                {"type": "text", "parameter_name": "nombre", "text": "Lucía"},
                {"type": "text", "parameter_name": "descuento", "text": "20 %"},
            ],
        },
    ]

"""WhatsApp changes a template while the agent fills it in, in the desktop app against a
real hub and simulator: Meta's status webhook reaches the hub, the hub tells the app on
the stream, and the form says in the agent's words (Spanish here) that the template can
no longer be sent, keeping the values; reinstated, it can be sent again. A location
header and a copy code go from the form to WhatsApp exactly as the Cloud API documents."""

from __future__ import annotations

from typing import Any

import httpx
from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.composer import Composer
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow

WA_ID = "34655500088"
SHIPPING = {"header:1": "A-1042", "body:1": "Lucia", "body:2": "martes", "button1:1": "A1042"}


def _review(hub: RunningHub, name: str, event: str) -> None:
    """Meta reviews the template: the simulator sends its status webhook to the hub."""
    url = f"{hub.ctx.settings.graph_url}/_sim/templates/{name}/es/status"
    answer = httpx.post(url, json={"event": event, "wait": True})
    assert answer.status_code == 200 and answer.json()["delivered"] is True, answer.text


def _type(composer: Composer, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        edit = composer.template_form.edit_for(field_id)
        assert edit is not None, field_id
        edit.clear()
        QTest.keyClicks(edit, value)


async def _claimed(window: MainWindow) -> Composer:
    conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
    window.inbox_view.conversationSelected.emit(conv_id)
    window.conversation_view.claimRequested.emit(conv_id)
    await until(lambda: state_of(window, conv_id) == "assigned")
    await until(lambda: window.conversation_view.current_id() == conv_id)
    composer = window.conversation_view.composer
    await until(lambda: composer.pages.currentWidget() is composer.write_page)
    await until(lambda: composer.template_form.template_count() > 0)
    return composer


def test_a_template_paused_on_whatsapp_while_filled_in_says_so_and_keeps_the_values(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None
) -> None:
    hub.customer_wrote_outside_the_window("wamid.tch1", WA_ID, "¿Tenéis cupones?")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            composer = await _claimed(window)
            form = composer.template_form
            assert form.choose("envio_en_camino", "es")
            _type(composer, SHIPPING)
            assert composer.template_send.isEnabled()
            _review(hub, "envio_en_camino", "PAUSED")
            await until(lambda: not composer.template_send.isEnabled())
            assert composer.template_reason.text() == (
                "WhatsApp ha pausado «envio_en_camino», así que por ahora no se puede "
                "enviar. Elige otra plantilla."
            )
            assert form.values() == SHIPPING
            _review(hub, "envio_en_camino", "REINSTATED")
            await until(lambda: composer.template_send.isEnabled())
            assert form.values() == SHIPPING and composer.template_reason.text() == ""
            assert hub.world.sent_to(WA_ID) == []

    run(qapp, scenario)


def _components(hub: RunningHub) -> list[list[dict[str, Any]]]:
    return [r.body["template"]["components"] for r in hub.world.sent_to(WA_ID)]


def test_a_location_header_and_a_copy_code_reach_whatsapp_exactly(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_wrote_outside_the_window("wamid.tch1", WA_ID, "¿Tenéis cupones?")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            composer = await _claimed(window)
            form = composer.template_form
            assert form.choose("recogida_en_tienda", "es")
            _type(
                composer,
                {
                    "header:latitude": "40,4168",
                    "header:longitude": "-3.7038",
                    "header:name": "Tienda Sol",
                    "header:address": "Puerta del Sol 1, Madrid",
                    "body:1": "Lucia",
                    "body:2": "A-1042",
                },
            )
            composer.send_template()
            await until(lambda: len(hub.world.sent_to(WA_ID)) == 1)
            assert form.choose("codigo_descuento", "es")
            _type(composer, {"body:1": "Lucia", "button1:code": "VERANO25"})
            composer.send_template()
            await until(lambda: len(hub.world.sent_to(WA_ID)) == 2)
            await until(lambda: app.store is not None and app.store.outbox_count() == 0)
            assert _components(hub) == [
                [
                    {
                        "type": "header",
                        "parameters": [
                            {
                                "type": "location",
                                "location": {
                                    "latitude": 40.4168,
                                    "longitude": -3.7038,
                                    "name": "Tienda Sol",
                                    "address": "Puerta del Sol 1, Madrid",
                                },
                            }
                        ],
                    },
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": "Lucia"},
                            {"type": "text", "text": "A-1042"},
                        ],
                    },
                ],
                [
                    {"type": "body", "parameters": [{"type": "text", "text": "Lucia"}]},
                    {
                        "type": "button",
                        "sub_type": "copy_code",
                        "index": "1",
                        "parameters": [{"type": "coupon_code", "coupon_code": "VERANO25"}],
                    },
                ],
            ]

    run(qapp, scenario)

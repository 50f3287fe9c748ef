"""Outside the 24 h window the agent fills in a template with a header value, body values
and a URL button's suffix, in the desktop app against a real hub and simulator: exactly
the Cloud API payload reaches WhatsApp, once however often Send is clicked. When the
template changed on WhatsApp since the app loaded it, the hub refuses (422
``template_invalid``) and the agent reads the app's own words for it, in Spanish too."""

from __future__ import annotations

import asyncio
import dataclasses

from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.template_sync import sync_templates
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.conversation.composer import Composer
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500077"
VALUES = {"header:1": "A-1042", "body:1": "Lucía", "body:2": "martes", "button1:1": "A1042"}


def _fill(composer: Composer) -> None:
    form = composer.template_form
    assert form.choose("envio_en_camino", "es")
    for field_id, value in VALUES.items():
        edit = form.edit_for(field_id)
        assert edit is not None, field_id
        if value.isascii():
            QTest.keyClicks(edit, value)
        else:
            edit.insert(value)  # as pasted: QTest types ASCII only


async def _claimed_outside_the_window(app: DesktopApp, window: object) -> Composer:
    from wa_desk.ui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
    window.inbox_view.conversationSelected.emit(conv_id)
    window.conversation_view.claimRequested.emit(conv_id)
    await until(lambda: state_of(window, conv_id) == "assigned")
    await until(lambda: window.conversation_view.current_id() == conv_id)
    composer = window.conversation_view.composer
    await until(lambda: composer.pages.currentWidget() is composer.write_page)
    await until(lambda: composer.template_form.template_count() > 0)
    assert composer.template_box.isVisibleTo(window) and not composer.window_open()
    return composer


def test_header_body_and_button_values_reach_whatsapp_exactly_once(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_wrote_outside_the_window("wamid.tpl1", WA_ID, "¿Cuándo llega mi pedido?")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            composer = await _claimed_outside_the_window(app, window)
            _fill(composer)
            assert composer.template_send.isEnabled()
            # An impatient double-click, and one more for a hub that seems slow.
            QTest.mouseDClick(composer.template_send, Qt.MouseButton.LeftButton)
            QTest.mouseClick(composer.template_send, Qt.MouseButton.LeftButton)
            assert composer.template_form.values() == {}  # cleared at once
            assert not composer.template_send.isEnabled()
            await until(lambda: app.store is not None and app.store.outbox_count() == 0)
            sent = await until(lambda: hub.world.sent_to(WA_ID))
            await asyncio.sleep(0)
            assert len(hub.world.sent_to(WA_ID)) == 1
            body = {k: v for k, v in sent[0].body.items() if k != "_rendered"}
            assert body == {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": WA_ID,
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

    run(qapp, scenario)


def test_a_template_changed_on_whatsapp_is_refused_in_the_agents_words(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None
) -> None:
    hub.customer_wrote_outside_the_window("wamid.tpl1", WA_ID, "¿Cuándo llega mi pedido?")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            composer = await _claimed_outside_the_window(app, window)
            _fill(composer)
            # Meta now has the template without its header value; the hub has synced it.
            world = hub.world
            world.templates = [
                dataclasses.replace(t, header="Tu pedido") if t.name == "envio_en_camino" else t
                for t in world.templates
            ]
            await asyncio.to_thread(hub.run, sync_templates(hub.ctx))
            composer.send_template()
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            shown = f"{bar.title.text()} {bar.text.text()}"
            assert "La plantilla ha cambiado en WhatsApp" in shown, shown
            assert "does not fit" not in shown, shown
            assert hub.world.sent_to(WA_ID) == []
            # The app took the new version: the header asks for nothing any more.
            await until(
                lambda: (
                    composer.template_form.choose("envio_en_camino", "es")
                    and composer.template_form.edit_for("header:1") is None
                )
            )

    run(qapp, scenario)

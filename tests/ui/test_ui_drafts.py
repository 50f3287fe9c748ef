"""A draft survives: the agent's unsent text comes back when they return to the
conversation, after signing out and in, and after a restart on the same store; sending
it forgets it for good (also when the send comes before the typing pause)."""

from __future__ import annotations

import asyncio

from desktop_driver import conversations, run, signed_in, started, until, visible_dialog
from hub_harness import PASSWORD, RunningHub
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.drafts import SAVE_DELAY_MS
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.signin_dialog import SigninDialog

DRAFT = "Te confirmo el envio en cuanto"  # QTest types ASCII only


async def _show(window: MainWindow, conversation_id: str) -> None:
    """Open the conversation and wait for its composer to be ready to write."""
    view = window.conversation_view
    window.inbox_view.conversationSelected.emit(conversation_id)
    await until(lambda: view.current_id() == conversation_id)
    composer = view.composer
    await until(lambda: composer.pages.currentWidget() is composer.write_page)
    await asyncio.sleep(0.2)  # the hub's page and the kept draft


def test_a_draft_survives_switching_signing_out_and_a_restart_and_sending_forgets_it(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_writes("wamid.d1", "34655510001", "Hola, ¿cuándo llega mi pedido?")
    hub.customer_writes("wamid.d2", "34655510002", "¿Tenéis la talla M?")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view, composer = window.conversation_view, window.conversation_view.composer
            listed = await until(lambda: len(conversations(window)) == 2 and conversations(window))
            first, second = (str(c["id"]) for c in listed)
            for cid in (first, second):
                view.claimRequested.emit(cid)
            await until(lambda: all(c.get("state") == "assigned" for c in conversations(window)))

            await _show(window, first)
            QTest.keyClicks(composer.editor, DRAFT)
            # Away and back at once, before the typing pause has written it.
            await _show(window, second)
            assert composer.editor.toPlainText() == ""
            await _show(window, first)
            assert composer.editor.toPlainText() == DRAFT
            await asyncio.sleep(2 * SAVE_DELAY_MS / 1000)
            assert app.store is not None and app.store.draft(first) == DRAFT

            window.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            dialog.hub.setText(hub.url)
            dialog.user.setText("ana")
            dialog.password.setText(PASSWORD)
            dialog.sign_in.click()
            await until(lambda: app.session is not None and window.isVisible())
            await _show(window, second)
            await _show(window, first)
            assert composer.editor.toPlainText() == DRAFT
            QTest.keyClicks(composer.editor, " pueda")  # and the app ends before the pause
        kept = DRAFT + " pueda"

        again = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(again) as window:
            view, composer = window.conversation_view, window.conversation_view.composer
            await until(lambda: len(conversations(window)) == 2)
            await _show(window, first)
            assert composer.editor.toPlainText() == kept

            QTest.keyClicks(composer.editor, " hoy")
            composer.send_text()  # before the typing pause: that edit is on its way
            assert composer.editor.toPlainText() == ""
            await until(lambda: hub.world.sent_to("34655510001"))
            await asyncio.sleep(2 * SAVE_DELAY_MS / 1000)
            assert again.store is not None and again.store.draft(first) == ""
            await _show(window, second)
            await _show(window, first)
            assert composer.editor.toPlainText() == ""

    run(qapp, scenario)

"""A reply the app cannot record, because the disk is full, is not lost: the agent reads
why, the text stays in the composer, and nothing reaches the hub half-recorded."""

from __future__ import annotations

import asyncio

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store import outbox
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

SEND_ACTION = outbox.ACTION_KINDS[OutboxKind.SEND]


def test_a_reply_refused_by_a_full_disk_stays_in_the_composer(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            store = app.store
            assert store is not None
            composer = window.conversation_view.composer
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.df1", "34611113333", "Hola")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: composer.editor.isEnabled() and composer.editor.isVisible())
            # Opening it ends by marking the customer's "Hola" read, once the hub's messages
            # are in: the disk fills only after that too has been queued and answered.
            view = window.conversation_view
            await until(lambda: (view.current_conversation() or {}).get("unread") == 0)
            await until(lambda: store.outbox_count() == 0)
            actions_before = len(store.actions())

            pages = int(store.db.execute("PRAGMA page_count").fetchone()[0])
            store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
            reply = "Su pedido sale hoy " + "con todo el detalle " * 200
            composer.editor.setPlainText(reply)
            composer.send_text()

            assert composer.editor.toPlainText() == reply.strip()
            assert window.problem_bar.isVisible()
            # Nothing half-recorded: no send logged and nothing queued for the hub. (A
            # guideline's warning about the text may be logged: a small row can still fit.)
            logged = [a["kind"] for a in store.actions()[actions_before:]]
            assert SEND_ACTION not in logged
            assert store.outbox_count() == 0

            store.db.execute("PRAGMA max_page_count = 1073741823")  # room again
            composer.send_text()
            assert composer.editor.toPlainText() == ""
            await until(lambda: hub.world.sent_to("34611113333"))
            sent = [s.body["text"]["body"] for s in hub.world.sent_to("34611113333")]
            assert sent == [reply.strip()]

    run(qapp, scenario)

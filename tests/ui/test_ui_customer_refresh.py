"""The customer pane never goes back to an older picture: what the hub answered (a note
stored, a tag changed) while the pane was reading the store for a fuller refresh stays
shown, instead of the refresh putting back what it read before."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from desktop_driver import conversations, features, run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication, QListWidget

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

SLOW_READ_S = 0.6


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_a_note_answered_during_a_refresh_is_not_shown_as_sending_again(
    qapp: QApplication, hub: RunningHub, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.customer_writes("wamid.cr1", "34655500009", "¿Me llamáis?")
    hub.add_user("beto", "agent", ("ventas",))
    beto = hub.login("beto")  # a colleague, to see what the hub holds

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            store = app.store
            assert store is not None
            panel = window.customer_panel
            await until(lambda: app.session is not None and app.session.stream.connected)
            conv = await until(lambda: next(iter(conversations(window)), None))
            window.inbox_view.conversationSelected.emit(conv["id"])
            await until(lambda: panel.conversation_id == conv["id"] and panel.isEnabled())
            await asyncio.sleep(0.5)  # the first load from the hub is over

            # The store answers slowly for a while (a busy disk): a refresh starts reading.
            slow = threading.Event()
            contact_tags = store.contact_tags

            def slow_contact_tags(wa_id: str) -> list[str]:
                if slow.is_set():
                    time.sleep(SLOW_READ_S)
                return contact_tags(wa_id)

            monkeypatch.setattr(store, "contact_tags", slow_contact_tags)
            slow.set()
            features(app).customer.show_for(conv)
            await asyncio.sleep(0.05)
            # Meanwhile the agent adds a note, and the hub stores it.
            panel.noteAdded.emit(conv["id"], "Llamar mañana a las 10.")
            url = f"/api/v1/conversations/{conv['id']}/notes"
            await until(lambda: beto.get(url).json()["items"])
            slow.clear()
            await asyncio.sleep(SLOW_READ_S * 3)  # the refresh has long finished
            shown = _texts(panel.notes)
            assert len(shown) == 1, shown
            assert "Llamar mañana a las 10." in shown[0] and "sending" not in shown[0], shown

    run(qapp, scenario)

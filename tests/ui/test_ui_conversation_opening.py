"""A conversation is shown as it is now, not as the cache had it when it began to open:
what the hub says of it while the app is still reading the cache (a colleague claimed
it, the agent's own claim was answered) is what the header and the composer follow."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.store.local_store import CachedPage
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.settings.settings import Settings

GATE_S = 20.0  # a failed test never leaves a worker thread waiting for good


def test_a_claim_heard_while_the_conversation_opens_is_what_it_shows(
    qapp: QApplication, hub: RunningHub, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    beto_id = hub.add_user("beto", "agent", ("ventas",))
    beto = hub.login("beto")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            store, session = app.store, app.session
            assert store is not None and session is not None
            view = window.conversation_view
            await until(lambda: session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.op1", "34611114444", "Hola")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            await until(lambda: state_of(window, conv_id) == "queued")

            # Every stream handler of the app has been given an update once this one,
            # subscribed after them, has.
            heard: list[dict[str, Any]] = []

            def hear(events: list[StreamEvent]) -> None:
                heard.extend(d for _k, d in events if d.get("id") == conv_id)

            session.router.subscribe([StreamEventKind.CONVERSATION_UPDATED], hear)

            # Opening it stops after reading the conversation from the cache (queued),
            # reading its messages, until the test lets it go on.
            reading, go_on = threading.Event(), threading.Event()
            messages_page = store.messages_page

            def held_messages_page(cid: str, before: str | None, limit: int) -> CachedPage:
                if cid == conv_id and not reading.is_set():
                    reading.set()
                    go_on.wait(GATE_S)
                return messages_page(cid, before, limit)

            monkeypatch.setattr(store, "messages_page", held_messages_page)
            window.inbox_view.conversationSelected.emit(conv_id)
            await until(reading.is_set)

            # Meanwhile a colleague claims it, and the app hears so.
            claimed = await asyncio.to_thread(beto.post, f"/api/v1/conversations/{conv_id}/claim")
            assert claimed.status_code == 200, claimed.text
            await until(lambda: any(d.get("assignee") == beto_id for d in heard))
            go_on.set()

            await until(lambda: view.current_id() == conv_id)
            shown = view.current_conversation()
            assert shown is not None
            assert (shown["state"], shown["assignee"]) == ("assigned", beto_id)
            assert not view.composer.editor.isVisible()  # beto's now: ana may not reply

    run(qapp, scenario)

"""The desktop app against a hub that can no longer resume its stream where the app left
it (the hub's stream events are gone: purged, or a store from another life): the app
drops its position, reloads its lists and carries on live, instead of retrying the same
refused position for ever."""

from __future__ import annotations

import asyncio

from desktop_driver import conversations, run, signed_in, started, until
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import now_ms
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations as hub_conversations
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings


def _missed_while_away(conn: Conn) -> str:
    """A conversation the app never heard of, and no stream event left to tell it."""
    now = now_ms()
    hub_conversations.upsert_contact(conn, "34655577777", "Marta", now)
    cid = hub_conversations.open_new(conn, "34655577777", "100000000000001", "ventas", now, None)
    conn.execute("DELETE FROM stream_events")
    return cid


def test_an_expired_resume_point_reloads_the_lists(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    hub_box.running.customer_writes("wamid.r1", "34655566666", "Hola")
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            await until(lambda: len(conversations(window)) == 1)
            await until(lambda: app.session is not None and app.session.stream.last_event_id)
            await asyncio.to_thread(hub_box.stop)
            db = Database.open(hub_box.settings.db, readers=1)
            try:
                missed = db.write_sync(_missed_while_away)
            finally:
                db.close()
            await asyncio.to_thread(hub_box.start)
            # The saved position is now ahead of the hub's stream: 409, then a reload.
            await until(lambda: any(c["id"] == missed for c in conversations(window)))
            assert app.session is not None and app.session.stream.connected
            hub_box.running.customer_writes("wamid.r2", "34655588888", "¿Hay alguien?")
            await until(lambda: len(conversations(window)) == 3)

    run(qapp, scenario)

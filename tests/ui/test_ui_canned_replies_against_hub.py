"""A canned reply used in the desktop app against a real hub and simulator, on SQLite and
PostgreSQL: the hub's policy offers it, "/" and typing find it, the values the desktop
knows are filled in and the agent writes the rest; WhatsApp receives exactly the text
the picker previewed, completed; and ``canned_reply.used`` (its name, never its text)
goes from the desktop's log into the hub's chain for the agent's device."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub, running_hub
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.event_data import DATA_COLUMN, read_stored
from wa_desk.hub.settings import policy_guidelines
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500123"
REPLIES: list[dict[str, Any]] = [
    {"queue": "*", "name": "Saludo", "language": "es",
     "text": "Hola {{customer_name}}, soy {{agent_name}}.", "shortcut": "hola"},
    {"queue": "ventas", "name": "Estado del pedido", "language": "es", "tags": ["pedido"],
     "text": "{{customer_name}}, tu pedido {{order_number}} sale hoy de {{queue}}."},
]  # fmt: skip


@pytest.fixture
def canned_hub(db_url: str, desktop_data_home: Path) -> Iterator[RunningHub]:
    with running_hub(db_url, time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        guidelines = policy_guidelines({"canned_replies": REPLIES})
        running.ctx.settings = dataclasses.replace(running.ctx.settings, guidelines=guidelines)
        yield running


def _canned_facts(hub: RunningHub) -> list[dict[str, Any]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            f"SELECT device, actor, conversation_id, {DATA_COLUMN} FROM audit_events "  # noqa: S608 - placeholders only
            "WHERE kind = ? ORDER BY seq",
            ("canned_reply.used",),
        )
    )
    return [{**r, "data": read_stored(r["data"]).value} for r in rows]


def test_the_text_sent_is_the_preview_completed_and_its_use_reaches_the_hub_chain(
    qapp: QApplication, canned_hub: RunningHub, settings: Settings
) -> None:
    hub = canned_hub
    hub.customer_writes("wamid.canned1", WA_ID, "¿Dónde está mi pedido?", name="Marta Gil")

    async def scenario() -> None:
        from wa_desk.ui.shell.main_window import MainWindow

        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert isinstance(window, MainWindow)
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            composer = window.conversation_view.composer
            await until(lambda: composer.can_write() and len(composer.canned_replies()) == 2)
            QTest.keyClicks(composer.editor, "/")
            picker = composer.canned_picker
            assert picker.isVisible()
            QTest.keyClicks(picker.search, "pedido")
            assert picker.current() is not None and picker.current().name == "Estado del pedido"
            preview = picker.shown_preview()
            assert preview == "Marta Gil, tu pedido {{order_number}} sale hoy de ventas."
            QTest.keyClick(picker.search, Qt.Key.Key_Return)
            assert composer.editor.toPlainText() == preview
            QTest.keyClick(composer.editor, Qt.Key.Key_Return)  # blocked: a value is missing
            assert "{{order_number}}" in composer.guidance.text()
            QTest.keyClicks(composer.editor, "A-1042")
            QTest.keyClick(composer.editor, Qt.Key.Key_Return)
            completed = preview.replace("{{order_number}}", "A-1042")
            sent = await until(lambda: hub.world.sent_to(WA_ID))
            assert [m.body["text"]["body"] for m in sent] == [completed]
            assert app.store is not None
            local = [e for e in app.store.actions() if e["kind"] == "canned_reply.used"]
            assert [e["data"]["name"] for e in local] == ["Estado del pedido"]
            facts = await until(lambda: _canned_facts(hub), within=30)
            assert len(facts) == 1
            fact = facts[0]
            assert fact["device"] == local[0]["device"]
            assert fact["actor"] == hub.user_ids["ana"]
            assert str(fact["conversation_id"]) == conv_id
            assert fact["data"] == {
                "name": "Estado del pedido",
                "language": "es",
                "idempotency_key": local[0]["data"]["idempotency_key"],
            }  # never the text

    run(qapp, scenario)

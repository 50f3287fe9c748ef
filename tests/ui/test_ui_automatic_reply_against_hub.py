"""The hub's automatic greeting in the desktop app, against a real hub and simulator on
SQLite and PostgreSQL: the bubble's footer says "Automatic" (in Spanish, "Automático"),
no agent's name is shown as its sender, and the agent's own reply has no such label.
Each language's conversation is saved as a screenshot under the test's folder."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub, running_hub
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.settings import policy_guidelines
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500777"
GREETING = "¡Hola! Gracias por escribirnos: enseguida te atiende una persona."


@pytest.fixture
def greeting_hub(db_url: str, desktop_data_home: Path) -> Iterator[RunningHub]:
    with running_hub(db_url, time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        guidelines = policy_guidelines({"auto_replies": [{"queue": "*", "greeting": GREETING}]})
        running.ctx.settings = dataclasses.replace(running.ctx.settings, guidelines=guidelines)
        yield running


def _footers(qapp: QApplication, hub: RunningHub, settings: Settings, shot: Path) -> list[str]:
    """The footer of each bubble, in the order shown, once the agent has replied."""
    hub.customer_writes("wamid.auto.ui", WA_ID, "Hola, ¿tenéis talla M?", name="Marta Gil")
    footers: list[str] = []

    async def scenario() -> None:
        from wa_desk.ui.shell.main_window import MainWindow

        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert isinstance(window, MainWindow)
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            view = window.conversation_view
            model = view.list.model()

            def automatic_rows() -> list[int]:
                return [
                    row
                    for row in range(model.rowCount())
                    if model.index(row, 0).data(MessageRoles.AUTOMATIC)
                ]

            await until(automatic_rows)
            composer = view.composer
            await until(composer.can_write)
            QTest.keyClicks(composer.editor, "Si, la tenemos.")
            QTest.keyClick(composer.editor, Qt.Key.Key_Return)
            await until(lambda: model.rowCount() == 3)
            texts = await until(
                lambda: (
                    [r.body["text"]["body"] for r in hub.world.sent_to(WA_ID) if r.type == "text"]
                    if len(hub.world.sent_to(WA_ID)) >= 2
                    else None
                )
            )
            assert texts == [GREETING, "Si, la tenemos."]
            await until(lambda: model.index(2, 0).data(MessageRoles.STATUS) != "pending")
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                footers.append(view.delegate.footer_text(index))
                if index.data(MessageRoles.AUTOMATIC):
                    assert index.data(MessageRoles.SENDER) == ""
            window.resize(1100, 700)
            assert window.grab().save(str(shot))

    run(qapp, scenario)
    keep = os.environ.get("WA_DESK_SHOTS")  # a folder to look at the screenshots in
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)
    return footers


def test_the_greeting_bubble_says_automatic(
    qapp: QApplication, greeting_hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    footers = _footers(qapp, greeting_hub, settings, tmp_path / "automatic_en.png")
    assert [f.split(" · ")[0] for f in footers if "·" in f] == ["Automatic"]
    assert len(footers) == 3


@pytest.mark.usefixtures("spanish")
def test_the_greeting_bubble_says_automatic_in_spanish(
    qapp: QApplication, greeting_hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    footers = _footers(qapp, greeting_hub, settings, tmp_path / "automatic_es.png")
    assert [f.split(" · ")[0] for f in footers if "·" in f] == ["Automático"]

"""The conversation pane offers what the server allows this user on this conversation
(``core.conversation_permissions``, the rule the hub enforces), follows it live, and a
keyboard shortcut for something not allowed sends nothing and says why. A supervisor
takes a conversation over from an agent: two real apps against a real hub."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from desktop_driver import run, signed_in, started, state_of, until, visible_child
from hub_harness import RunningHub
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.conversation_permissions import ConversationAction as Act
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    hub.add_user("bruno", "agent", ("ventas",))
    hub.add_user("lidia", "supervisor", ("ventas",))
    return hub


def _shown(window: MainWindow) -> set[Act]:
    """The header's action buttons the agent can see."""
    view = window.conversation_view
    buttons = {
        Act.RELEASE: view.release_button,
        Act.TRANSFER: view.transfer_button,
        Act.CLOSE: view.close_button,
        Act.TAKE_OVER: view.take_over_button,
    }
    return {action for action, button in buttons.items() if button.isVisibleTo(view)}


def _press(window: MainWindow, keys: str) -> None:
    """The shortcut, as the keyboard fires it."""
    (shortcut,) = [s for s in window.findChildren(QShortcut) if s.key() == QKeySequence(keys)]
    shortcut.activated.emit()


async def _open(window: MainWindow, conv_id: str) -> None:
    await until(lambda: conv_id in window.inbox_view.model.ids())
    window.inbox_view.select_conversation(conv_id)
    await until(lambda: window.conversation_view.current_id() == conv_id)


def test_an_agent_sees_only_what_the_server_allows_and_a_shortcut_says_why_not(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    bruno = hub.login("bruno")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert app.store is not None
            view = window.conversation_view
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.p1", "34611120001", "Hola")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            await _open(window, conv_id)

            # Queued: she may claim it; no Close (button or shortcut), no Transfer.
            assert _shown(window) == set()
            assert view.composer.claim_button.isEnabled()
            _press(window, "Ctrl+W")
            assert window.statusBar().currentMessage() == (
                "Only the agent who holds this conversation can do that."
            )
            _press(window, "Ctrl+Shift+O")  # take over: not for agents
            assert "supervisor" in window.statusBar().currentMessage()
            assert app.store.outbox_count() == 0  # nothing doomed was queued

            # bruno claims it: it changes on the stream, and the pane follows.
            taken = await asyncio.to_thread(bruno.post, f"/api/v1/conversations/{conv_id}/claim")
            assert taken.status_code == 200
            await until(lambda: (view.current_conversation() or {}).get("state") == "assigned")
            assert _shown(window) == set()
            assert not view.composer.claim_button.isEnabled()
            for keys in ("Ctrl+W", "Ctrl+Shift+T", "Ctrl+Shift+R", "Ctrl+Shift+A"):
                window.statusBar().clearMessage()
                _press(window, keys)
                assert window.statusBar().currentMessage(), keys
            assert app.store.outbox_count() == 0
            assert not [a for a in app.store.actions() if a["conversation"] == conv_id]

            # bruno lets it go, she claims it by the shortcut: now hers to release,
            # transfer and close.
            let_go = await asyncio.to_thread(bruno.post, f"/api/v1/conversations/{conv_id}/release")
            assert let_go.status_code == 200
            await until(lambda: view.composer.claim_button.isEnabled())
            _press(window, "Ctrl+Shift+A")
            await until(lambda: _shown(window) == {Act.RELEASE, Act.TRANSFER, Act.CLOSE})
            assert state_of(window, conv_id) == "assigned"

    run(qapp, scenario)


def test_a_supervisor_takes_over_and_the_agent_is_told(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    lidias_settings = Settings(QSettings(str(tmp_path / "lidia.ini"), QSettings.Format.IniFormat))

    async def scenario() -> None:
        ana_app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        lidia_app = DesktopApp(
            qapp, lidias_settings, CredentialStore(), preset=signed_in(hub, "lidia")
        )
        async with started(ana_app) as ana, started(lidia_app) as lidia:
            for app in (ana_app, lidia_app):
                await until(lambda a=app: a.session is not None and a.session.stream.connected)  # type: ignore[misc]
            await asyncio.to_thread(hub.customer_writes, "wamid.p2", "34611120002", "Hola")
            conv_id = await until(lambda: next(iter(ana.inbox_view.model.ids()), None))
            await _open(ana, conv_id)
            ana.conversation_view.composer.claim_button.click()
            await until(lambda: _shown(ana) == {Act.RELEASE, Act.TRANSFER, Act.CLOSE})

            # lidia, a supervisor of ventas, sees ana's conversation with Take over.
            await _open(lidia, conv_id)
            await until(lambda: state_of(lidia, conv_id) == "assigned")
            await until(
                lambda: _shown(lidia) == {Act.RELEASE, Act.TRANSFER, Act.CLOSE, Act.TAKE_OVER}
            )
            assert not lidia.conversation_view.composer.claim_button.isEnabled()
            lidia.conversation_view.take_over_button.click()
            box = await until(lambda: visible_child(lidia, QMessageBox))
            assert "ana" in box.text()  # it names the agent who holds it
            (take,) = [b for b in box.buttons() if b.text() == "Take over"]
            take.click()

            # It is lidia's now: her pane follows, ana's too, and ana is told in words.
            me = hub.user_ids["lidia"]
            await until(
                lambda: (ana.conversation_view.current_conversation() or {}).get("assignee") == me
            )
            await until(lambda: _shown(ana) == set())
            bar = ana.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.TAKEN_OVER)
            assert "\u2068lidia\u2069 took over this conversation" in bar.text.text()
            assert "Lucía Pérez" in bar.text.text()  # which customer
            await until(lambda: _shown(lidia) == {Act.RELEASE, Act.TRANSFER, Act.CLOSE})
            assert lidia_app.store is not None
            (intent,) = [
                a for a in lidia_app.store.actions() if a["kind"] == "conversation.taken_over"
            ]
            assert intent["conversation"] == conv_id
            seen = await asyncio.to_thread(
                hub.login("bruno").get, f"/api/v1/conversations/{conv_id}"
            )
            assert seen.json()["assignee"] == me

    run(qapp, scenario)

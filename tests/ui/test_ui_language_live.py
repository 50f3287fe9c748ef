"""A new language applies at once, in the running app against a real hub: the window is
built again in it around the same session, with the conversation, its draft, the inbox
view and the connection as they were."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from desktop_driver import (
    run,
    signed_in,
    signed_out,
    started,
    state_of,
    until,
    visible_child,
    visible_dialog,
)
from hub_harness import RunningHub
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations, compile_translations
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.signin_dialog import SigninDialog


@pytest.fixture
def translations(tmp_path: Path, qapp: QApplication) -> Iterator[Translations]:
    qm_dir = tmp_path / "qm"
    compile_translations(TRANSLATIONS_DIR, qm_dir)
    translations = Translations(qm_dir)
    translations.install("en")
    yield translations
    translations.remove()
    QLocale.setDefault(QLocale("en"))


def _texts(window: MainWindow) -> dict[str, str]:
    """What the agent reads in each part of the window."""
    buttons = [b.text() for b in window.inbox_view.findChildren(QPushButton) if b.isCheckable()]
    view = window.conversation_view
    return {
        "menus": " ".join(a.text() for a in window.menuBar().actions()),
        "filters": " ".join(buttons),
        "conversation": " ".join(
            (view.transfer_button.text(), view.composer.editor.placeholderText())
        ),
        "status bar": window.connection_label.text(),
    }


def _choose_language(window: MainWindow, code: str) -> None:
    """Through the settings dialog, as the agent does."""
    dialog = window.show_settings()
    combo = next(
        c for c in dialog.findChildren(QComboBox) if c.accessibleName() == s.LANGUAGE.title()
    )
    combo.setCurrentIndex(combo.findData(code))
    dialog.accept()


def test_switching_language_rebuilds_the_window_in_it_keeping_the_work(
    qapp: QApplication, hub: RunningHub, settings: s.Settings, translations: Translations
) -> None:
    settings.set(s.LANGUAGE, "en")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "ana"),
            translations=translations,
        )
        async with started(app) as first:
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.lang1", "34611110000", "Hola")
            cid = await until(lambda: next(iter(first.inbox_view.model.ids()), None))
            first.inbox_view.conversationSelected.emit(cid)
            await until(lambda: first.conversation_view.current_id() == cid)
            first.conversation_view.claimRequested.emit(cid)
            await until(lambda: state_of(first, cid) == "assigned")
            await until(lambda: first.conversation_view.composer.editor.isVisible())
            first.conversation_view.composer.editor.setPlainText("Te lo miro ahora")
            first.inbox_view.set_view("mine")
            english = _texts(first)
            assert "&File" in english["menus"] and "Mine" in english["filters"]
            assert "Connected to the server" in english["status bar"]

            _choose_language(first, "es")
            window = await until(lambda: app.window if app.window is not first else None)
            await until(lambda: window.conversation_view.current_id() == cid)
            spanish = _texts(window)
            for part, text in spanish.items():
                assert text != english[part], part
            assert "&Archivo" in spanish["menus"]
            assert "Mías" in spanish["filters"]
            assert "Transferir" in spanish["conversation"]
            assert "Conectado al servidor" in spanish["status bar"]
            assert window.inbox_view.filter.view() == "mine"
            await until(
                lambda: window.conversation_view.composer.editor.toPlainText() == "Te lo miro ahora"
            )
            assert window.isVisible() and not shiboken6.isValid(first), "one window"
            assert settings.get(s.LANGUAGE) == "es"
            assert visible_child(window, SettingsDialog) is None

            # The rebuilt window is the live one: the stream reaches it, once.
            await asyncio.to_thread(hub.customer_writes, "wamid.lang2", "34611110000", "¿Sí?")
            model = window.conversation_view.model
            await until(lambda: model.rowCount() == 2)
            await asyncio.sleep(0)
            assert model.rowCount() == 2

    run(qapp, scenario)


def test_switching_language_while_signed_out_keeps_the_signed_out_page(
    qapp: QApplication, hub: RunningHub, settings: s.Settings, translations: Translations
) -> None:
    settings.set(s.LANGUAGE, "en")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "ana"),
            translations=translations,
        )
        async with started(app) as first:
            await until(lambda: app.session is not None and app.session.stream.connected)
            first.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            dialog.reject()
            await until(lambda: signed_out(first))
            assert first.signed_out_page.sign_in.text() == "Sign in…"

            _choose_language(first, "es")
            window = await until(lambda: app.window if app.window is not first else None)
            await until(lambda: signed_out(window))  # shown once it is built
            assert window.signed_out_page.sign_in.text() == "Iniciar sesión…"
            assert not window.sign_out_action.isEnabled()
            # The new window's page signs in as the old one did.
            window.signed_out_page.sign_in.click()
            again = await until(lambda: visible_dialog(SigninDialog))
            assert again.windowTitle() != "Sign in to wa-desk"  # in Spanish too
            again.reject()

    run(qapp, scenario)

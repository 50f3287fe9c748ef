from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.store import Waiting
from wa_desk.ui.app.crash_handler import CrashHandler
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.shortcuts import SHORTCUTS

OUTPUTS = {
    "statusChangeRequested",
    "signOutRequested",
    "reconnectRequested",
    "signInRequested",
    "syncNowRequested",
}


def _window(qtbot: QtBot, settings: s.Settings, clock: list[int]) -> MainWindow:
    window = MainWindow(settings, clock=lambda: clock[0])
    qtbot.addWidget(window)
    window.set_user(sd.USER)
    window.conversation_view.composer.set_templates(sd.templates())
    window.inbox_view.model.upsert(sd.conversations())
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(window: MainWindow, conversation_id: str = "c-lucia") -> None:
    conversation = window.inbox_view.model.conversation(conversation_id)
    assert conversation is not None
    window.inbox_view.select_conversation(conversation_id)
    window.conversation_view.show_conversation(conversation, sd.messages())


def test_the_seam_has_every_documented_signal() -> None:
    for name in OUTPUTS:
        assert hasattr(MainWindow, name), name
        assert (
            name in (MainWindow.__doc__ or "")
            or name in __import__("wa_desk.ui.shell.main_window", fromlist=["x"]).__doc__
        )


def test_selecting_and_acting_on_a_conversation_reports_intents(
    qtbot: QtBot, settings: s.Settings, clock: list[int]
) -> None:
    window = _window(qtbot, settings, clock)
    with qtbot.waitSignal(window.inbox_view.conversationSelected) as selected:
        window.inbox_view.select_conversation("c-lucia")
    assert selected.args == ["c-lucia"]
    _open(window)
    with qtbot.waitSignal(window.conversation_view.releaseRequested) as released:
        qtbot.mouseClick(window.conversation_view.release_button, Qt.MouseButton.LeftButton)
    assert released.args == ["c-lucia"]
    with qtbot.waitSignal(window.conversation_view.transferClicked) as transfer:
        qtbot.mouseClick(window.conversation_view.transfer_button, Qt.MouseButton.LeftButton)
    assert transfer.args == ["c-lucia"]
    with qtbot.waitSignal(window.conversation_view.closeClicked) as close:
        window.conversation_view.request_close()  # the close shortcut
    assert close.args == ["c-lucia"]


def test_an_update_to_the_open_conversation_refreshes_header_and_composer(
    qtbot: QtBot, settings: s.Settings, clock: list[int]
) -> None:
    window = _window(qtbot, settings, clock)
    _open(window, "c-jorge")
    assert (
        window.conversation_view.composer.pages.currentWidget()
        is window.conversation_view.composer.claim_page
    )
    jorge = window.inbox_view.model.conversation("c-jorge")
    assert jorge is not None
    window.inbox_view.model.upsert(
        [{**jorge, "state": "assigned", "assignee": "u-ana", "assignee_name": "Ana Martín"}]
    )
    assert (
        window.conversation_view.composer.pages.currentWidget()
        is window.conversation_view.composer.write_page
    )
    assert "Ana Martín" in window.conversation_view.subtitle.text()


def test_connection_outbox_problems_and_status(
    qtbot: QtBot, settings: s.Settings, clock: list[int]
) -> None:
    window = _window(qtbot, settings, clock)
    assert not window.banner.isVisible()
    window.set_connection(False, retry_in=7.2)
    assert window.banner.isVisible()
    # When it tries again, counting down; never an exception's name.
    assert window.banner.title.text() == "No connection to the server, retrying in 8 s."
    assert window.connection_label.text() == "○ No connection"
    window._retry_at = 0.0  # the time has come
    window._show_retry()
    assert window.banner.title.text() == "No connection to the server. Reconnecting…"
    window.set_connection(True, None)
    assert not window.banner.isVisible()
    assert window.connection_label.text() == "● Connected to the server"
    window.set_waiting(Waiting(3, messages=3, log_entries=3))
    assert window.sync_status.label.text() == "3 waiting to be sent"
    window.show_problem(ProblemKind.SESSION_EXPIRED)
    assert window.problem_bar.isVisible()
    with qtbot.waitSignal(window.signInRequested):
        qtbot.mouseClick(window.problem_bar.action, Qt.MouseButton.LeftButton)
    for kind in ProblemKind:
        window.show_problem(kind, "detalle")
        assert window.problem_bar.kind is kind
        assert window.problem_bar.title.text()
        assert "detalle" in window.problem_bar.text.text()
    window.show_problem("no_such_kind", "detalle")
    assert window.problem_bar.kind is ProblemKind.OTHER
    offered = [window.status_combo.itemData(i) for i in range(window.status_combo.count())]
    assert offered == ["available", "busy", "away", "offline"]
    for code in offered:
        with qtbot.waitSignal(window.statusChangeRequested) as status:
            window.status_combo.activated.emit(window.status_combo.findData(code))
        assert status.args == [code]


def test_shortcuts_are_bound_and_listed_in_help(
    qtbot: QtBot, settings: s.Settings, clock: list[int]
) -> None:
    window = _window(qtbot, settings, clock)
    keys = {sc.key().toString() for sc in window._shortcuts}
    for expected in ("Ctrl+K", "Ctrl+Down", "Alt+Up", "Ctrl+L", "Ctrl+T", "Ctrl+W", "Ctrl+Shift+C"):
        assert expected in keys
    help_dialog = window.show_help()
    assert help_dialog.table.rowCount() == len(SHORTCUTS)
    window.inbox_view.list.setFocus()
    with qtbot.waitSignal(window.inbox_view.conversationSelected) as selected:
        window.inbox_view.select_relative(1)
    assert selected.args == ["c-carmen"]  # who has waited longest comes first
    help_dialog.close()


def test_settings_are_declared_once_typed_and_upgraded(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    store.setValue("language", "auto")  # a version-1 store
    store.setValue(s.FONT_SIZE.key, "not a number")
    settings = s.Settings(store)
    assert settings.get(s.LANGUAGE) == "system"
    assert not store.contains("language")
    assert int(str(store.value(s.VERSION_KEY))) == s.SETTINGS_VERSION
    assert settings.get(s.FONT_SIZE) == 0
    assert settings.get(s.NOTIFICATIONS) is True
    settings.set(s.SOUND, False)
    assert settings.get(s.SOUND) is False
    keys = [setting.key for setting in s.ALL]
    assert len(keys) == len(set(keys))
    assert all(setting.description() for setting in s.ALL)


def test_settings_dialog_saves_what_it_shows(
    qtbot: QtBot, settings: s.Settings, clock: list[int]
) -> None:
    window = _window(qtbot, settings, clock)
    dialog = window.show_settings()
    language = dialog._editors[s.LANGUAGE.key]
    language.setCurrentIndex(language.findData("es"))  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert settings.get(s.LANGUAGE) == "es"


def test_crashes_are_logged_to_a_file(tmp_path: Path, qapp: QApplication) -> None:
    handler = CrashHandler(tmp_path, show_dialog=False).install()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            handler.handle(type(exc), exc, exc.__traceback__)
    finally:
        handler.uninstall()
    assert handler.log_path is not None
    assert "boom in a slot" in handler.log_path.read_text(encoding="utf-8")

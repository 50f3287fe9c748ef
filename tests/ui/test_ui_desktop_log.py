"""The desktop's log file: private in the app's data folder, rotated, and the place where
background failures, the loop's unhandled exceptions and Qt's warnings end up; never a
token or a password, checked by signing in against a real hub."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from desktop_driver import run, signing_in, until
from hub_harness import PASSWORD, RunningHub
from keyring.backends import null
from PySide6.QtCore import QObject, QUrl, Slot, qCritical, qDebug, qInfo, qWarning
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from wa_desk.core.background import BackgroundTasks
from wa_desk.ui.app.crash_handler import CrashHandler
from wa_desk.ui.app.logging_setup import (
    FILE_NAME,
    active_log_folder,
    log_loop_exceptions,
    start_logging,
)
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow

app_log = logging.getLogger("wa_desk.ui.test")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_is_a_private_file_in_the_data_folder(desktop_data_home: Path) -> None:
    with start_logging(console=False) as desktop_log:
        app_log.info("agent window opened")
        app_log.debug("below the log's level")
        assert active_log_folder() == desktop_log.folder
    data = desktop_data_home / "wa-desk"
    assert desktop_log.path == data / "logs" / FILE_NAME
    text = desktop_log.path.read_text(encoding="utf-8")
    assert "INFO wa_desk.ui.test: agent window opened" in text
    assert "below the log's level" not in text
    assert _mode(desktop_log.path) == 0o600
    assert _mode(data / "logs") == 0o700
    assert _mode(data) == 0o700


def test_a_readable_log_left_by_an_earlier_version_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / FILE_NAME).write_text("old line\n", encoding="utf-8")
    (folder / FILE_NAME).chmod(0o644)
    with start_logging(folder, console=False) as desktop_log:
        app_log.info("new line")
    assert desktop_log.path is not None
    assert desktop_log.path.read_text(encoding="utf-8").startswith("old line\n")
    assert _mode(desktop_log.path) == 0o600
    assert _mode(folder) == 0o700


def test_the_log_rotates_and_every_file_stays_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    with start_logging(folder, max_bytes=2_000, backups=2, console=False):
        for n in range(100):
            app_log.info("line %03d %s", n, "x" * 80)
    files = sorted(p.name for p in folder.iterdir())
    assert files == [FILE_NAME, f"{FILE_NAME}.1", f"{FILE_NAME}.2"]
    assert all(_mode(folder / name) == 0o600 for name in files)
    assert all((folder / name).stat().st_size <= 2_000 for name in files)
    assert "line 099" in (folder / FILE_NAME).read_text(encoding="utf-8")


def test_a_failed_background_task_is_logged_with_its_traceback(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def refresh() -> None:
        raise ValueError("the inbox page was not JSON")

    async def scenario() -> None:
        tasks = BackgroundTasks()
        task = tasks.spawn(refresh(), "refresh inbox")
        with contextlib.suppress(ValueError):
            await task
        await asyncio.sleep(0)

    with start_logging(tmp_path / "logs", console=False) as desktop_log:
        run(qapp, scenario)
    assert desktop_log.path is not None
    text = desktop_log.path.read_text(encoding="utf-8")
    assert "ERROR wa_desk.core.background: background task refresh inbox failed" in text
    assert "Traceback (most recent call last):" in text
    assert 'raise ValueError("the inbox page was not JSON")' in text


def test_what_the_loop_cannot_hand_to_anyone_is_logged_without_arguments(
    qapp: QApplication, tmp_path: Path
) -> None:
    argument = "what-only-the-callback-was-given"

    def deliver(_token: str) -> None:
        raise RuntimeError("the callback broke")

    async def forgotten() -> None:
        raise KeyError("nobody awaited this")

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        log_loop_exceptions(loop)
        loop.call_soon(deliver, argument)
        task = asyncio.ensure_future(forgotten())
        task.set_name("forgotten task")
        await until(task.done)
        del task  # its exception, never read, is reported when it is collected
        await asyncio.sleep(0.05)

    with start_logging(tmp_path / "logs", console=False) as desktop_log:
        run(qapp, scenario)
    assert desktop_log.path is not None
    text = desktop_log.path.read_text(encoding="utf-8")
    assert "exception in a callback" in text
    assert "RuntimeError: the callback broke" in text
    assert "Task exception was never retrieved (task forgotten task)" in text
    assert "KeyError: 'nobody awaited this'" in text
    assert text.count("Traceback (most recent call last):") == 2
    assert argument not in text


@pytest.mark.qt_log_ignore(
    "the style sheet has an unknown property", "the GL context was lost", "after the log"
)
def test_qt_messages_reach_the_log_at_their_level(tmp_path: Path, qtlog: Any) -> None:
    with start_logging(tmp_path / "logs", console=False) as desktop_log:
        qDebug("a debug line from Qt")
        qInfo("an info line from Qt")
        qWarning("the style sheet has an unknown property")
        qCritical("the GL context was lost")
    qWarning("after the log was closed")
    assert desktop_log.path is not None
    text = desktop_log.path.read_text(encoding="utf-8")
    assert "a debug line from Qt" not in text
    assert "INFO wa_desk.qt: an info line from Qt" in text
    assert "WARNING wa_desk.qt: the style sheet has an unknown property" in text
    assert "ERROR wa_desk.qt: the GL context was lost" in text
    assert "after the log was closed" not in text
    # The handler installed before (here pytest-qt's) saw them all, and is back.
    seen = [record.message for record in qtlog.records]
    assert seen[-3:] == [
        "the style sheet has an unknown property",
        "the GL context was lost",
        "after the log was closed",
    ]


def test_a_crash_is_in_its_own_file_and_in_the_log(tmp_path: Path, qapp: QApplication) -> None:
    folder = tmp_path / "logs"
    with start_logging(folder, console=False) as desktop_log:
        handler = CrashHandler(folder, show_dialog=False).install()
        try:
            try:
                raise RuntimeError("boom in a slot")
            except RuntimeError as exc:
                handler.handle(type(exc), exc, exc.__traceback__)
        finally:
            handler.uninstall()
    assert handler.log_path == folder / "crash.log"
    assert _mode(handler.log_path) == 0o600
    assert desktop_log.path is not None
    for path in (handler.log_path, desktop_log.path):
        assert "RuntimeError: boom in a slot" in path.read_text(encoding="utf-8")


class _FileManager(QObject):
    """Stands in for the system's file manager: the file URLs the app asks to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_help_opens_the_folder_of_the_log_being_written(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    file_manager = _FileManager()
    QDesktopServices.setUrlHandler("file", file_manager, "open")
    try:
        with start_logging(tmp_path / "logs", console=False):
            window = MainWindow(settings)
            qtbot.addWidget(window)
            [help_menu] = [m for m in window.findChildren(QMenu) if m.title() == "&Help"]
            [action] = [a for a in help_menu.actions() if a.text() == "Open &log folder"]
            action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert file_manager.opened == [str(tmp_path / "logs")]


@pytest.fixture
def keyring_keeping_nothing() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("keyring_keeping_nothing")
def test_signing_in_logs_neither_the_password_nor_the_token(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong_password = PASSWORD[::-1]  # not the password: refused, and must not be logged either
    tokens: list[str] = []

    async def scenario() -> None:
        app, starting, dialog = await signing_in(qapp, settings, hub.url, "ana")
        dialog.password.setText(wrong_password)
        dialog.sign_in.click()
        await until(lambda: dialog.error.text())
        dialog.password.setText(PASSWORD)
        dialog.sign_in.click()
        assert await starting
        try:
            assert app.session is not None
            tokens.append(app.session.signed.token)
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.log1", "34611112222", "Hola")
            assert app.window is not None
            window = app.window
            await until(lambda: window.inbox_view.model.ids())
        finally:
            await app.stop()
            if app.window is not None:
                app.window.close()

    with start_logging(tmp_path / "logs", console=False) as desktop_log:
        # Everything the app's loggers say, not only what reaches the file at INFO.
        caplog.set_level(logging.DEBUG, logger="wa_desk")
        app_log.info("signing in to %s", hub.url)
        run(qapp, scenario)
    assert desktop_log.path is not None
    text = desktop_log.path.read_text(encoding="utf-8")
    assert f"signing in to {hub.url}" in text
    assert f"sign-in to {hub.url} as ana refused: BadCredentials" in text
    assert f"signed in to {hub.url} as ana" in text
    assert "live stream connected" in text
    [token] = tokens
    assert len(token) >= 16
    for secret in (token, PASSWORD, wrong_password):
        assert secret not in text
        assert secret not in caplog.text

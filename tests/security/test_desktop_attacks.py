"""Attacks on the desktop app by what customers and colleagues can type: markup in a
customer's message or profile name reaching the Linux notification server, files that
run code when opened, and agent names written as markup or with bidirectional controls.
Each runs the real app, offscreen, signed in against a real hub and simulator on
loopback (the UI tests' fixtures)."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Iterator
from typing import Any

import pytest
from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from ui import conftest as ui_fixtures

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.desktop_app import DesktopApp
from wa_desk.ui.settings import Settings

# The UI tests' fixtures: a hub with agent "ana" in "ventas", the app's settings and data.
desktop_data_home = ui_fixtures.desktop_data_home
hub = ui_fixtures.hub
settings = ui_fixtures.settings

# A tray icon made on the offscreen platform (which has no tray) says so once.
NO_TRAY_NOISE = r"No such signal QPlatformNativeInterface::systemTrayWindowChanged"

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(ui_fixtures.OFFSCREEN_NOISE, NO_TRAY_NOISE),
]

MARKUP_TEXT = (
    '<a href="https://evil.example/pay">Pay here</a> <img src="https://evil.example/t.png"> & co'
)
MARKUP_NAME = "<b>Lucía</b><img src=x>"

# -- desktop notifications ---------------------------------------------------------------


@pytest.fixture
def shown_notifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """A desktop whose system tray shows messages (the offscreen platform has none):
    every (title, body) the app hands to ``QSystemTrayIcon.showMessage``."""
    shown: list[tuple[str, str]] = []

    def show_message(_icon: QSystemTrayIcon, title: str, body: str, *_rest: Any) -> None:
        shown.append((title, body))

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", show_message)
    yield shown


def _notification_of_a_customer_message(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown: list[tuple[str, str]],
    platform: str,
) -> tuple[str, str]:
    """The agent works in another window when a customer whose profile name is markup
    writes markup: the notification the app shows."""

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            window.tray.platform = platform
            await until(lambda: app.stream is not None and app.stream.connected)
            elsewhere = QWidget()
            elsewhere.show()
            elsewhere.activateWindow()
            await until(lambda: not window.isActiveWindow())
            await asyncio.to_thread(
                hub.customer_writes, "wamid.markup1", "34611112222", MARKUP_TEXT, name=MARKUP_NAME
            )
            await until(lambda: shown)
            elsewhere.close()

    run(qapp, scenario)
    assert len(shown) == 1
    return shown[0]


def test_linux_notifications_carry_customer_markup_as_text(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown_notifications: list[tuple[str, str]],
) -> None:
    title, body = _notification_of_a_customer_message(
        qapp, hub, settings, shown_notifications, "linux"
    )
    # The body is markup to the notification server: every markup character escaped,
    # so it shows the customer's text literally.
    assert body == html.escape(MARKUP_TEXT, quote=False)
    assert "<" not in body and ">" not in body
    # The summary is plain text to servers that follow the specification (GNOME, KDE,
    # dunst, mako), so entities would show as "&lt;": its angle brackets become look-alike
    # quotation marks instead, which no server can read as a tag.
    assert title == "‹b›Lucía‹/b›‹img src=x›"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_desktops_get_the_text_as_it_is(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown_notifications: list[tuple[str, str]],
    platform: str,
) -> None:
    assert _notification_of_a_customer_message(
        qapp, hub, settings, shown_notifications, platform
    ) == (MARKUP_NAME, MARKUP_TEXT)

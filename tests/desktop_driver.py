"""Driving the real ``DesktopApp`` in tests (the UI tests and the end-to-end ones): a
qasync loop, an app started and stopped around a scenario, waiting for the app to get
somewhere, reading what the window shows, and dialogs the app opens on its own."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import httpx
import qasync
from hub_harness import PASSWORD, RunningHub
from PySide6.QtWidgets import QApplication, QWidget

from devtools import sample_data
from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp, Features, SignedIn
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.signin_dialog import SigninDialog

W = TypeVar("W", bound=QWidget)


def signed_in(hub: RunningHub, name: str) -> SignedIn:
    """A session obtained through the API, for an app that starts signed in."""
    body = httpx.post(
        f"{hub.url}/api/v1/auth/login", json={"username": name, "password": PASSWORD}
    ).json()
    return SignedIn(hub.url, body["token"], body["user"])


SCENARIO_LIMIT_S = 200.0  # under pytest-timeout's 300 s, so this speaks first


def run(qapp: QApplication, scenario: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    """Run an async scenario on a Qt event loop, as the app's entry point does (closing
    a window never quits the application; the app decides when it is done).

    A scenario still waiting after ``SCENARIO_LIMIT_S`` fails, and first writes where
    every task of the loop was waiting to the real stderr: a test stuck on an await
    never comes back to Python for pytest-timeout's report to say where."""
    quits = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            runner.run(_bounded(scenario()))
    finally:
        qapp.setQuitOnLastWindowClosed(quits)


async def _bounded(scenario: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(scenario)
    done, _pending = await asyncio.wait({task}, timeout=SCENARIO_LIMIT_S)
    if task in done:
        return task.result()
    _print_tasks(f"the scenario was still waiting after {SCENARIO_LIMIT_S:g} s")
    task.cancel()
    raise AssertionError(f"the scenario did not end within {SCENARIO_LIMIT_S:g} s")


def _print_tasks(why: str) -> None:
    out = sys.__stderr__
    if out is None:
        return
    print(f"\n=== {why}; where each task waits ===", file=out)
    for task in asyncio.all_tasks():
        if task is not asyncio.current_task():
            print(f"--- {task.get_name()}", file=out)
            task.print_stack(file=out)
    out.flush()


@asynccontextmanager
async def started(app: DesktopApp) -> AsyncIterator[MainWindow]:
    """``app`` started (signed in without a dialog), yielding its window; afterwards,
    whatever the scenario did, the app is stopped and its window closed (the window it
    has then: a new language builds another)."""
    assert await app.start()
    window = app.window
    assert window is not None
    try:
        yield window
    finally:
        await app.stop()
        app.window.close()


async def signing_in(
    qapp: QApplication, settings: Settings, hub_url: str, user: str
) -> tuple[DesktopApp, asyncio.Future[bool], SigninDialog]:
    """A fresh app started with no kept session: its sign-in dialog, with the hub and user
    typed in (the password is the test's), and the start that the sign-in completes."""
    for left_over in qapp.topLevelWidgets():  # another test's dialog is not this app's
        if isinstance(left_over, SigninDialog):
            left_over.close()
    app = DesktopApp(qapp, settings, CredentialStore())
    starting = asyncio.ensure_future(app.start())
    dialog = await until(lambda: visible_dialog(SigninDialog))
    dialog.hub.setText(hub_url)
    dialog.user.setText(user)
    return app, starting, dialog


async def until(predicate: Callable[[], Any], within: float = 15.0) -> Any:
    """Wait (letting the loop run) until ``predicate`` is truthy; its value."""
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await asyncio.sleep(0.05)


def signed_out(window: MainWindow) -> bool:
    """The window shows its signed-out page (nobody's work on screen)."""
    return window.isVisible() and window.pages.currentWidget() is window.signed_out_page


def features(app: DesktopApp) -> Features:
    """The signed-in session's controllers."""
    assert app.features is not None, "not signed in"
    return app.features


def messages(app: DesktopApp) -> list[dict[str, Any]]:
    assert app.window is not None
    model = app.window.conversation_view.model
    return [model.index(r, 0).data(MessageRoles.MESSAGE) for r in range(model.rowCount())]


def conversations(window: MainWindow) -> list[dict[str, Any]]:
    found = (window.inbox_view.model.conversation(i) for i in window.inbox_view.model.ids())
    return [c for c in found if c]


def state_of(window: MainWindow, conversation_id: str) -> str | None:
    """The conversation's state as the inbox shows it (None when it is not listed)."""
    return (window.inbox_view.model.conversation(conversation_id) or {}).get("state")


def conversation(window: MainWindow, conversation_id: str) -> dict[str, Any]:
    return window.inbox_view.model.conversation(conversation_id) or {}


def conversation_window(settings: Settings, shown: list[dict[str, Any]]) -> MainWindow:
    """A main window (no app behind it) with Lucía's conversation open on ``shown``."""
    window = MainWindow(settings)
    window.resize(1000, 700)
    lucia = sample_data.conversation("c-lucia", "Lucía Pérez", "34612345678")
    window.conversation_view.show_conversation(lucia, shown)
    return window


def visible_dialog(kind: type[W]) -> W | None:
    """The shown top-level widget of that class (dialogs the app opens itself)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def visible_child(parent: QWidget, kind: type[W]) -> W | None:
    """The shown widget of that class among ``parent``'s children (a message box the
    window opened)."""
    return next((w for w in parent.findChildren(kind) if w.isVisible()), None)

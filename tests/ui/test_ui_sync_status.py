"""The status bar says, as one count, what waits to be sent, breaks it down for IT in its
tooltip, and shows a long catch-up of the action log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from wa_desk.client.event_syncer import SyncStatus
from wa_desk.store import Waiting
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def english_numbers() -> Iterator[None]:
    """Numbers are grouped as the locale does it: English here (the machine may be "C")."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _window(qapp: QApplication, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    window.resize(1200, 700)
    window.show()
    qapp.processEvents()
    return window


def test_the_widget_waits_for_the_first_count_then_says_what_waits(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    assert widget.isHidden()
    window.set_sync_status(SyncStatus(pending=0, others_pending=0))
    assert widget.isHidden()  # a count first: the log alone is not what waits
    window.set_waiting(Waiting(0))
    assert widget.isVisible() and widget.label.text() == "All sent"
    assert widget.toolTip() == "Everything you did has reached the server."
    assert widget.progress.isHidden()
    window.set_waiting(Waiting(1, messages=1, log_entries=2))
    assert widget.label.text() == "1 waiting to be sent"
    window.set_waiting(Waiting(1234, actions=1200, log_entries=1300))
    assert widget.label.text() == "1,234 waiting to be sent"
    assert widget.accessibleName() and widget.label.accessibleName()
    window.close()


def test_the_tooltip_breaks_the_count_down_for_it(qapp: QApplication, settings: Settings) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    window.set_sync_status(SyncStatus(pending=5, others_pending=0, waiting_for_hub=True))
    window.set_waiting(
        Waiting(4, messages=2, actions=1, log_entries=5, oldest=0, last_error="HubUnreachable")
    )
    lines = widget.label.toolTip().split("\n")
    assert lines[:3] == ["Messages: 2", "Other actions: 1", "Action log entries: 5"]
    assert lines[3].startswith("Waiting since: ")
    assert lines[4] == "Last problem: The server cannot be reached."
    window.set_waiting(Waiting(1, actions=1, last_error="server_error"))
    window.set_sync_status(SyncStatus(pending=0, others_pending=0))
    assert widget.toolTip().endswith(
        "Last problem: The server had a problem of its own and will be asked again."
    )
    window.close()


def test_other_agents_actions_are_said_to_wait_for_their_sign_in(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    window.set_waiting(Waiting(0))
    window.set_sync_status(SyncStatus(pending=0, others_pending=30))
    text = window.sync_status.label.text()
    assert text.startswith("All sent · 30 actions of other agents")
    assert "wait for their sign-in here" in text
    window.close()


def test_a_long_catch_up_shows_its_progress_and_a_stopped_chain_says_so(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    window.set_waiting(Waiting(36_800, log_entries=36_800))
    window.set_sync_status(
        SyncStatus(pending=36_800, others_pending=0, catch_up_done=3_200, catch_up_total=40_000)
    )
    qapp.processEvents()
    assert widget.progress.isVisible() and widget.label.isHidden()
    assert widget.progress.text() == "Syncing actions: 3,200 of 40,000"
    assert widget.progress.value() == 3_200 and widget.progress.maximum() == 40_000
    assert widget.progress.accessibleName()
    # Nothing of it is clipped: the bar is as wide as its text needs.
    needed = widget.progress.fontMetrics().horizontalAdvance(widget.progress.text())
    assert widget.progress.width() > needed
    shot = os.environ.get("WA_DESK_SHOT_DIR")
    window.statusBar().grab().save(str(Path(shot or tmp_path) / "sync_status_catch_up.png"))

    window.set_sync_status(SyncStatus(pending=12, others_pending=0, problem="audit_fork: seq 7"))
    assert widget.progress.isHidden()
    assert widget.label.text() == "36,800 waiting to be sent"
    assert widget.label.toolTip().endswith(
        "Last problem: The server's copy of your action log differs from this one."
    )
    refusal = "the hub refused these actions (invalid_event, HTTP 400): seq 4 is older"
    window.set_sync_status(SyncStatus(pending=1, others_pending=0, problem=refusal, refused=True))
    assert widget.label.toolTip().endswith(
        "Last problem: The server refused part of your action log."
    )
    window.close()


def test_sync_now_is_offered_while_actions_wait_for_the_hub_and_asks_for_it(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    asked: list[bool] = []
    widget.syncNowRequested.connect(lambda: asked.append(True))
    window.set_waiting(Waiting(3, actions=3, log_entries=3))
    window.set_sync_status(SyncStatus(pending=3, others_pending=0))
    assert widget.sync_now.isHidden()  # syncing normally: nothing to ask for
    window.set_sync_status(SyncStatus(pending=3, others_pending=0, waiting_for_hub=True))
    assert widget.sync_now.isVisible() and widget.sync_now.text() == "Sync now"
    widget.sync_now.click()
    assert asked == [True]
    window.set_sync_status(SyncStatus(pending=0, others_pending=0))
    assert widget.sync_now.isHidden()  # the log is back; the outbox has no problem
    window.set_waiting(Waiting(3, actions=3, last_error="HubUnreachable"))
    assert widget.sync_now.isVisible()  # the outbox waits for the server
    window.set_waiting(Waiting(0))
    assert widget.sync_now.isHidden()
    window.close()


def test_sign_out_shows_the_last_actions_being_sent(qapp: QApplication, settings: Settings) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    window.set_waiting(Waiting(2, log_entries=2))
    window.set_sync_status(SyncStatus(pending=2, others_pending=0, waiting_for_hub=True))
    widget.show_final_sync()
    qapp.processEvents()
    assert widget.progress.isVisible() and widget.progress.maximum() == 0  # busy
    assert widget.label.isVisible() and widget.label.text() == "Syncing your last actions…"
    assert widget.sync_now.isHidden()
    window.close()

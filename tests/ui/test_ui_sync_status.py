"""The status bar says whether the action log reached the hub, and shows a long catch-up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from wa_desk.client.event_syncer import SyncStatus
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


def test_the_widget_waits_for_the_first_status_then_says_what_is_left(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    assert widget.isHidden()
    window.set_sync_status(SyncStatus(pending=0, others_pending=0))
    assert widget.isVisible() and widget.label.text() == "All actions synced"
    assert widget.progress.isHidden()
    window.set_sync_status(SyncStatus(pending=1, others_pending=0))
    assert widget.label.text() == "1 action to sync"
    window.set_sync_status(SyncStatus(pending=1234, others_pending=0, waiting_for_hub=True))
    assert widget.label.text() == "1,234 actions to sync, waiting for the server"
    assert widget.accessibleName() and widget.label.accessibleName()
    window.close()


def test_other_agents_actions_are_said_to_wait_for_their_sign_in(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    window.set_sync_status(SyncStatus(pending=0, others_pending=30))
    text = window.sync_status.label.text()
    assert text.startswith("All actions synced · 30 actions of other agents")
    assert "wait for their sign-in here" in text
    window.close()


def test_a_long_catch_up_shows_its_progress_and_a_stopped_chain_says_so(
    qapp: QApplication, settings: Settings, tmp_path: Path
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
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
    assert widget.label.text() == "Actions not synced: the server's copy of your log differs"
    assert widget.label.toolTip() == "audit_fork: seq 7"
    refusal = "the hub refused these actions (invalid_event, HTTP 400): seq 4 is older"
    window.set_sync_status(SyncStatus(pending=1, others_pending=0, problem=refusal, refused=True))
    assert widget.label.text() == "Actions not synced: the server refused some of them"
    assert widget.label.toolTip() == refusal
    window.close()


def test_sync_now_is_offered_while_actions_wait_for_the_hub_and_asks_for_it(
    qapp: QApplication, settings: Settings
) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    asked: list[bool] = []
    widget.syncNowRequested.connect(lambda: asked.append(True))
    window.set_sync_status(SyncStatus(pending=3, others_pending=0))
    assert widget.sync_now.isHidden()  # syncing normally: nothing to ask for
    window.set_sync_status(SyncStatus(pending=3, others_pending=0, waiting_for_hub=True))
    assert widget.sync_now.isVisible() and widget.sync_now.text() == "Sync now"
    widget.sync_now.click()
    assert asked == [True]
    window.set_sync_status(SyncStatus(pending=0, others_pending=0))
    assert widget.sync_now.isHidden()
    window.close()


def test_sign_out_shows_the_last_actions_being_sent(qapp: QApplication, settings: Settings) -> None:
    window = _window(qapp, settings)
    widget = window.sync_status
    window.set_sync_status(SyncStatus(pending=2, others_pending=0, waiting_for_hub=True))
    widget.show_final_sync()
    qapp.processEvents()
    assert widget.progress.isVisible() and widget.progress.maximum() == 0  # busy
    assert widget.label.isVisible() and widget.label.text() == "Syncing your last actions…"
    assert widget.sync_now.isHidden()
    window.close()

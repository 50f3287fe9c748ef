"""The agent's window from 800 × 600 up: nothing cut off, the panes keep their widths,
the customer panel folds away when it would squeeze the conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.common.elided_label import ElidedLabel
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MINIMUM_SIZE, MainWindow
from wa_desk.ui.shell.shortcuts import SHORTCUTS

LONG_NAME = "María de los Ángeles Fernández-Villaverde Rodríguez de la Concepción Santísima"


def _window(qtbot: QtBot, settings: s.Settings, width: int, height: int) -> MainWindow:
    window = MainWindow(settings, clock=lambda: sd.NOW)
    qtbot.addWidget(window)
    window.set_user(sd.USER)
    window.conversation_view.composer.set_templates(sd.templates())
    window.inbox_view.model.upsert(sd.conversations())
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    _open(window, "c-lucia")
    return window


def _open(window: MainWindow, conversation_id: str, name: str | None = None) -> None:
    conversation = window.inbox_view.model.conversation(conversation_id)
    assert conversation is not None
    if name is not None:
        conversation = {**conversation, "contact": {**conversation["contact"], "name": name}}
    window.inbox_view.select_conversation(conversation_id)
    window.conversation_view.show_conversation(conversation, sd.messages())
    window.customer_panel.show_customer(
        conversation["contact"], sd.history(), sd.notes(), sd.TAGS, conversation_id
    )
    _settle(window)


def _settle(window: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()
    assert window.isVisible()


def _cut_off(window: MainWindow) -> list[str]:
    """Every shown widget that reaches outside the window, and every button or label
    given less than it needs (text cut)."""
    problems = []
    inside = window.rect()
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow() or child.parentWidget() is None:
            continue
        if "qt_scrollarea" in child.objectName() or _inside_scroll_content(child):
            continue
        rect = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
        if not inside.contains(rect):
            problems.append(f"{type(child).__name__} {child.objectName()} at {rect} outside")
        if isinstance(child, QAbstractButton | QLabel) and not isinstance(child, ElidedLabel):
            needs = child.minimumSizeHint()
            if needs.width() > child.width() or needs.height() > child.height():
                text = child.text() if hasattr(child, "text") else ""
                problems.append(f"{type(child).__name__} {text!r} {child.size()} < {needs}")
    return problems


def _inside_scroll_content(widget: QWidget) -> bool:
    """Inside a scroll area's content (scrolled, not cut): checked against the panel."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("size", [(800, 600), (960, 700), (1280, 800)])
def test_nothing_is_cut_off_from_800_by_600_up(
    qtbot: QtBot, settings: s.Settings, size: tuple[int, int]
) -> None:
    window = _window(qtbot, settings, *size)
    assert window.size().width() == size[0] and window.size().height() == size[1]
    assert _cut_off(window) == []
    for pane in (window.inbox_view, window.conversation_view, window.customer_panel):
        if pane.isVisible():
            assert pane.width() >= pane.minimumSizeHint().width(), type(pane).__name__
    # The panel's contents fit its width (its scroll area never scrolls sideways).
    panel = window.customer_panel
    if panel.isVisible():
        viewport = panel._scroll.viewport()
        assert panel._inner.width() <= viewport.width()
    composer = window.conversation_view.composer
    assert composer.isVisible() and composer.width() >= composer.minimumSizeHint().width()


def test_the_window_is_never_smaller_than_800_by_600(qtbot: QtBot, settings: s.Settings) -> None:
    window = _window(qtbot, settings, 640, 480)
    assert window.minimumSize() == MINIMUM_SIZE
    assert window.width() >= 800 and window.height() >= 600
    assert window.minimumSizeHint().width() <= 800


def test_a_long_name_is_elided_and_whole_in_its_tooltip(qtbot: QtBot, settings: s.Settings) -> None:
    window = _window(qtbot, settings, 1100, 700)
    before = window.splitter.sizes()
    _open(window, "c-jorge", name=LONG_NAME + " <b>x</b>")
    title = window.conversation_view.title
    assert isinstance(title, ElidedLabel)
    # The name sits in a directional isolate (U+2068 … U+2069); the ellipsis is inside it.
    assert title.is_elided() and title.shown_text().removesuffix("\u2069").endswith("…")
    # Plain text: the markup-looking part is shown as written, escaped for the tooltip.
    assert "&lt;b&gt;x&lt;/b&gt;" in title.toolTip() and LONG_NAME in title.toolTip()
    assert window.splitter.sizes() == before, "the panes kept their widths"
    assert _cut_off(window) == []
    _open(window, "c-lucia")
    assert not title.is_elided() and title.toolTip() == ""
    assert window.splitter.sizes() == before


def test_pane_widths_are_remembered_across_restarts(qtbot: QtBot, tmp_path: Path) -> None:
    def settings() -> s.Settings:
        return s.Settings(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))

    window = _window(qtbot, settings(), 1400, 800)
    sizes = window.splitter.sizes()
    window.splitter.moveSplitter(sizes[0] + 60, 1)  # the inbox wider
    window.splitter.moveSplitter(window.splitter.sizes()[0] + window.splitter.sizes()[1] - 40, 2)
    moved = window.splitter.sizes()
    assert moved[0] == sizes[0] + 60 and moved[2] > sizes[2]
    window.close()

    again = _window(qtbot, settings(), 1400, 800)
    assert again.splitter.sizes()[0] == moved[0]
    assert again.splitter.sizes()[2] == moved[2]
    # A wider window gives the room to the conversation: the side panes stay.
    again.resize(1600, 800)
    _settle(again)
    assert again.splitter.sizes()[0] == moved[0] and again.splitter.sizes()[2] == moved[2]


def test_the_customer_panel_folds_away_when_narrow_and_on_request(
    qtbot: QtBot, settings: s.Settings
) -> None:
    window = _window(qtbot, settings, 1280, 800)
    panel = window.customer_panel
    assert panel.isVisible()
    window.resize(800, 600)
    _settle(window)
    assert not panel.isVisible(), "at 800 px it would squeeze the conversation"
    assert window.conversation_view.width() > 800 // 2
    window.resize(1280, 800)
    _settle(window)
    assert panel.isVisible()

    keys = next(k.keys for k in SHORTCUTS if k.action == "toggle_customer_panel")
    QTest.keySequence(window, QKeySequence(keys[0]))
    assert not panel.isVisible() and settings.get(s.CUSTOMER_PANEL) is False
    window.resize(1400, 800)
    _settle(window)
    assert not panel.isVisible(), "folded by the agent, it stays folded"
    window.customer_toggle.click()
    assert panel.isVisible() and settings.get(s.CUSTOMER_PANEL) is True
    assert window.customer_panel_action.isChecked()


def test_the_new_shortcut_clashes_with_none() -> None:
    keys = [k for shortcut in SHORTCUTS for k in shortcut.keys] + ["Ctrl+Q"]
    assert len(keys) == len(set(keys))


def test_the_customer_panel_cannot_be_dragged_narrower_than_its_contents(
    qtbot: QtBot, settings: s.Settings
) -> None:
    window = _window(qtbot, settings, 1280, 800)
    splitter = window.splitter
    splitter.moveSplitter(splitter.width() - 60, 2)  # all but closed
    _settle(window)
    panel = window.customer_panel
    assert panel.isVisible()
    assert panel._inner.width() <= panel._scroll.viewport().width(), "nothing cut on the right"
    assert _cut_off(window) == []


def test_a_long_unbroken_name_does_not_widen_the_customer_panel(
    qtbot: QtBot, settings: s.Settings
) -> None:
    window = _window(qtbot, settings, 1280, 800)
    panel = window.customer_panel
    before, needs = window.splitter.sizes(), panel.minimumSizeHint().width()
    _open(window, "c-jorge", name="Nombresinespacios" * 4)
    assert panel.minimumSizeHint().width() == needs
    assert window.splitter.sizes() == before
    assert panel._inner.width() <= panel._scroll.viewport().width()
    assert isinstance(panel.name, ElidedLabel) and panel.name.is_elided()
    assert _cut_off(window) == []

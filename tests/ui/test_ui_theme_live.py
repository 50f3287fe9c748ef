"""A light ⇄ dark switch while the window is open: every colour a widget was given when
it was filled follows (measured in the pixels the widgets paint), and the inbox's
badges stand out from a selected row in both themes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.guidelines import ChecklistItem, Guidelines
from wa_desk.core.text_rules import rule_from_json
from wa_desk.ui.common import theme
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.conversation.composer import MAX_TEXT_CHARS, Composer
from wa_desk.ui.inbox.delegate import pill_rect
from wa_desk.ui.inbox.model import InboxModel, InboxRoles
from wa_desk.ui.inbox.view import InboxView
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.main_window import MainWindow

SWITCHES = [("light", "dark"), ("dark", "light")]
WARN_RULE = rule_from_json(
    {"id": "promise", "phrase": "guarantee", "severity": "warn", "message": "Do not promise."}
)


@pytest.fixture
def scheme_restored(qapp: QApplication) -> Iterator[None]:
    yield
    theme.apply_choice(qapp, "light")


def _strongest(image: QImage, rect: QRect, ground: QColor) -> float:
    """The highest contrast of any pixel in ``rect`` against ``ground``: a glyph's
    fully covered pixels, i.e. the text's own colour as painted."""
    rect = rect.intersected(image.rect())
    return max(
        theme.contrast_ratio(image.pixelColor(x, y), ground)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def _text_contrast(label: QLabel, ground_at: tuple[int, int] = (1, 1)) -> float:
    """How the label's painted text stands against its painted background."""
    assert label.isVisible() and label.text()
    image = label.grab().toImage()
    ground = image.pixelColor(*ground_at)
    return _strongest(image, label.rect(), ground)


def _switch(qtbot: QtBot, qapp: QApplication, widget: QWidget, to: str) -> None:
    theme.apply_choice(qapp, to)
    qtbot.waitUntil(lambda: theme.is_dark(widget.palette()) == (to == "dark"))


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_the_empty_inbox_text_reads_after_a_switch(
    qtbot: QtBot, qapp: QApplication, clock: list[int], start: str, to: str, scheme_restored: None
) -> None:
    theme.apply_choice(qapp, start)
    view = InboxView(InboxModel(clock=lambda: clock[0]))
    qtbot.addWidget(view)
    view.resize(420, 600)
    view.show()
    qtbot.waitExposed(view)
    _switch(qtbot, qapp, view, to)
    label = view.empty_label
    # The label paints on the list's background: measure the text against it.
    ground = view.list.viewport().grab().toImage().pixelColor(2, 2)
    assert (ground.lightnessF() < 0.5) == (to == "dark")
    assert _strongest(label.grab().toImage(), label.rect(), ground) >= 4.5


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_why_a_conversation_cannot_close_reads_after_a_switch(
    qtbot: QtBot, qapp: QApplication, start: str, to: str, scheme_restored: None
) -> None:
    theme.apply_choice(qapp, start)
    item = ChecklistItem(id="greet", label="Greet the customer", required=True)
    dialog = CloseDialog(items=[item])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _switch(qtbot, qapp, dialog, to)
    assert _text_contrast(dialog.reason) >= 4.5
    # Still the colour of a problem, not the plain text colour.
    shown = dialog.reason.palette().color(dialog.reason.foregroundRole())
    assert shown == theme.colors(dialog.palette()).failed


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_the_settings_hints_read_after_a_switch(
    qtbot: QtBot,
    qapp: QApplication,
    settings: s.Settings,
    start: str,
    to: str,
    scheme_restored: None,
) -> None:
    theme.apply_choice(qapp, start)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _switch(qtbot, qapp, dialog, to)
    hints = [
        label
        for label in dialog.findChildren(QLabel)
        if label.wordWrap() and label.isVisible() and label.text()
    ]
    assert hints
    for hint in hints:
        assert _text_contrast(hint) >= 4.5, hint.text()


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_the_connection_and_problem_bars_follow_a_switch(
    qtbot: QtBot,
    qapp: QApplication,
    settings: s.Settings,
    start: str,
    to: str,
    scheme_restored: None,
) -> None:
    theme.apply_choice(qapp, start)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    window.banner.show_text("No connection to the server", "Trying again in 5 s")
    window.problem_bar.show_text("The disk is full", "Free some space", "Try again")
    _switch(qtbot, qapp, window, to)
    c = theme.colors(window.palette())
    window_ground = window.centralWidget().grab().toImage().pixelColor(0, window.height() // 2)
    for bar, expected in ((window.banner, c.error_back), (window.problem_bar, c.warning_back)):
        image = bar.grab().toImage()
        ground = image.pixelColor(4, bar.height() // 2)  # inside the frame, left of the text
        assert theme.contrast_ratio(ground, expected) < 1.02  # the theme's colour
        assert theme.contrast_ratio(ground, window_ground) > 1.15  # tinted: it shows
        for label in (bar.title, bar.text):
            area = label.geometry()
            assert _strongest(image, area, ground) >= 4.5, label.text()


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_the_status_bar_and_signed_out_page_follow_a_switch(
    qtbot: QtBot,
    qapp: QApplication,
    settings: s.Settings,
    start: str,
    to: str,
    scheme_restored: None,
) -> None:
    """They take their colours from palette roles, which Qt repaints by itself."""
    theme.apply_choice(qapp, start)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show_signed_out()
    window.show()
    qtbot.waitExposed(window)
    window.sync_status.label.setText("3 waiting to be sent")
    window.sync_status.label.show()
    window.sync_status.show()
    _switch(qtbot, qapp, window, to)
    labels = [window.sync_status.label, *window.signed_out_page.findChildren(QLabel)]
    for label in labels:
        assert _text_contrast(label) >= 4.5, label.text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_on_a_selected_inbox_row_stand_out(
    qtbot: QtBot, qapp: QApplication, clock: list[int], scheme: str, scheme_restored: None
) -> None:
    theme.apply_choice(qapp, "light" if scheme == "dark" else "dark")
    view = InboxView(InboxModel(clock=lambda: clock[0]))
    qtbot.addWidget(view)
    view.resize(420, 600)
    view.model.upsert(sd.conversations())
    view.show()
    qtbot.waitExposed(view)
    _switch(qtbot, qapp, view, scheme)  # live, as the agent switches
    rows = [view.filter.index(r, 0) for r in range(view.filter.rowCount())]
    row = next(i for i in rows if i.data(InboxRoles.UNREAD) and i.data(InboxRoles.WAITING_MS))
    view.list.setCurrentIndex(row)
    qtbot.waitUntil(lambda: view.list.selectionModel().isSelected(row))
    image = view.list.viewport().grab().toImage()
    area = view.list.visualRect(row)
    selection = image.pixelColor(area.left() + 2, area.center().y())
    assert theme.contrast_ratio(selection, theme.colors(view.palette()).selection) < 1.05
    fm = QFontMetrics(view.list.font())
    pad = fm.height() // 2
    inner = area.adjusted(pad, pad // 2 + 1, -pad, -pad // 2)
    waiting = pill_rect(
        fm, format_duration(row.data(InboxRoles.WAITING_MS)), inner.right(), inner.top()
    )
    unread = pill_rect(
        fm, str(row.data(InboxRoles.UNREAD)), inner.right(), inner.top() + fm.height()
    )
    # The name and preview on the selection read, too.
    name_area = QRect(inner.left(), inner.top(), waiting.left() - inner.left(), fm.height())
    assert _strongest(image, name_area, selection) >= 4.5
    for pill in (waiting, unread):
        fill = image.pixelColor(pill.center().x(), pill.top() + 2)
        assert theme.contrast_ratio(fill, selection) >= 3, (scheme, fill.name(), selection.name())
        assert _strongest(image, pill.adjusted(2, 2, -2, -2), fill) >= 4.5, fill.name()


@pytest.mark.parametrize(("start", "to"), SWITCHES)
def test_the_composers_warning_and_counter_read_after_a_switch(
    qtbot: QtBot, qapp: QApplication, clock: list[int], start: str, to: str, scheme_restored: None
) -> None:
    """A guideline warning and an over-long count keep their meaning (amber, red) and
    stay readable (4.5:1) in the theme switched to, without another keystroke."""
    theme.apply_choice(qapp, start)
    composer = Composer(clock=lambda: clock[0])
    qtbot.addWidget(composer)
    composer.set_user_id("u-ana")
    composer.set_conversation(next(c for c in sd.conversations() if c["id"] == "c-lucia"))
    composer.set_guidelines(Guidelines(rules=(WARN_RULE,)))
    composer.resize(700, 240)
    composer.show()
    qtbot.waitExposed(composer)
    composer.editor.setPlainText("We guarantee it " + "x" * MAX_TEXT_CHARS)
    composer.judge_draft()
    assert composer.warned_by() and composer.guidance.isVisible()
    _switch(qtbot, qapp, composer, to)
    c = theme.colors(composer.palette())
    for label, meant in ((composer.guidance, c.warning_text), (composer.counter, c.failed)):
        shown = label.palette().color(label.foregroundRole())
        assert shown == meant, label.accessibleName()
        ground = composer.grab().toImage().pixelColor(label.geometry().topLeft())
        assert theme.contrast_ratio(shown, ground) >= 4.5, label.accessibleName()

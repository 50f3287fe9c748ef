"""Light and dark: chosen in the settings, applied at once, remembered; every text role
readable (WCAG 4.5:1) and a tick box's outline visible (3:1) in both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from wa_desk.core.guidelines import ChecklistItem
from wa_desk.ui.common import theme
from wa_desk.ui.common.checklist_item_box import ChecklistItemBox
from wa_desk.ui.customer.panel import CustomerPanel
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MainWindow

R = QPalette.ColorRole
SCHEMES = [Qt.ColorScheme.Light, Qt.ColorScheme.Dark]
TEXT_ON = {
    "Text": (R.Text, R.Base),
    "WindowText": (R.WindowText, R.Window),
    "ButtonText": (R.ButtonText, R.Button),
    "HighlightedText": (R.HighlightedText, R.Highlight),
    "ToolTipText": (R.ToolTipText, R.ToolTipBase),
    "PlaceholderText": (R.PlaceholderText, R.Base),
    "Link": (R.Link, R.Base),
}


@pytest.fixture
def scheme_restored(qapp: QApplication) -> Iterator[None]:
    yield
    theme.apply_theme(qapp, Qt.ColorScheme.Light)


@pytest.mark.parametrize("scheme", SCHEMES, ids=["light", "dark"])
def test_every_text_role_reads_at_4_5_to_1(
    qapp: QApplication, scheme: Qt.ColorScheme, scheme_restored: None
) -> None:
    theme.apply_theme(qapp, scheme)
    palette = qapp.palette()
    assert theme.is_dark(palette) == (scheme == Qt.ColorScheme.Dark)
    low = {
        name: round(ratio, 2)
        for name, (fg, bg) in TEXT_ON.items()
        if (ratio := theme.contrast_ratio(palette.color(fg), palette.color(bg))) < 4.5
    }
    assert low == {}
    c = theme.colors(palette)
    for name, color in (("muted", c.muted), ("failed", c.failed), ("link", c.link)):
        for ground in (R.Base, R.Window):
            assert theme.contrast_ratio(color, palette.color(ground)) >= 4.5, (name, ground)
    disabled = palette.color(QPalette.ColorGroup.Disabled, R.WindowText)
    assert theme.contrast_ratio(disabled, palette.color(R.Window)) >= 3
    assert theme.contrast_ratio(c.indicator_border, palette.color(R.Base)) >= 3


@pytest.mark.parametrize("scheme", SCHEMES, ids=["light", "dark"])
def test_an_unticked_checklist_box_shows_its_outline(
    qtbot: QtBot, qapp: QApplication, scheme: Qt.ColorScheme, scheme_restored: None
) -> None:
    theme.apply_theme(qapp, scheme)
    item = ChecklistItem(id="greet", label="Greet the customer", required=True)
    row = ChecklistItemBox(item, "required", None)  # type: ignore[arg-type]
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    box = row.box
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    middle = indicator.center().y()
    inside = image.pixelColor(indicator.center())
    # The strongest of the outline's pixels on the left edge, against the box's inside.
    edge = max(
        (image.pixelColor(x, middle) for x in range(indicator.left(), indicator.left() + 3)),
        key=lambda color: theme.contrast_ratio(color, inside),
    )
    assert theme.contrast_ratio(QColor(edge), inside) >= 3
    around = image.pixelColor(indicator.left(), indicator.top() - 1 if indicator.top() else 0)
    assert theme.contrast_ratio(QColor(edge), around) >= 1.5


def test_the_theme_chosen_in_settings_applies_at_once_and_is_remembered(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, scheme_restored: None
) -> None:
    def settings() -> s.Settings:
        return s.Settings(QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat))

    theme.apply_theme(qapp, Qt.ColorScheme.Light)
    window = MainWindow(settings())
    qtbot.addWidget(window)
    dialog = window.show_settings()
    combo = next(c for c in dialog.findChildren(QComboBox) if c.accessibleName() == s.THEME.title())
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "light", "dark"]
    combo.setCurrentIndex(combo.findData("dark"))
    dialog.accept()
    assert theme.is_dark(qapp.palette()), "no restart needed"
    qtbot.waitUntil(lambda: theme.is_dark(window.palette()))  # its widgets follow
    theme.apply_theme(qapp, Qt.ColorScheme.Light)  # as the next start begins

    again = settings()
    assert again.get(s.THEME) == "dark"
    theme.follow_system_theme(qapp, again.get(s.THEME))  # what the entry point does
    assert theme.is_dark(qapp.palette())
    theme.apply_choice(qapp, "light")
    assert not theme.is_dark(qapp.palette())


def test_a_colour_set_when_shown_follows_a_theme_switch(
    qtbot: QtBot, qapp: QApplication, scheme_restored: None
) -> None:
    theme.apply_theme(qapp, Qt.ColorScheme.Light)
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    panel.show_customer({"wa_id": "34600000000", "name": "Ana"}, [], [], [], "c1", elsewhere=2)
    panel.show()
    note = panel.history.item(0)
    theme.apply_choice(qapp, "dark")
    qtbot.waitUntil(lambda: theme.is_dark(panel.palette()))
    base = panel.history.palette().color(R.Base)
    qtbot.waitUntil(lambda: theme.contrast_ratio(note.foreground().color(), base) >= 4.5)


def test_the_colours_are_worked_out_once_per_palette_and_follow_a_change(
    qapp: QApplication,
) -> None:
    light = theme.light_palette(qapp.style().standardPalette())
    first = theme.colors(light)
    assert theme.colors(QPalette(light)) is first  # a copy is the same palette
    dark = theme.dark_palette()
    assert theme.colors(dark).text == dark.color(QPalette.ColorRole.Text)
    changed = QPalette(light)
    changed.setColor(QPalette.ColorRole.Text, QColor("#123456"))
    assert theme.colors(changed) is not first
    assert theme.colors(changed).text == QColor("#123456")
    assert theme.colors(light) == first  # worked out again if it was let go

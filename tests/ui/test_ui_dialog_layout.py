"""Dialogs as they are painted, in both languages and both themes: nothing runs into an
edge, hints sit under their setting, a crash's traceback keeps its columns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from wa_desk.ui.app.crash_dialog import CrashDialog
from wa_desk.ui.common import theme
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations, compile_translations
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.help_dialog import HelpDialog

CASES = [(lang, scheme) for lang in ("en", "es") for scheme in ("light", "dark")]


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    compile_translations(TRANSLATIONS_DIR, out)
    return out


@pytest.fixture(params=CASES, ids=["-".join(c) for c in CASES])
def shown_as(request: pytest.FixtureRequest, qapp: QApplication, qm_dir: Path) -> Iterator[str]:
    """The language and theme of the case, installed for its duration."""
    language, scheme = request.param
    theme.apply_choice(qapp, scheme)
    translations = Translations()
    if language == "es":
        assert translations.install("es", qm_dir) == "es"
    yield language
    translations.remove()
    QLocale.setDefault(QLocale("en"))
    theme.apply_choice(qapp, "light")


def _ink_rows(image: QImage, rect: QRect, ground: QColor) -> list[int]:
    """The rows of ``rect`` that hold anything painted over ``ground``."""
    return [
        y
        for y in range(rect.top(), rect.bottom() + 1)
        if any(
            theme.contrast_ratio(image.pixelColor(x, y), ground) > 1.3
            for x in range(rect.left(), rect.right() + 1)
        )
    ]


def test_the_shortcut_keys_keep_room_before_the_table_edge(qtbot: QtBot, shown_as: str) -> None:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    image = table.viewport().grab().toImage()
    em = QFontMetrics(table.font()).horizontalAdvance("m")
    for row in range(table.rowCount()):
        cell = table.visualRect(table.model().index(row, 1))
        ground = image.pixelColor(cell.right() - 2, cell.top() + 2)
        # The last em before the cell's right edge (and its grid line) is empty.
        margin = QRect(cell.right() - em, cell.top() + 1, em - 2, cell.height() - 3)
        assert _ink_rows(image, margin, ground) == [], table.item(row, 1).text()


def test_each_settings_hint_sits_right_under_its_setting(
    qtbot: QtBot, settings: s.Settings, shown_as: str
) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hints = [label for label in dialog.findChildren(QLabel) if label.wordWrap()]
    assert hints
    for hint in hints:
        image = hint.grab().toImage()
        rows = _ink_rows(image, hint.rect(), image.pixelColor(0, 0))
        assert rows, hint.text()
        # Its text starts on its first line, not in the middle of a taller box.
        assert rows[0] < hint.fontMetrics().height() // 2, (hint.text(), rows[0], hint.height())


def test_a_crash_shows_its_traceback_in_columns_and_the_log_path_can_be_copied(
    qtbot: QtBot, shown_as: str
) -> None:
    details = 'Traceback (most recent call last):\n  File "x.py", line 1, in f\n    f()\n'
    dialog = CrashDialog(details, "/home/ana/.local/state/wa-desk/log/wa-desk.log")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = QFontMetrics(dialog.details.font())
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("mmmm")
    path = next(label for label in dialog.findChildren(QLabel) if "wa-desk.log" in label.text())
    assert path.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert path.textFormat() == Qt.TextFormat.PlainText

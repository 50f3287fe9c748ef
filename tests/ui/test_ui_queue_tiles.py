"""A queue's tile keeps room for its figures as they read on a busy day."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from wa_desk.ui.supervisor.queue_tiles import COLUMNS, column_widths, tile_size
from wa_desk.ui.supervisor.queue_words import queue_figures

HOUR_MS = 3_600_000


@pytest.mark.parametrize("point_size", [9.0, 11.0, 14.0])
def test_a_long_wait_and_a_whole_percentage_fit_their_columns(
    qapp: QApplication, point_size: float
) -> None:
    font = QFont(qapp.font())
    font.setPointSizeF(point_size)
    em = QFontMetrics(font).horizontalAdvance("m")
    small, big = QFont(font), QFont(font)
    small.setPointSizeF(max(6.0, point_size * 0.85))
    big.setPointSizeF(point_size * 1.35)
    widths = column_widths(QFontMetrics(small), QFontMetrics(big), em)
    row = {
        "waiting": 120,
        "sla_percent_today": 100.0,
        "first_response_median_today_ms": 23 * HOUR_MS + 58 * 60_000,
        "at_risk": 40,
        "windows_closing": 12,
    }
    figures = queue_figures(row, 5 * HOUR_MS + 4 * 60_000)  # "5 h 04 min"
    for i, figure in enumerate(figures):
        room = widths[i % COLUMNS] - em // 2  # what the delegate paints the value in
        assert QFontMetrics(big).horizontalAdvance(figure.value) <= room, figure
        assert QFontMetrics(small).horizontalAdvance(figure.title) <= room, figure
    # The tile holds its columns and its margins.
    assert tile_size(font, em).width() >= sum(widths) + 2 * em

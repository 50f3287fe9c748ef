"""The heat-map's colours: the least figure takes the palette's first colour, the most its
last, and a cell with no figure is painted in the empty style (hatched), never as a zero;
the cells are drawn that way on screen, at any device pixel ratio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.ui.common.theme import apply_theme, contrast_ratio
from wa_desk.ui.supervisor.heatmap_model import HeatmapModel
from wa_desk.ui.supervisor.heatmap_palette import (
    LEVELS,
    RAMP,
    VIRIDIS,
    color_for,
    empty_style,
    level,
)
from wa_desk.ui.supervisor.heatmap_range import RangeRequest
from wa_desk.ui.supervisor.heatmap_view import HeatmapView


def test_the_scale_runs_from_the_first_colour_to_the_last() -> None:
    assert color_for(3, 3, 40) == QColor(VIRIDIS[0]) == RAMP[0]
    assert color_for(40, 3, 40) == QColor(VIRIDIS[-1]) == RAMP[-1]
    assert color_for(None, 3, 40) is None  # empty: the empty style, not a colour
    middle = level(21.5, 3, 40)
    assert 0 < middle < LEVELS - 1
    # Brighter as figures grow (viridis rises in luminance: it reads in greyscale too).
    black = QColor("#000000")
    luminance = [contrast_ratio(RAMP[i], black) for i in range(0, LEVELS, 8)]
    assert luminance == sorted(luminance)
    # A flat map (every figure equal) is all the first colour.
    assert color_for(5, 5, 5) == RAMP[0]


def _weekly(cells: list[list[float | int | None]]) -> dict[str, object]:
    return {
        "metric": HeatmapMetric.VOLUME.value,
        "unit": "messages",
        "rows": [{"id": "ventas", "name": "ventas"}],
        "columns": [f"mon {h:02d}:00" for h in range(len(cells[0]))],
        "cells": cells,
    }


@pytest.mark.parametrize("scheme", [Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_cells_are_painted_min_first_max_last_and_empty_hatched(
    qapp: QApplication, qtbot: QtBot, scheme: Qt.ColorScheme
) -> None:
    apply_theme(qapp, scheme)
    try:
        model = HeatmapModel()
        model.set_map(_weekly([[0, None, 10, 0]]), HeatmapRows.QUEUE, RangeRequest(weeks=4))
        view = HeatmapView(model)
        qtbot.addWidget(view)
        view.resize(500, 200)
        view.show()
        image: QImage = view.grab().toImage()
        ratio = image.devicePixelRatio()

        def pixels(column: int) -> set[int]:
            # The cell's upper band: its figure is written in the middle.
            cell = view.cell_rect(0, column)
            rect = cell.adjusted(3, 2, -3, 0)
            rect.setHeight(3)
            return {
                image.pixel(QPoint(int(x * ratio), int(y * ratio)))
                for x in range(int(rect.left()), int(rect.right()))
                for y in range(int(rect.top()), int(rect.bottom()))
            }

        zero, empty, most = pixels(3), pixels(1), pixels(2)
        assert zero == {QColor(VIRIDIS[0]).rgb()}
        assert most == {QColor(VIRIDIS[-1]).rgb()}
        style = empty_style(view.palette())
        # Hatched: the ground and the hatch's lines, no colour of the scale.
        assert style.ground.rgb() in empty and style.hatch.color().rgb() in empty
        assert not empty & {c.rgb() for c in RAMP}
    finally:
        apply_theme(qapp, Qt.ColorScheme.Light)


def test_the_map_is_drawn_at_the_screens_pixel_density(qapp: QApplication, qtbot: QtBot) -> None:
    """On a screen of two device pixels per point the map is drawn with twice the pixels
    (sharp, not scaled up), each cell still its colour."""
    model = HeatmapModel()
    model.set_map(_weekly([[0, 10]]), HeatmapRows.QUEUE, RangeRequest(weeks=4))
    view = HeatmapView(model)
    qtbot.addWidget(view)
    view.resize(400, 160)
    view.show()
    image = view.render_layer(2.0).toImage()
    assert image.width() == 800 and image.devicePixelRatio() == 2.0
    cell = view.cell_rect(0, 1)
    at = QPoint(int((cell.left() + 4) * 2), int((cell.top() + 3) * 2))
    assert image.pixel(at) == QColor(VIRIDIS[-1]).rgb()

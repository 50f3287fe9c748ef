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


def _cell_pixels(view: HeatmapView, image: QImage, row: int, column: int) -> set[int]:
    """The colours of a cell's upper band (its figure is written in the middle)."""
    ratio = image.devicePixelRatio()
    rect = view.cell_rect(row, column).adjusted(3, 2, -3, 0)
    rect.setHeight(3)
    return {
        image.pixel(QPoint(int(x * ratio), int(y * ratio)))
        for x in range(int(rect.left()), int(rect.right()))
        for y in range(int(rect.top()), int(rect.bottom()))
    }


def test_new_figures_of_the_same_map_are_painted_over_the_old_ones(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """A refresh of the same rows and columns repaints the cells in place (the names and
    headers are kept): every cell takes its new colour, an empty one its hatch, and a
    cell that became empty keeps nothing of its old colour."""
    model = HeatmapModel()
    request = RangeRequest(weeks=4)
    model.set_map(_weekly([[0, None, 10, 0]]), HeatmapRows.QUEUE, request)
    view = HeatmapView(model)
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show()
    view.grab()  # painted once: the next figures go over this layer
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(True))

    model.set_map(_weekly([[None, 10, 0, 5]]), HeatmapRows.QUEUE, request)
    image = view.grab().toImage()

    assert not resets  # the same map: new figures, not a new shape
    style = empty_style(view.palette())
    hatched = _cell_pixels(view, image, 0, 0)
    assert style.ground.rgb() in hatched and style.hatch.color().rgb() in hatched
    assert not hatched & {c.rgb() for c in RAMP}
    assert _cell_pixels(view, image, 0, 1) == {QColor(VIRIDIS[-1]).rgb()}
    assert _cell_pixels(view, image, 0, 2) == {QColor(VIRIDIS[0]).rgb()}
    middle = _cell_pixels(view, image, 0, 3)
    assert middle == {RAMP[level(5, 0, 10)].rgb()}
    # Painted in place, the result is what a first paint of the same figures gives.
    fresh = HeatmapView(model)
    qtbot.addWidget(fresh)
    fresh.resize(500, 200)
    fresh.show()
    assert fresh.grab().toImage() == image


def _three_queues(cells: list[list[float | int | None]]) -> dict[str, object]:
    answer = _weekly(cells)
    answer["rows"] = [{"id": q, "name": q} for q in ("ventas", "soporte", "bajas")]
    return answer


def test_a_refresh_signals_one_block_holding_every_changed_cell() -> None:
    model = HeatmapModel()
    request = RangeRequest(weeks=4)
    grid: list[list[float | int | None]] = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 9, 9, 9]]
    model.set_map(_three_queues(grid), HeatmapRows.QUEUE, request)
    spans: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, _roles: spans.append((a.row(), a.column(), b.row(), b.column()))
    )
    same = [list(r) for r in grid]
    model.set_map(_three_queues(same), HeatmapRows.QUEUE, request)
    assert spans == []  # nothing changed, nothing said

    changed = [list(r) for r in grid]
    changed[0][2], changed[1][1] = None, 60
    model.set_map(_three_queues(changed), HeatmapRows.QUEUE, request)
    assert spans == [(0, 1, 1, 2)]
    assert model.cells() == changed

"""The heat-map's colours: viridis, a sequential palette that reads the same to people
with the common colour-vision deficiencies and in greyscale, from its darkest (the least)
to its lightest (the most); an empty cell (no figure at all, not a zero) is hatched on the
window's colour so it never looks like a value."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette

from wa_desk.ui.common.theme import colors

# viridis at ten even stops (matplotlib's table, as R's viridis(10) gives it).
VIRIDIS = (
    "#440154",
    "#482878",
    "#3e4a89",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6dcd59",
    "#b4de2c",
    "#fde725",
)
LEVELS = 256  # colours precomputed along the palette


def _ramp() -> list[QColor]:
    stops = [QColor(c) for c in VIRIDIS]
    out: list[QColor] = []
    for i in range(LEVELS):
        at = i / (LEVELS - 1) * (len(stops) - 1)
        k = min(int(at), len(stops) - 2)
        f = at - k
        a, b = stops[k], stops[k + 1]
        out.append(
            QColor.fromRgbF(
                a.redF() + (b.redF() - a.redF()) * f,
                a.greenF() + (b.greenF() - a.greenF()) * f,
                a.blueF() + (b.blueF() - a.blueF()) * f,
            )
        )
    return out


RAMP: tuple[QColor, ...] = tuple(_ramp())


@dataclass(frozen=True)
class EmptyStyle:
    """How a cell without a figure is painted: the ground, and hatching over it."""

    ground: QColor
    hatch: QBrush


def empty_style(palette: QPalette) -> EmptyStyle:
    c = colors(palette)
    hatch = QBrush(c.muted, Qt.BrushStyle.BDiagPattern)
    return EmptyStyle(palette.color(QPalette.ColorRole.Base), hatch)


def level(value: float, low: float, high: float) -> int:
    """The ramp's index for ``value`` on a scale from ``low`` to ``high`` (a flat scale:
    every value is the least)."""
    if high <= low:
        return 0
    f = (value - low) / (high - low)
    return max(0, min(LEVELS - 1, round(f * (LEVELS - 1))))


def color_for(value: float | None, low: float, high: float) -> QColor | None:
    """The colour of ``value`` on the scale; None for an empty cell (``empty_style``)."""
    if value is None:
        return None
    return RAMP[level(value, low, high)]

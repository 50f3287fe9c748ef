"""An agent's day in a table cell: a thin strip from midnight to midnight, each status
stretch so far in its colour, the hours still to come left as the track, and marks every
six hours. The words are the cell's tooltip and accessible text (the model's), so colour
is never the only carrier.

A strip is drawn once per minute of the day (when the lasting stretch grows) and kept:
a board that sorts again repaints every visible row, and most days have not changed."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap

from wa_desk.core.clock import DAY_MS
from wa_desk.ui.common import theme
from wa_desk.ui.common.timefmt import HOUR_MS
from wa_desk.ui.supervisor.status_look import status_color
from wa_desk.ui.supervisor.timeline_model import Day

MARK_EVERY_MS = 6 * HOUR_MS
DRAWN_EVERY_MS = 60_000  # a lasting stretch grows on screen once a minute
STRIPS_KEPT = 512

_kept: dict[tuple[object, ...], QPixmap] = {}


def paint_day(painter: QPainter, cell: QRect, day: Day, palette: QPalette) -> None:
    height = max(6, cell.height() // 3)
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    minute = day.now // DRAWN_EVERY_MS
    key = (day.start, minute, day.stretches, cell.width(), height, ratio, palette.cacheKey())
    strip = _kept.get(key)
    if strip is None:
        if len(_kept) >= STRIPS_KEPT:
            _kept.clear()
        strip = _kept[key] = _draw(
            day, minute * DRAWN_EVERY_MS, cell.width(), height, ratio, palette
        )
    painter.drawPixmap(cell.left(), cell.center().y() - height // 2 + 1, strip)


def _draw(day: Day, now: int, width: int, height: int, ratio: float, palette: QPalette) -> QPixmap:
    """The strip and its marks below it (``height`` + 3 points tall)."""
    strip = QPixmap(max(1, round(width * ratio)), max(1, round((height + 3) * ratio)))
    strip.setDevicePixelRatio(ratio)
    strip.fill(Qt.GlobalColor.transparent)
    colors = theme.colors(palette)

    def x(at: int) -> float:
        return width * min(max(at - day.start, 0), DAY_MS) / DAY_MS

    p = QPainter(strip)
    try:
        p.fillRect(QRectF(0, 0, width, height), colors.notice)
        for s in day.stretches:
            left, right = x(s.start), x(now if s.end is None else s.end)
            if right > left:
                p.fillRect(
                    QRectF(left, 0, max(1.0, right - left), height),
                    status_color(s.status, palette),
                )
        p.setPen(colors.muted)
        for at in range(day.start + MARK_EVERY_MS, day.start + DAY_MS, MARK_EVERY_MS):
            mark = round(x(at))
            p.drawLine(mark, height + 1, mark, height + 3)
    finally:
        p.end()
    return strip

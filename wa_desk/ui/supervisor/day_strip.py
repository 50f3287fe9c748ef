"""An agent's day in a table cell: a thin strip from midnight to midnight, each status
stretch so far in its colour, the hours still to come left as the track, and marks every
six hours. The words are the cell's tooltip and accessible text (the model's), so colour
is never the only carrier."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QPalette

from wa_desk.core.clock import DAY_MS
from wa_desk.ui.common.timefmt import HOUR_MS
from wa_desk.ui.supervisor import status_look
from wa_desk.ui.supervisor.status_look import status_color
from wa_desk.ui.supervisor.timeline_model import Day

MARK_EVERY_MS = 6 * HOUR_MS


def paint_day(painter: QPainter, cell: QRect, day: Day, palette: QPalette) -> None:
    height = max(6, cell.height() // 3)
    strip = QRectF(cell.left(), cell.center().y() - height / 2 + 1, cell.width(), height)
    colors = status_look.colors(palette)
    width = strip.width()

    def x(at: int) -> float:
        return strip.left() + width * min(max(at - day.start, 0), DAY_MS) / DAY_MS

    painter.fillRect(strip, colors.notice)
    for s in day.stretches:
        left, right = x(s.start), x(day.now if s.end is None else s.end)
        if right > left:
            painter.fillRect(
                QRectF(left, strip.top(), max(1.0, right - left), height),
                status_color(s.status, palette),
            )
    painter.setPen(colors.muted)
    for at in range(day.start + MARK_EVERY_MS, day.start + DAY_MS, MARK_EVERY_MS):
        mark = round(x(at))
        painter.drawLine(mark, int(strip.bottom()) + 1, mark, int(strip.bottom()) + 3)

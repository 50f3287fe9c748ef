"""A small chart of a report's days: the conversations opened each day as bars (left
scale) and that day's SLA % as a line (right scale, 0–100). A day with no conversation
has no bar and no SLA point; a day with no judged clock has a bar but no point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wa_desk.ui.common import theme
from wa_desk.ui.supervisor.report_figures import Unit, format_figure, percent

LABELLED_DAYS = 10  # up to so many days, each bar and point says its value


@dataclass(frozen=True)
class DayPoint:
    day: date
    conversations: int
    sla_percent: float | None


def day_points(days: list[date], rows: list[dict[str, Any]]) -> list[DayPoint]:
    """One point per day of the range from a report by day (``key`` is the date)."""
    by_day = {str(r.get("key")): r for r in rows}
    out = []
    for day in days:
        row = by_day.get(day.isoformat(), {})
        sla = row.get("sla_percent")
        out.append(
            DayPoint(day, int(row.get("conversations") or 0), None if sla is None else float(sla))
        )
    return out


def _nice_ceiling(value: int) -> int:
    """The top of the volume scale: 2, 4, 6 or 10 × a power of ten, at least ``value``
    (its half, the middle line's label, a whole number too)."""
    top = 1
    while True:
        for step in (2, 4, 6, 10):
            if step * top >= value:
                return step * top
        top *= 10


class ReportChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[DayPoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Conversations and SLA per day"))

    def points(self) -> list[DayPoint]:
        return list(self._points)

    def show_days(self, points: list[DayPoint]) -> None:
        self._points = list(points)
        total = sum(p.conversations for p in points)
        self.setAccessibleDescription(
            self.tr("%1 conversations over %2 days")
            .replace("%1", str(total))
            .replace("%2", str(len(points)))
        )
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 30, line * 11)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 11)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.colors(self.palette())
        fm = QFontMetrics(self.font())
        line = fm.height()
        volume_color = c.read_tick
        sla_color = theme.apart_from(c.sla_ok, self.palette().window().color())
        # The legend, top left.
        x = 0.0
        for color, text, bar in (
            (volume_color, self.tr("Conversations"), True),
            (sla_color, self.tr("SLA %"), False),
        ):
            swatch = QRectF(x, line * 0.25, line * 0.7, line * 0.6)
            if bar:
                painter.fillRect(swatch, color)
            else:
                painter.setPen(QPen(color, 2))
                painter.drawLine(
                    QPointF(swatch.left(), swatch.center().y()),
                    QPointF(swatch.right(), swatch.center().y()),
                )
            painter.setPen(c.text)
            painter.drawText(QPointF(swatch.right() + line * 0.3, fm.ascent()), text)
            x = swatch.right() + line * 0.6 + fm.horizontalAdvance(text) + line
        if not any(p.conversations for p in self._points):
            painter.setPen(c.muted)
            painter.drawText(
                self.rect().adjusted(0, line, 0, 0),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No conversations in this range"),
            )
            return
        left = fm.horizontalAdvance("0000") + line * 0.4
        right = fm.horizontalAdvance(percent("100")) + line * 0.4
        plot = QRectF(left, line * 1.6, self.width() - left - right, self.height() - line * 3.2)
        top = _nice_ceiling(max(p.conversations for p in self._points))
        locale = QLocale()
        # Scales and grid.
        grid = QPen(c.bubble_border, 1)
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - fraction * plot.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(c.muted)
            count = locale.toString(int(top * fraction))
            painter.drawText(
                QRectF(0, y - line / 2, left - line * 0.3, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                count,
            )
            painter.drawText(
                QRectF(plot.right() + line * 0.3, y - line / 2, right, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                percent(locale.toString(round(100 * fraction))),
            )
        slot = plot.width() / len(self._points)
        bar_width = max(1.0, min(slot * 0.6, line * 2.0))
        sla_line = QPainterPath()
        started = False
        label_every = max(1, int(len(self._points) / max(1, plot.width() / (line * 5))) + 1)
        for n, point in enumerate(self._points):
            centre = plot.left() + slot * (n + 0.5)
            if point.conversations:
                height = plot.height() * point.conversations / top
                painter.fillRect(
                    QRectF(centre - bar_width / 2, plot.bottom() - height, bar_width, height),
                    volume_color,
                )
            if point.sla_percent is not None:
                at = QPointF(centre, plot.bottom() - plot.height() * point.sla_percent / 100)
                if started:
                    sla_line.lineTo(at)
                else:
                    sla_line.moveTo(at)
                    started = True
            if n % label_every == 0:
                painter.setPen(c.muted)
                day = QDate(point.day.year, point.day.month, point.day.day)
                painter.drawText(
                    QRectF(centre - line * 3, plot.bottom() + line * 0.2, line * 6, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    locale.toString(day, "d MMM"),
                )
        painter.setPen(QPen(sla_color, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(sla_line)
        painter.setBrush(sla_color)
        for n, point in enumerate(self._points):
            if point.sla_percent is not None:
                centre = plot.left() + slot * (n + 0.5)
                at = QPointF(centre, plot.bottom() - plot.height() * point.sla_percent / 100)
                painter.drawEllipse(at, line * 0.18, line * 0.18)
        painter.setBrush(QColor(0, 0, 0, 0))
        if len(self._points) <= LABELLED_DAYS:  # few days: each one's figures in words
            self._label_values(painter, plot, slot, top, bar_width, sla_color, c.text)

    def _label_values(
        self,
        painter: QPainter,
        plot: QRectF,
        slot: float,
        top: int,
        bar_width: float,
        sla_color: QColor,
        text_color: QColor,
    ) -> None:
        line = painter.fontMetrics().height()
        locale = QLocale()
        for n, point in enumerate(self._points):
            centre = plot.left() + slot * (n + 0.5)
            if point.conversations:
                height = plot.height() * point.conversations / top
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(centre - slot / 2, plot.bottom() - height - line, slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    locale.toString(point.conversations),
                )
            if point.sla_percent is not None:
                y = plot.bottom() - plot.height() * point.sla_percent / 100
                painter.setPen(sla_color)
                painter.drawText(
                    QRectF(centre + bar_width / 2 + line * 0.2, y - line, slot / 2, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    format_figure(Unit.PERCENT, point.sla_percent),
                )

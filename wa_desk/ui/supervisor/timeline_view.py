"""One agent's day as a painted strip: each status stretch in its colour with its word
written in it where it fits, hours marked below, and every stretch in words in the
tooltip and for screen readers (colour is never the only carrier)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wa_desk.core.agents import AGENT_STATUSES
from wa_desk.core.clock import Millis
from wa_desk.ui.common import theme
from wa_desk.ui.common.labels import agent_status
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import HOUR_MS, format_clock
from wa_desk.ui.supervisor.status_look import status_color
from wa_desk.ui.supervisor.timeline_model import Stretch, TimelineModel


class StatusTimeline(QWidget):
    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(self._changed)
        self._changed()

    def _changed(self, *_: object) -> None:
        m = self.model
        if m.agent_id is None:
            self.setAccessibleName(self.tr("Status today"))
            self.setAccessibleDescription("")
        else:
            self.setAccessibleName(self.tr("Status today: %1").replace("%1", m.agent_name))
            self.setAccessibleDescription(
                "; ".join(m.describe(s) for s in m.stretches()) or self.tr("Nothing known yet")
            )
        self.update()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("m") * 40, int(fm.height() * 4.2))

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("m") * 16, int(fm.height() * 4.2))

    def _span(self) -> tuple[Millis, Millis]:
        start = self.model.day_start
        return start, max(start + HOUR_MS, self.model.now())

    def _strip(self) -> QRectF:
        fm = self.fontMetrics()
        em = fm.horizontalAdvance("m")
        return QRectF(em, fm.height() * 1.4, max(1, self.width() - em * 2), fm.height() * 1.5)

    def _x(self, at: Millis, strip: QRectF, span: tuple[Millis, Millis]) -> float:
        start, end = span
        share = (min(max(at, start), end) - start) / max(1, end - start)
        return strip.left() + strip.width() * share

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colors = theme.colors(palette)
        fm = self.fontMetrics()
        m = self.model
        title = (
            self.tr("Choose an agent to see their day.")
            if m.agent_id is None
            else self.tr("%1 today").replace("%1", isolated(m.agent_name))
        )
        painter.setPen(colors.text if m.agent_id is not None else colors.muted)
        heading = QRect(fm.horizontalAdvance("m"), 0, self.width(), int(fm.height() * 1.3))
        painter.drawText(
            heading, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title
        )
        self._paint_legend(painter, heading)
        strip = self._strip()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.notice)
        painter.drawRoundedRect(strip, 3, 3)
        if m.agent_id is None:
            return
        span = self._span()
        for s in m.stretches():
            self._paint_stretch(painter, s, strip, span)
        self._paint_hours(painter, strip, span)

    def _paint_stretch(
        self,
        painter: QPainter,
        s: Stretch,
        strip: QRectF,
        span: tuple[Millis, Millis],
    ) -> None:
        now = self.model.now()
        left = self._x(s.start, strip, span)
        right = self._x(now if s.end is None else s.end, strip, span)
        if right - left < 0.5:
            return
        palette = self.palette()
        fill = status_color(s.status, palette)
        rect = QRectF(left, strip.top(), right - left, strip.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(rect)
        word = agent_status(s.status)
        if self.fontMetrics().horizontalAdvance(word) + 6 <= rect.width():
            painter.setPen(theme.text_on(fill))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), word)

    def _paint_legend(self, painter: QPainter, heading: QRect) -> None:
        """Each status's colour beside its word, on the right of the heading: what a
        stretch too short for its word is."""
        fm = self.fontMetrics()
        em = fm.horizontalAdvance("m")
        dot = fm.height() * 0.6
        right = self.width() - em
        colors = theme.colors(self.palette())
        for status in reversed(AGENT_STATUSES):
            word = agent_status(status)
            width = fm.horizontalAdvance(word)
            painter.setPen(colors.text)
            painter.drawText(
                QRectF(right - width, heading.top(), width, heading.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                word,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(status_color(status, self.palette()))
            left = right - width - dot - em * 0.3
            painter.drawEllipse(QRectF(left, heading.center().y() - dot / 2 + 1, dot, dot))
            right = int(left - em)

    def _paint_hours(self, painter: QPainter, strip: QRectF, span: tuple[Millis, Millis]) -> None:
        fm = self.fontMetrics()
        colors = theme.colors(self.palette())
        start, end = span
        hours = max(1, (end - start) // HOUR_MS)
        room = max(1, int(strip.width() // (fm.horizontalAdvance("00:00") * 2)))  # labels
        step = HOUR_MS * max(1, -(-hours // room))
        first = start + (-(start % HOUR_MS)) % HOUR_MS
        painter.setPen(colors.muted)
        at = first
        while at <= end:
            x = self._x(at, strip, span)
            painter.drawLine(QPointF(x, strip.bottom()), QPointF(x, strip.bottom() + 3))
            label = format_clock(at)
            width = fm.horizontalAdvance(label)
            left = min(max(0.0, x - width / 2), self.width() - width)
            painter.drawText(
                QRectF(left, strip.bottom() + 3, width, fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )
            at += step

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._stretch_at(event.pos().x())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _stretch_at(self, x: int) -> str | None:
        strip, span, now = self._strip(), self._span(), self.model.now()
        for s in self.model.stretches():
            left = self._x(s.start, strip, span)
            right = self._x(now if s.end is None else s.end, strip, span)
            if left <= x <= right:
                return self.model.describe(s)
        return None

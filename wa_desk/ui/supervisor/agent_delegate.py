"""Paints the wallboard's agent cells that say more than text: the status as a dot of its
colour beside its word, open ÷ capacity as a bar with its figures, and a customer waiting
on the agent highlighted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor import status_look
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentRoles
from wa_desk.ui.supervisor.day_strip import paint_day
from wa_desk.ui.supervisor.status_look import status_color
from wa_desk.ui.supervisor.timeline_model import Day

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT_INT, RIGHT_INT = int(LEFT), int(RIGHT)
SELECTED = QStyle.StateFlag.State_Selected
ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
BAR_EM = 6
DAY_EM = 14  # the Today column's width, in widths of "m"
SHAPES_KEPT = 256  # the load bar's width, in widths of "m"


class AgentDelegate(QStyledItemDelegate):
    _em_for: tuple[int, int] = (-1, 0)  # (font height, width of "m")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shapes: dict[tuple[object, ...], QPixmap] = {}
        self._names: dict[tuple[str, int, int], str] = {}
        self._bold: tuple[str, QFont] | None = None
        self._ratio = 1.0  # the device pixel ratio of what is being painted

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        fm = option.fontMetrics
        em = fm.horizontalAdvance("m")
        if index.column() == AgentColumn.STATUS:  # the dot, a space and the margins
            size.setWidth(size.width() + fm.height() + em * 2)
        elif index.column() == AgentColumn.LOAD:
            size.setWidth(size.width() + em * (BAR_EM + 1))
        elif index.column() == AgentColumn.TODAY:
            size.setWidth(em * DAY_EM)
        size.setHeight(max(size.height(), int(fm.height() * 1.6)))
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Every cell painted here, asking the model only for what it shows: the style's
        # generic item (a dozen roles per cell) costs a frame on a board the stream keeps
        # changing. Each of the option's fields is read once (each read is a copy).
        column = index.column()
        device = painter.device()
        self._ratio = device.devicePixelRatioF() if device is not None else 1.0
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        selected = bool(option.state & SELECTED)
        palette = option.palette
        colors = theme.colors(palette)
        cell = option.rect
        waiting = column == AgentColumn.WAITING and index.data(AgentRoles.WAITING_MS) is not None
        if selected:
            painter.fillRect(cell, colors.selection)
        elif waiting:
            painter.fillRect(cell, colors.warning_back)
        elif option.features & ALTERNATE:
            painter.fillRect(cell, palette.color(QPalette.ColorRole.AlternateBase))
        fm = option.fontMetrics
        pad = self._em(fm) // 2
        rect = cell.adjusted(pad, 0, -pad, 0)
        painter.setPen(colors.selection_text if selected else colors.text)
        if column == AgentColumn.TODAY:
            day = index.data(AgentRoles.DAY)
            if isinstance(day, Day):
                paint_day(painter, rect, day, palette)
        elif column == AgentColumn.STATUS:
            self._paint_status(painter, option, index, rect, text)
        elif column == AgentColumn.LOAD:
            self._paint_load(painter, option, index, rect, text)
        elif column == AgentColumn.NAME:
            painter.drawText(rect, LEFT_INT, self._elided(fm, text, rect.width()))
        elif waiting:
            font = painter.font()
            if self._bold is None or self._bold[0] != font.key():
                bold = QFont(font)
                bold.setBold(True)
                self._bold = (font.key(), bold)
            painter.setFont(self._bold[1])
            painter.drawText(rect, RIGHT_INT, text)
            painter.setFont(font)
        else:
            painter.drawText(rect, RIGHT_INT, text)

    def _elided(self, fm: QFontMetrics, text: str, width: int) -> str:
        """A name isolated and cut to the column (kept: names and widths rarely change)."""
        key = (text, width, fm.height())
        found = self._names.get(key)
        if found is None:
            if len(self._names) >= SHAPES_KEPT:
                self._names.clear()
            found = fm.elidedText(isolated(text), Qt.TextElideMode.ElideRight, width)
            self._names[key] = found
        return found

    def _em(self, fm: QFontMetrics) -> int:
        """The width of "m" in the view's font (asked once per font)."""
        key = fm.height()
        if self._em_for[0] != key:
            self._em_for = (key, fm.horizontalAdvance("m"))
        return self._em_for[1]

    def _paint_status(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, rect: QRect, text: str
    ) -> None:
        fm = option.fontMetrics
        size = int(fm.height() * 0.6)
        palette = option.palette
        color = status_color(str(index.data(AgentRoles.STATUS) or ""), palette)
        fill = status_look.apart(color, palette.color(QPalette.ColorRole.Base))
        dot = self._shape(("dot", fill.rgba(), size), size, size, lambda p: _dot(p, fill, size))
        painter.drawPixmap(rect.left(), rect.center().y() - size // 2 + 1, dot)
        words = rect.adjusted(size + fm.horizontalAdvance(" "), 0, 0, 0)
        painter.drawText(words, LEFT_INT, text)

    def _paint_load(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, rect: QRect, text: str
    ) -> None:
        fm = option.fontMetrics
        em = self._em(fm)
        open_ = int(index.data(AgentRoles.OPEN) or 0)
        capacity = int(index.data(AgentRoles.CAPACITY) or 0)
        share = 1.0 if capacity <= 0 and open_ else (open_ / capacity if capacity else 0.0)
        palette = option.palette
        colors = theme.colors(palette)
        base = palette.color(QPalette.ColorRole.Base)
        tone = colors.sla_ok if share < 1.0 else colors.sla_late if share > 1.0 else colors.sla_warn
        fill = status_look.apart(tone, base)
        track = colors.bubble_border
        width, height = em * BAR_EM, max(4, fm.height() // 2)
        done = round(width * min(1.0, share))
        key = ("bar", fill.rgba(), track.rgba(), width, height, done)
        bar = self._shape(key, width, height, lambda p: _bar(p, track, fill, width, height, done))
        painter.drawPixmap(rect.left(), rect.center().y() - height // 2 + 1, bar)
        words = rect.adjusted(width + em // 2, 0, 0, 0)
        painter.drawText(words, RIGHT_INT, text)

    def _shape(
        self, key: tuple[object, ...], width: int, height: int, draw: Callable[[QPainter], None]
    ) -> QPixmap:
        """A drawn shape (a status dot, a load bar), kept: the board repaints the same few
        hundreds of times a minute, and drawing them smooth each time costs a frame."""
        ratio = self._ratio
        key = (*key, ratio)
        found = self._shapes.get(key)
        if found is None:
            if len(self._shapes) >= SHAPES_KEPT:
                self._shapes.clear()
            # Drawn at the screen's own pixels (sharp on a high-density screen).
            found = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
            found.setDevicePixelRatio(ratio)
            found.fill(Qt.GlobalColor.transparent)
            p = QPainter(found)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            draw(p)
            p.end()
            self._shapes[key] = found
        return found


def _dot(p: QPainter, fill: QColor, size: int) -> None:
    p.setBrush(fill)
    p.drawEllipse(QRectF(0, 0, size, size))


def _bar(p: QPainter, track: QColor, fill: QColor, width: int, height: int, done: int) -> None:
    radius = height / 2
    p.setBrush(track)
    p.drawRoundedRect(QRectF(0, 0, width, height), radius, radius)
    if done > 0:
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(0, 0, done, height), radius, radius)

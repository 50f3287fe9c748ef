"""Paints the wallboard's agent cells that say more than text: the status as a dot of its
colour beside its word, open ÷ capacity as a bar with its figures, and a customer waiting
on the agent highlighted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor import status_look
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentRoles
from wa_desk.ui.supervisor.status_look import status_color

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT_INT, RIGHT_INT = int(LEFT), int(RIGHT)
SELECTED = QStyle.StateFlag.State_Selected
ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
BAR_EM = 6  # the load bar's width, in widths of "m"


class AgentDelegate(QStyledItemDelegate):
    _em_for: tuple[int, int] = (-1, 0)  # (font height, width of "m")

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        fm = option.fontMetrics
        em = fm.horizontalAdvance("m")
        if index.column() == AgentColumn.STATUS:  # the dot, a space and the margins
            size.setWidth(size.width() + fm.height() + em * 2)
        elif index.column() == AgentColumn.LOAD:
            size.setWidth(size.width() + em * (BAR_EM + 1))
        size.setHeight(max(size.height(), int(fm.height() * 1.6)))
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Every cell painted here, asking the model only for what it shows: the style's
        # generic item (a dozen roles per cell) costs a frame on a board the stream keeps
        # changing. Each of the option's fields is read once (each read is a copy).
        column = index.column()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        selected = bool(option.state & SELECTED)
        palette = option.palette
        colors = status_look.colors(palette)
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
        if column == AgentColumn.STATUS:
            painter.save()
            self._paint_status(painter, option, index, rect, text)
            painter.restore()
        elif column == AgentColumn.LOAD:
            painter.save()
            self._paint_load(painter, option, index, rect, text)
            painter.restore()
        elif column == AgentColumn.NAME:
            shown = fm.elidedText(isolated(text), Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, LEFT_INT, shown)
        elif waiting:
            font = painter.font()
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(rect, RIGHT_INT, text)
            painter.setFont(font)
        else:
            painter.drawText(rect, RIGHT_INT, text)

    def _em(self, fm: QFontMetrics) -> int:
        """The width of "m" in the view's font (asked once per font)."""
        key = fm.height()
        if self._em_for[0] != key:
            self._em_for = (key, fm.horizontalAdvance("m"))
        return self._em_for[1]

    @staticmethod
    def _paint_status(
        painter: QPainter, option: QStyleOptionViewItem, index: Index, rect: QRect, text: str
    ) -> None:
        fm = option.fontMetrics
        size = fm.height() * 0.6
        dot = QRectF(rect.left(), rect.center().y() - size / 2 + 1, size, size)
        color = status_color(str(index.data(AgentRoles.STATUS) or ""), option.palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = painter.pen()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_look.apart(color, option.palette.color(QPalette.ColorRole.Base)))
        painter.drawEllipse(dot)
        painter.setPen(pen)
        words = rect.adjusted(int(size + fm.horizontalAdvance(" ")), 0, 0, 0)
        painter.drawText(words, int(LEFT), text)

    @staticmethod
    def _paint_load(
        painter: QPainter, option: QStyleOptionViewItem, index: Index, rect: QRect, text: str
    ) -> None:
        fm = option.fontMetrics
        em = fm.horizontalAdvance("m")
        open_ = int(index.data(AgentRoles.OPEN) or 0)
        capacity = int(index.data(AgentRoles.CAPACITY) or 0)
        share = 1.0 if capacity <= 0 and open_ else (open_ / capacity if capacity else 0.0)
        colors = status_look.colors(option.palette)
        height = max(4, fm.height() // 2)
        bar = QRectF(rect.left(), rect.center().y() - height / 2 + 1, em * BAR_EM, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = painter.pen()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.bubble_border)
        painter.drawRoundedRect(bar, height / 2, height / 2)
        fill = colors.sla_ok if share < 1.0 else colors.sla_late if share > 1.0 else colors.sla_warn
        painter.setBrush(status_look.apart(fill, option.palette.color(QPalette.ColorRole.Base)))
        done = QRectF(bar.left(), bar.top(), bar.width() * min(1.0, share), bar.height())
        if done.width() > 0:
            painter.drawRoundedRect(done, height / 2, height / 2)
        painter.setPen(pen)
        words = rect.adjusted(int(bar.width()) + em // 2, 0, 0, 0)
        painter.drawText(words, int(RIGHT), text)

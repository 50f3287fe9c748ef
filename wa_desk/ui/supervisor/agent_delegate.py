"""Paints the wallboard's agent cells that say more than text: the status as a dot of its
colour beside its word, open ÷ capacity as a bar with its figures, and a customer waiting
on the agent highlighted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor import status_look
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentRoles
from wa_desk.ui.supervisor.status_look import status_color

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
BAR_EM = 6  # the load bar's width, in widths of "m"


class AgentDelegate(QStyledItemDelegate):
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
        # changing.
        column = index.column()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        colors = status_look.colors(palette)
        waiting = column == AgentColumn.WAITING and index.data(AgentRoles.WAITING_MS) is not None
        painter.save()
        if selected:
            painter.fillRect(option.rect, colors.selection)
        elif waiting:
            painter.fillRect(option.rect, colors.warning_back)
        elif option.features & QStyleOptionViewItem.ViewItemFeature.Alternate:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.AlternateBase))
        fm = option.fontMetrics
        pad = fm.horizontalAdvance("m") // 2
        rect = option.rect.adjusted(pad, 0, -pad, 0)
        painter.setPen(colors.selection_text if selected else colors.text)
        if column == AgentColumn.STATUS:
            self._paint_status(painter, option, index, rect, text)
        elif column == AgentColumn.LOAD:
            self._paint_load(painter, option, index, rect, text)
        elif column in (AgentColumn.NAME, AgentColumn.STATUS):
            shown = fm.elidedText(isolated(text), Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, int(LEFT), shown)
        else:
            if waiting:
                font = QFont(option.font)
                font.setBold(True)
                painter.setFont(font)
            painter.drawText(rect, int(RIGHT), text)
        painter.restore()

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

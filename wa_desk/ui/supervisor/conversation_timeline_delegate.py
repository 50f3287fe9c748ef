"""Paints a conversation's timeline as a reader scans it: each message in a bubble, the
customer's on the left and the agents' on the right, in the colours of the agent's own
conversation view; each action on one quiet line beside a dot, so that what was said
stands apart from what was done.

Everything is plain text (nothing a customer wrote is read as markup) and each paragraph
takes its direction from its own first letters, so Arabic or Hebrew reads right to left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.ui.common import theme
from wa_desk.ui.supervisor.conversation_timeline_model import ConversationTimelineRoles as R

Index = QModelIndex | QPersistentModelIndex

BUBBLE_SHARE = 0.82  # of the row's width, at most, for a message's bubble


def laid_out(font: QFont, text: str, width: int) -> QTextLayout:
    """``text`` broken into lines of at most ``width`` pixels (between words, or inside
    one too long for a line), each paragraph in its own direction: measured and painted
    from the same layout, so what is painted fits what was measured."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def _size(layout: QTextLayout) -> QSize:
    width = max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0)
    return QSize(math.ceil(width), math.ceil(layout.boundingRect().height()))


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(1.0, font.pointSizeF() * 0.88))
    return small


@dataclass(frozen=True, slots=True)
class MessageLayout:
    bubble: QRect
    heading: QRect
    body: QRect


@dataclass(frozen=True, slots=True)
class ActionLayout:
    dot: QRectF
    text: QRect


class ConversationTimelineDelegate(QStyledItemDelegate):
    def _pad(self, font: QFont) -> int:
        return max(4, QFontMetrics(font).height() // 3)

    def message_layout(
        self, option: QStyleOptionViewItem, index: Index
    ) -> tuple[MessageLayout, QTextLayout, QTextLayout]:
        pad = self._pad(option.font)
        row = option.rect
        inner = max(40, int(row.width() * BUBBLE_SHARE) - 2 * pad)
        heading = laid_out(_small(option.font), str(index.data(R.HEADING)), inner)
        body = laid_out(option.font, str(index.data(R.BODY)), inner)
        content = max(_size(heading).width(), _size(body).width())
        if content < inner:  # laid out again at the bubble's width: a right-to-left
            # paragraph starts at the bubble's right edge, not beyond it
            heading = laid_out(_small(option.font), str(index.data(R.HEADING)), content + 1)
            body = laid_out(option.font, str(index.data(R.BODY)), content + 1)
        head_size, body_size = _size(heading), _size(body)
        width = content + 1 + 2 * pad
        height = head_size.height() + body_size.height() + 2 * pad + pad // 2
        outgoing = index.data(R.DIRECTION) == "out"
        left = row.right() - pad - width if outgoing else row.left() + pad
        bubble = QRect(left, row.top() + 1, width, height)
        head = QRect(left + pad, bubble.top() + pad, width - 2 * pad, head_size.height())
        text = QRect(left + pad, head.bottom() + 1 + pad // 2, width - 2 * pad, body_size.height())
        return MessageLayout(bubble, head, text), heading, body

    def action_layout(
        self, option: QStyleOptionViewItem, index: Index
    ) -> tuple[ActionLayout, QTextLayout]:
        small = _small(option.font)
        pad = self._pad(option.font)
        fm = QFontMetrics(small)
        row = option.rect
        size = max(4.0, fm.height() * 0.35)
        indent = row.left() + pad + math.ceil(size) + pad
        width = max(40, row.right() - pad - indent)
        layout = laid_out(small, str(index.data(R.HEADING)), width)
        dot = QRectF(row.left() + pad, row.top() + 1 + (fm.height() - size) / 2, size, size)
        return ActionLayout(
            dot, QRect(indent, row.top() + 1, width, _size(layout).height())
        ), layout

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        if isinstance(view, QListView):  # as wide as the list leaves an entry: never wider
            width = view.viewport().width() - 2 * view.spacing()
            option.rect = QRect(option.rect.left(), option.rect.top(), max(1, width), 0)
        if index.data(R.SOURCE) == "message":
            lay, _heading, _body = self.message_layout(option, index)
            return QSize(option.rect.width(), lay.bubble.height() + 2)
        action, _layout = self.action_layout(option, index)
        return QSize(option.rect.width(), action.text.height() + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        c = theme.colors(option.palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        if chosen:
            painter.fillRect(option.rect, c.selection)
        quiet = c.selection_text if chosen else c.muted  # an action's words and dot
        if index.data(R.SOURCE) == "message":
            lay, heading, body = self.message_layout(option, index)
            radius = QFontMetrics(option.font).height() * 0.5
            painter.setPen(c.bubble_border)
            outgoing = index.data(R.DIRECTION) == "out"
            painter.setBrush(c.bubble_out if outgoing else c.bubble_in)
            painter.drawRoundedRect(QRectF(lay.bubble), radius, radius)
            painter.setPen(c.muted)
            heading.draw(painter, QPointF(lay.heading.topLeft()))
            painter.setPen(c.text)
            body.draw(painter, QPointF(lay.body.topLeft()))
        else:
            action, layout = self.action_layout(option, index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(quiet)
            painter.drawEllipse(action.dot)
            painter.setPen(quiet)
            layout.draw(painter, QPointF(action.text.topLeft()))
        painter.restore()

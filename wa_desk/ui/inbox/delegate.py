"""Paints one inbox row; sizes come from font metrics so it scales with DPI and font."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.inbox.model import InboxRoles, SlaLevel

Index = QModelIndex | QPersistentModelIndex


def draw_pill(painter: QPainter, rect: QRect, text: str, fill: QColor, fg: QColor) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(fg)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def pill_rect(fm: QFontMetrics, text: str, right: int, top: int) -> QRect:
    pad = fm.height() // 2
    width = max(fm.horizontalAdvance(text) + pad * 2, fm.height())
    return QRect(right - width, top, width, fm.height())


class InboxDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        pad = fm.height() // 2
        small = QFontMetrics(self._small_font(option.font))
        return QSize(fm.height() * 16, pad * 2 + fm.height() * 2 + small.height() + pad // 2)

    # Each customer string is drawn in its own isolate, its directional controls dropped:
    # a name or a message cannot reverse what is drawn around it, nor its own digits.

    @staticmethod
    def name_text(index: Index) -> str:
        return isolated(str(index.data(InboxRoles.NAME) or ""))

    @staticmethod
    def preview_text(index: Index) -> str:
        return isolated(str(index.data(InboxRoles.PREVIEW) or ""))

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        return small

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The selection/hover background from the style, without its own text.
        opt = QStyleOptionViewItem(option)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        c = theme.colors(option.palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = c.selection_text if selected else c.text
        muted = c.selection_text if selected else c.muted
        fm = option.fontMetrics
        pad = fm.height() // 2
        rect = option.rect.adjusted(pad, pad // 2 + 1, -pad, -pad // 2)
        line = fm.height()
        small_font = self._small_font(option.font)
        small = QFontMetrics(small_font)

        painter.save()
        waiting = index.data(InboxRoles.WAITING_MS)
        level = SlaLevel(index.data(InboxRoles.SLA_LEVEL) or 0)
        sla_fill = {SlaLevel.OK: c.sla_ok, SlaLevel.WARN: c.sla_warn, SlaLevel.LATE: c.sla_late}

        def pill_fill(color: QColor) -> QColor:
            """A pill stands out (3:1) from the selection too: green on green is gone."""
            return theme.apart_from(color, c.selection) if selected else color

        # Line 1: name, then the waiting time pill (SLA colour) on the right.
        right = rect.right()
        if waiting is not None:
            text = format_duration(waiting)
            pill = pill_rect(fm, text, right, rect.top())
            fill = pill_fill(sla_fill.get(level, c.sla_ok))
            draw_pill(painter, pill, text, fill, theme.text_on(fill))
            right = pill.left() - pad
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        name_rect = QRect(rect.left(), rect.top(), right - rect.left(), line)
        name = QFontMetrics(bold).elidedText(
            self.name_text(index),
            Qt.TextElideMode.ElideRight,
            name_rect.width(),
        )
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name
        )

        # Line 2: preview (plain, one line), unread badge on the right.
        top = rect.top() + line
        right = rect.right()
        unread = int(index.data(InboxRoles.UNREAD) or 0)
        painter.setFont(option.font)
        if unread:
            text = str(unread) if unread < 100 else "99+"
            badge = pill_rect(fm, text, right, top)
            fill = pill_fill(c.badge)
            draw_pill(painter, badge, text, fill, theme.text_on(fill))
            right = badge.left() - pad
        painter.setPen(muted)
        preview = fm.elidedText(
            self.preview_text(index),
            Qt.TextElideMode.ElideRight,
            right - rect.left(),
        )
        painter.drawText(
            QRect(rect.left(), top, right - rect.left(), line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            preview,
        )

        # Line 3: queue · assignee, and the 24 h window countdown on the right.
        top += line + pad // 4
        painter.setFont(small_font)
        window_left = index.data(InboxRoles.WINDOW_LEFT_MS)
        if window_left is None or index.data(InboxRoles.STATE) == "closed":
            window_text = ""
        elif window_left <= 0:
            window_text = QCoreApplication.translate("InboxDelegate", "Window closed")
        else:
            window_text = QCoreApplication.translate("InboxDelegate", "Window %1").replace(
                "%1", format_duration(window_left)
            )
        window_width = small.horizontalAdvance(window_text)
        if window_text:
            closing = window_left is not None and window_left < 2 * 3_600_000
            painter.setPen(muted if selected else (c.sla_late if closing else c.muted))
            painter.drawText(
                QRect(rect.right() - window_width, top, window_width, small.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                window_text,
            )
        parts = [str(index.data(InboxRoles.QUEUE) or "")]
        state = index.data(InboxRoles.STATE)
        if state == "assigned":
            assignee = index.data(InboxRoles.ASSIGNEE_NAME)
            parts.append(
                isolated(str(assignee))
                if assignee
                else QCoreApplication.translate("InboxDelegate", "assigned")
            )
        elif state == "queued":
            parts.append(QCoreApplication.translate("InboxDelegate", "waiting in queue"))
        elif state == "closed":
            parts.append(QCoreApplication.translate("InboxDelegate", "closed"))
        meta_width = rect.width() - window_width - pad
        meta = small.elidedText(
            " · ".join(p for p in parts if p), Qt.TextElideMode.ElideRight, meta_width
        )
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.left(), top, meta_width, small.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            meta,
        )
        # A thin separator keeps dense lists readable.
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.setOpacity(0.35)
        painter.drawLine(
            option.rect.left() + pad,
            option.rect.bottom(),
            option.rect.right() - pad,
            option.rect.bottom(),
        )
        painter.restore()

"""Paints the alerts tree: a group's heading and count; an alert's severity as a pill of
its colour holding its word (never the colour alone), its sentence, and under it whom
it is about, since when, and what a lead did. Sizes come from font metrics."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wa_desk.core.alert_kinds import AlertSeverity
from wa_desk.ui.common import theme
from wa_desk.ui.supervisor.alert_words import severity_word
from wa_desk.ui.supervisor.alerts_model import AlertRoles

Index = QModelIndex | QPersistentModelIndex


def severity_color(colors: theme.Colors, severity: str) -> QColor:
    if severity == AlertSeverity.CRITICAL:
        return colors.sla_late
    if severity == AlertSeverity.WARNING:
        return colors.sla_warn
    return colors.read_tick


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
    return small


class AlertsDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        pad = fm.height() // 2
        if index.data(AlertRoles.IS_GROUP):
            return QSize(fm.height() * 20, fm.height() + pad * 2)
        small = QFontMetrics(_small(option.font))
        return QSize(fm.height() * 20, pad * 2 + fm.height() + small.height() + pad // 2)

    @staticmethod
    def pill_width(fm: QFontMetrics) -> int:
        """One width for every severity, so the sentences start in one column."""
        words = (severity_word(s.value) for s in AlertSeverity)
        return max(fm.horizontalAdvance(w) for w in words) + fm.height()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt = QStyleOptionViewItem(option)
        opt.text = ""  # the background, selection and focus from the style; the rest is ours
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        c = theme.colors(option.palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = c.selection_text if selected else c.text
        muted = c.selection_text if selected else c.muted
        fm = option.fontMetrics
        pad = fm.height() // 2
        rect = option.rect.adjusted(pad // 2, pad, -pad, -pad)
        left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.save()
        if index.data(AlertRoles.IS_GROUP):
            bold = QFont(option.font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(text_color)
            text = QFontMetrics(bold).elidedText(
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                Qt.TextElideMode.ElideRight,
                rect.width(),
            )
            painter.drawText(rect, left, text)
            painter.restore()
            return

        # The severity: its colour and its word.
        severity = str(index.data(AlertRoles.SEVERITY) or "")
        fill = severity_color(c, severity)
        if selected:
            fill = theme.apart_from(fill, c.selection)
        pill = QRect(rect.left(), rect.top(), self.pill_width(fm), fm.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(theme.text_on(fill))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, severity_word(severity))

        # Line 1: what happens (names in it are isolated by ``describe_alert``).
        text_left = pill.right() + pad
        width = rect.right() - text_left
        painter.setFont(option.font)
        painter.setPen(text_color)
        title = fm.elidedText(
            str(index.data(AlertRoles.TITLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(text_left, rect.top(), width, fm.height()), left, title)

        # Line 2: about whom, since when; what a lead did, on the right.
        small_font = _small(option.font)
        small = QFontMetrics(small_font)
        painter.setFont(small_font)
        top = rect.top() + fm.height() + pad // 2
        handled = str(index.data(AlertRoles.HANDLED) or "")
        handled_width = min(small.horizontalAdvance(handled), width // 2) if handled else 0
        if handled:
            painter.setPen(muted)
            painter.drawText(
                QRect(rect.right() - handled_width, top, handled_width, small.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                small.elidedText(handled, Qt.TextElideMode.ElideRight, handled_width),
            )
        # (How many: the sentence says it, in the kind's own terms.)
        parts = [
            str(index.data(AlertRoles.SUBJECT) or ""),
            str(index.data(AlertRoles.SINCE_TEXT) or ""),
        ]
        meta_width = width - handled_width - (pad if handled else 0)
        meta = small.elidedText(
            " · ".join(p for p in parts if p), Qt.TextElideMode.ElideRight, meta_width
        )
        painter.setPen(muted)
        painter.drawText(QRect(text_left, top, meta_width, small.height()), left, meta)

        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.setOpacity(0.35)
        painter.drawLine(
            option.rect.left(), option.rect.bottom(), option.rect.right(), option.rect.bottom()
        )
        painter.restore()

"""The queues as tiles: a wrapping row of cards, one per queue, each with its six figures
(``queue_words``); a delegate paints them, sized from the font so they scale with it.
Choosing a tile asks for the agents of that queue."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QResizeEvent, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.queue_model import QueueModel, QueueRoles
from wa_desk.ui.supervisor.queue_words import queue_figures

Index = QModelIndex | QPersistentModelIndex
TILE_EM = 24  # a tile's least width, in widths of "m" (wider when its words need it)
COLUMNS = 3  # figures per line of a tile
MAX_TILE_LINES = 2  # lines of tiles shown before the tiles scroll
TITLES_KEPT = 256  # queues' names and figures' titles cut to their room, kept


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def _big(font: QFont) -> QFont:
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 1.35)
    big.setBold(True)
    return big


class _Fonts:
    """The tile's fonts and their line heights, worked out once per view font."""

    def __init__(self, font: QFont) -> None:
        self.key = font.key()
        self.heading = QFont(font)
        self.heading.setBold(True)
        self.small, self.big = _small(font), _big(font)
        self.small_h, self.big_h = _height(self.small), _height(self.big)
        self.heading_metrics = QFontMetrics(self.heading)
        self.small_metrics = QFontMetrics(self.small)
        self.big_metrics = QFontMetrics(self.big)
        self.widths = column_widths(
            self.small_metrics, self.big_metrics, QFontMetrics(font).horizontalAdvance("m")
        )
        self._texts: dict[tuple[str, str, int], QStaticText] = {}

    def heading_text(self, queue: str, width: int) -> QStaticText:
        """The queue's name, isolated and cut to the tile (laid out once, like titles)."""
        return self._kept(("heading", queue, width), isolated(queue), width, self.heading)

    def title(self, words: str, width: int) -> QStaticText:
        """A figure's title cut to its room and laid out once: a tile shows the same few
        again and again, and laying text out is most of a tile's painting."""
        return self._kept(("title", words, width), words, width, self.small)

    def _kept(self, key: tuple[str, str, int], words: str, width: int, font: QFont) -> QStaticText:
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) >= TITLES_KEPT:
                self._texts.clear()
            metrics = self.heading_metrics if font is self.heading else self.small_metrics
            found = QStaticText(metrics.elidedText(words, Qt.TextElideMode.ElideRight, width))
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(font=font)
            self._texts[key] = found
        return found


class QueueTileDelegate(QStyledItemDelegate):
    _fonts: _Fonts | None = None

    def fonts(self, font: QFont) -> _Fonts:
        if self._fonts is None or self._fonts.key != font.key():
            self._fonts = _Fonts(font)
        return self._fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return tile_size(option.font, option.fontMetrics.horizontalAdvance("m"))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(QueueRoles.ROW) or {}
        figures = queue_figures(row, index.data(QueueRoles.LONGEST_WAIT_MS))
        palette = option.palette
        colors = theme.colors(palette)
        em = option.fontMetrics.horizontalAdvance("m")
        pad = em
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colors.selection if selected else colors.bubble_border)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, em * 0.6, em * 0.6)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.selection)
            painter.drawRoundedRect(QRectF(rect.left(), rect.top(), em * 0.4, rect.height()), 2, 2)
        inner = rect.toRect().adjusted(pad, pad // 2, -pad, -pad // 2)
        f = self.fonts(option.font)
        painter.setFont(f.heading)
        painter.setPen(colors.text)
        line = option.fontMetrics.height()
        heading = f.heading_text(str(index.data(QueueRoles.QUEUE) or ""), inner.width())
        painter.drawStaticText(
            QPointF(inner.left(), inner.top() + (line - heading.size().height()) / 2), heading
        )
        small, big, small_h, big_h = f.small, f.big, f.small_h, f.big_h
        widths = f.widths
        top = inner.top() + line + pad // 3
        for i, figure in enumerate(figures):
            col, lin = i % COLUMNS, i // COLUMNS
            x = inner.left() + sum(widths[:col])
            cell_w = widths[col] if col < COLUMNS - 1 else inner.right() - x
            y = top + lin * (small_h + big_h + pad // 3)
            painter.setFont(small)
            painter.setPen(colors.muted)
            title = f.title(figure.title, cell_w - em // 2)
            painter.drawStaticText(QPointF(x, y + (small_h - title.size().height()) / 2), title)
            painter.setFont(big)
            painter.setPen(colors.warning_text if figure.attention else colors.text)
            value = QRect(x, y + small_h, cell_w - em // 2, big_h)
            painter.drawText(
                value, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), figure.value
            )
        painter.restore()


def _height(font: QFont) -> int:
    return QFontMetrics(font).height()


def tile_size(font: QFont, em: int) -> QSize:
    """Room for the heading and two lines of figures, each figure's title whole."""
    line = _height(font)
    lines = 2 * (_height(_small(font)) + _height(_big(font)) + em // 3)
    widths = column_widths(QFontMetrics(_small(font)), QFontMetrics(_big(font)), em)
    width = max(em * TILE_EM, sum(widths) + em * 2 + 4)
    return QSize(width, line + lines + em * 2)


# The widest figures a tile shows in practice ("23 h 59 min", "100.0 %"): a column is
# never narrower than these, so a long wait is not cut off.
WIDE_ROW = {
    "waiting": 999,
    "sla_percent_today": 100.0,
    "first_response_median_today_ms": 86_340_000,
    "at_risk": 999,
    "windows_closing": 999,
}
WIDE_WAIT_MS = 86_340_000


def column_widths(small: QFontMetrics, big: QFontMetrics, em: int) -> list[int]:
    """Each column of figures as wide as its widest title (small) or widest value (big),
    and a gap."""
    figures = queue_figures(WIDE_ROW, WIDE_WAIT_MS)
    return [
        max(
            max(small.horizontalAdvance(f.title), big.horizontalAdvance(f.value))
            for f in figures[col::COLUMNS]
        )
        + em
        for col in range(COLUMNS)
    ]


class QueueTiles(QListView):
    queueChosen = Signal(str)  # "" when the chosen tile is chosen again (every queue)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(QueueTileDelegate(self))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setAccessibleName(self.tr("Queues"))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().setAutoFillBackground(False)  # the tiles on the window's colour
        self.clicked.connect(self._chosen)
        model.rowsInserted.connect(self._fit)
        model.modelReset.connect(self._fit)

    def _chosen(self, index: QModelIndex) -> None:
        self.queueChosen.emit(str(index.data(QueueRoles.QUEUE) or ""))

    def select_queue(self, queue: str | None) -> None:
        model = self.model()
        assert isinstance(model, QueueModel)
        row = None if queue is None else model.row_of(queue)
        if row is None:
            self.clearSelection()
        else:
            self.setCurrentIndex(model.index(row))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_: object) -> None:
        """As tall as its lines of tiles, up to ``MAX_TILE_LINES``; then it scrolls."""
        em = self.fontMetrics().horizontalAdvance("m")
        tile = tile_size(self.font(), em)
        step_w = tile.width() + self.spacing() * 2
        per_line = max(1, (self.viewport().width() or self.width()) // max(1, step_w))
        count = max(1, self.model().rowCount())
        lines = min(MAX_TILE_LINES, -(-count // per_line))
        height = lines * (tile.height() + self.spacing() * 2) + self.spacing()
        if self.height() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("m")
        tile = tile_size(self.font(), em)
        return QSize(tile.width() * 2, tile.height() + self.spacing() * 3)

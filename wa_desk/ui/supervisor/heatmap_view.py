"""The heat-map drawn: row names, two lines of column headers (the day, then the hour),
the cells in the palette's colours with their figure inside when it fits, a legend with
the scale and its unit, and the focus cell.

A view only: it paints what its ``HeatmapModel`` holds and says which cell was picked.
Arrows move the focus cell, Home and End go to a row's ends, Enter (or a click) opens it;
hovering shows the cell's exact figure; a screen reader hears the focused cell.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wa_desk.ui.common.plain_text import isolated, plain_tooltip
from wa_desk.ui.common.theme import colors, text_on
from wa_desk.ui.supervisor.heatmap_model import HeatmapModel
from wa_desk.ui.supervisor.heatmap_palette import VIRIDIS, color_for, empty_style
from wa_desk.ui.supervisor.heatmap_words import exact_figure, no_figure

MIN_ROW_HEIGHT = 22
MAX_ROW_HEIGHT = 34
MIN_CELL_WIDTH = 6.0
PAD = 6
HOUR_STEPS = (1, 2, 3, 4, 6, 12, 24)
LEGEND_BAR_WIDTH = 220
MAX_NAME_SHARE = 0.3  # of the width, at most, for the row names (longer ones elide)


class HeatmapView(QWidget):
    cellActivated = Signal(int, int)  # row, column: click or Enter
    focusCellChanged = Signal(int, int)
    focusRectChanged = Signal(QRect)  # where the focus cell is, to keep it in sight

    def __init__(self, model: HeatmapModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.focus_row = 0
        self.focus_column = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Heat-map"))
        self._fills: list[list[QColor | None]] = []
        self._texts: dict[str, int] = {}  # a figure's text → its width
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)
        self._reset()

    # -- following the model ---------------------------------------------------------------

    def _reset(self) -> None:
        m = self.model
        self.focus_row = min(self.focus_row, max(0, m.rowCount() - 1))
        self.focus_column = min(self.focus_column, max(0, m.columnCount() - 1))
        self._colour()
        self.updateGeometry()
        self._announce()
        self.update()

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object) -> None:
        self._colour()
        if (top_left.row() <= self.focus_row <= bottom_right.row()) and (
            top_left.column() <= self.focus_column <= bottom_right.column()
        ):
            self._announce()
        self.update()

    def _colour(self) -> None:
        m = self.model
        low, high = m.low, m.high
        self._fills = [
            [color_for(m.value(r, c), low, high) for c in range(m.columnCount())]
            for r in range(m.rowCount())
        ]
        self._texts.clear()

    # -- geometry --------------------------------------------------------------------------

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def _names_width(self) -> int:
        fm = self._metrics()
        widest = max(
            (fm.horizontalAdvance(self.model.row_name(r)) for r in range(self.model.rowCount())),
            default=fm.horizontalAdvance("M" * 8),
        )
        return min(widest + 2 * PAD, max(80, int(self.width() * MAX_NAME_SHARE)))

    def _header_height(self) -> int:
        return 2 * self._metrics().height() + PAD

    def _legend_height(self) -> int:
        return self._metrics().height() * 2 + 2 * PAD

    def _row_height(self) -> int:
        rows = max(1, self.model.rowCount())
        free = self.height() - self._header_height() - self._legend_height()
        fits = free // rows
        return max(MIN_ROW_HEIGHT, min(MAX_ROW_HEIGHT, fits))

    def _grid(self) -> QRectF:
        """Where the cells are."""
        left = self._names_width()
        top = self._header_height()
        width = max(0.0, float(self.width() - left - PAD))
        return QRectF(left, top, width, self._row_height() * self.model.rowCount())

    def _cell_width(self) -> float:
        return self._grid().width() / max(1, self.model.columnCount())

    def cell_rect(self, row: int, column: int) -> QRectF:
        grid, w, h = self._grid(), self._cell_width(), self._row_height()
        return QRectF(grid.left() + column * w, grid.top() + row * h, w, h)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        grid = self._grid()
        if not grid.contains(pos.toPointF()) or self.model.columnCount() == 0:
            return None
        column = int((pos.x() - grid.left()) // self._cell_width())
        row = int((pos.y() - grid.top()) // self._row_height())
        if 0 <= row < self.model.rowCount() and 0 <= column < self.model.columnCount():
            return row, column
        return None

    def sizeHint(self) -> QSize:
        return QSize(900, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        rows = max(1, self.model.rowCount())
        height = self._header_height() + rows * MIN_ROW_HEIGHT + self._legend_height()
        width = 80 + int(MIN_CELL_WIDTH * max(1, self.model.columnCount())) + PAD
        return QSize(min(width, 600), height)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint_cells(painter, event.rect())
            self._paint_row_names(painter)
            self._paint_column_headers(painter)
            self._paint_legend(painter)
            self._paint_focus(painter)
        finally:
            painter.end()

    def _paint_cells(self, painter: QPainter, exposed: QRect) -> None:
        m = self.model
        if m.rowCount() == 0 or m.columnCount() == 0:
            painter.setPen(colors(self.palette()).muted)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nothing to show yet")
            )
            return
        grid, w, h = self._grid(), self._cell_width(), self._row_height()
        gap = 1.0 if w >= 6 else 0.0
        empty = empty_style(self.palette())
        fm = self._metrics()
        text_fits = h >= fm.height() + 2 and w >= fm.horizontalAdvance("0") + 4
        first_row = max(0, int((exposed.top() - grid.top()) // h))
        last_row = min(m.rowCount() - 1, int((exposed.bottom() - grid.top()) // h))
        for r in range(first_row, last_row + 1):
            fills = self._fills[r]
            y = grid.top() + r * h
            for c, fill in enumerate(fills):
                rect = QRectF(grid.left() + c * w, y, w - gap, h - gap)
                if fill is None:
                    painter.fillRect(rect, empty.ground)
                    painter.fillRect(rect, empty.hatch)
                    continue
                painter.fillRect(rect, fill)
                if text_fits:
                    text = m.data(m.index(r, c))
                    width = self._texts.get(text)
                    if width is None:
                        width = self._texts[text] = fm.horizontalAdvance(text)
                    if width + 4 <= w - gap:
                        painter.setPen(text_on(fill))
                        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_row_names(self, painter: QPainter) -> None:
        m = self.model
        grid, h = self._grid(), self._row_height()
        fm = self._metrics()
        width = int(grid.left()) - 2 * PAD
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for r in range(m.rowCount()):
            rect = QRect(PAD, int(grid.top() + r * h), width, h)
            name = fm.elidedText(m.row_name(r), Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, isolated(name)
            )

    def _paint_column_headers(self, painter: QPainter) -> None:
        m = self.model
        if m.columnCount() == 0:
            return
        grid, w = self._grid(), self._cell_width()
        fm = self._metrics()
        line = fm.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = colors(self.palette()).muted
        per_hour = 4 if not m.request.weekly and m.request.bucket_s == 900 else 1
        label_width = fm.horizontalAdvance("00:00") + PAD
        step = next((s for s in HOUR_STEPS if s * per_hour * w >= label_width), 24)
        # The hour line
        painter.setPen(text)
        keys = [m.column_day_and_hour(c) for c in range(m.columnCount())]
        for c, (_day, hour, minute) in enumerate(keys):
            if minute == 0 and hour % step == 0:
                x = grid.left() + c * w
                painter.setPen(muted)
                painter.drawLine(int(x), line + 2, int(x), int(grid.top()) - 1)
                painter.setPen(text)
                painter.drawText(
                    QRectF(x + 2, line, label_width, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{hour:02d}:00",
                )
        # The day line: a day's name where it starts (or at the first column).
        starts = [c for c in range(len(keys)) if c == 0 or keys[c][0] != keys[c - 1][0]]
        for i, c in enumerate(starts):
            x = grid.left() + c * w
            end = grid.left() + (starts[i + 1] if i + 1 < len(starts) else len(keys)) * w
            room = int(end - x) - 4
            if room < fm.horizontalAdvance("M") * 2:
                continue
            name = fm.elidedText(m.day_name(c), Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRectF(x + 2, 0, room, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )

    def _paint_legend(self, painter: QPainter) -> None:
        m = self.model
        if m.rowCount() == 0:
            return
        fm = self._metrics()
        grid = self._grid()
        top = int(grid.bottom()) + PAD
        line = fm.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        x = int(grid.left())
        unit = m.unit()
        painter.drawText(QRect(x, top, fm.horizontalAdvance(unit) + 2, line), 0, unit)
        x += fm.horizontalAdvance(unit) + 2 * PAD
        low = exact_figure(m.metric, m.low)
        high = exact_figure(m.metric, m.high)
        painter.drawText(QRect(x, top, fm.horizontalAdvance(low) + 2, line), 0, low)
        x += fm.horizontalAdvance(low) + PAD
        bar = QRect(x, top + 2, LEGEND_BAR_WIDTH, line - 4)
        gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for i, c in enumerate(VIRIDIS):
            gradient.setColorAt(i / (len(VIRIDIS) - 1), QColor(c))
        painter.fillRect(bar, gradient)
        x = bar.right() + PAD
        painter.drawText(QRect(x, top, fm.horizontalAdvance(high) + 2, line), 0, high)
        x += fm.horizontalAdvance(high) + 3 * PAD
        empty = empty_style(self.palette())
        swatch = QRect(x, top + 2, line - 4, line - 4)
        painter.fillRect(swatch, empty.ground)
        painter.fillRect(swatch, empty.hatch)
        painter.setPen(colors(self.palette()).muted)
        painter.drawRect(swatch)
        painter.setPen(text)
        x = swatch.right() + PAD
        words = no_figure()
        painter.drawText(QRect(x, top, fm.horizontalAdvance(words) + 2, line), 0, words)

    def _paint_focus(self, painter: QPainter) -> None:
        if self.model.rowCount() == 0 or self.model.columnCount() == 0:
            return
        rect = self.cell_rect(self.focus_row, self.focus_column).adjusted(-1, -1, 0, 0)
        c = colors(self.palette())
        width = 2.0 if self.hasFocus() else 1.0
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), width + 2))
        painter.drawRect(rect)
        painter.setPen(QPen(c.text, width))
        painter.drawRect(rect)

    # -- the focus cell ---------------------------------------------------------------------

    def set_focus_cell(self, row: int, column: int) -> None:
        m = self.model
        if m.rowCount() == 0 or m.columnCount() == 0:
            return
        row = max(0, min(m.rowCount() - 1, row))
        column = max(0, min(m.columnCount() - 1, column))
        if (row, column) == (self.focus_row, self.focus_column):
            return
        self.focus_row, self.focus_column = row, column
        self._announce()
        self.focusCellChanged.emit(row, column)
        self.focusRectChanged.emit(self.cell_rect(row, column).toAlignedRect())
        self.update()

    def focused_text(self) -> str:
        """What a screen reader says of the focus cell: row, time and exact figure."""
        m = self.model
        if m.rowCount() == 0 or m.columnCount() == 0:
            return self.tr("Nothing to show yet")
        return m.tooltip(self.focus_row, self.focus_column)

    def _announce(self) -> None:
        self.setAccessibleDescription(self.focused_text())
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            )

    # -- input --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        r, c = self.focus_row, self.focus_column
        moves = {
            Qt.Key.Key_Left: (r, c - 1),
            Qt.Key.Key_Right: (r, c + 1),
            Qt.Key.Key_Up: (r - 1, c),
            Qt.Key.Key_Down: (r + 1, c),
            Qt.Key.Key_Home: (r, 0),
            Qt.Key.Key_End: (r, self.model.columnCount() - 1),
        }
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            moves[Qt.Key.Key_Left], moves[Qt.Key.Key_Right] = (r, c + 1), (r, c - 1)
        if key in moves:
            self.set_focus_cell(*moves[key])
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.model.rowCount() and self.model.columnCount():
                self.cellActivated.emit(self.focus_row, self.focus_column)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_focus_cell(*cell)
        self.cellActivated.emit(*cell)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                name = self._row_name_at(event.pos())
                if name is None:
                    QToolTip.hideText()
                    event.ignore()
                else:
                    QToolTip.showText(event.globalPos(), plain_tooltip(name), self)
                return True
            QToolTip.showText(event.globalPos(), plain_tooltip(self.model.tooltip(*cell)), self)
            return True
        return super().event(event)

    def _row_name_at(self, pos: QPoint) -> str | None:
        grid = self._grid()
        if pos.x() >= grid.left() or not grid.top() <= pos.y() < grid.bottom():
            return None
        return self.model.row_name(int((pos.y() - grid.top()) // self._row_height()))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._texts.clear()
            self.update()
        super().changeEvent(event)

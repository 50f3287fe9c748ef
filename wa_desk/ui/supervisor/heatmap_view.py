"""The heat-map drawn: row names, two lines of column headers (the day, then the hour),
the cells in the palette's colours with their figure inside when it fits, a legend with
the scale and its unit, and the focus cell.

A view only: it paints what its ``HeatmapModel`` holds and says which cell was picked.
Arrows move the focus cell, Home and End go to a row's ends, Enter (or a click) opens it;
hovering shows the cell's exact figure; a screen reader hears the focused cell.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wa_desk.ui.common.plain_text import isolated, plain_tooltip
from wa_desk.ui.common.theme import Colors, colors, text_on
from wa_desk.ui.supervisor.heatmap_model import HeatmapModel
from wa_desk.ui.supervisor.heatmap_palette import RAMP, VIRIDIS, EmptyStyle, empty_style, level
from wa_desk.ui.supervisor.heatmap_words import exact_figure, no_figure, short_figure

RAMP_RGB = [c.rgb() for c in RAMP]
_TEXT_ON = [text_on(c).rgb() for c in RAMP]  # a figure's colour on each level
MIN_ROW_HEIGHT = 22
MAX_ROW_HEIGHT = 34
MIN_CELL_WIDTH = 6.0
PAD = 6
HOUR_STEPS = (1, 2, 3, 4, 6, 12, 24)
LEGEND_BAR_WIDTH = 220
MAX_FIGURES_KEPT = 2000  # prepared figures' words kept between refreshes
MAX_NAME_SHARE = 0.3  # of the width, at most, for the row names (longer ones elide)


@dataclass(frozen=True, slots=True)
class _Figure:
    """A figure's words prepared once: the text, its size, the colour it reads in."""

    text: QStaticText
    width: float
    height: float
    pen: int


@dataclass(frozen=True, slots=True)
class _Drawn:
    """The cells of one map as drawn: a pixel per cell (RGB32), the empty ones (row,
    column) to hatch, and each distinct figure's words."""

    pixels: bytes
    empty: list[tuple[int, int]]
    figures: dict[float | int, _Figure]


def _figure(words: str, font: QFont, place: int) -> _Figure | None:
    if not words:
        return None
    text = QStaticText(words)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.prepare(font=font)
    size = text.size()
    return _Figure(text, size.width(), size.height(), _TEXT_ON[place])


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
        self._layer: QPixmap | None = None
        self._stale = True
        # The row names and the column headers change only with the map's shape, the
        # size or the theme: while they hold, new figures are painted over the layer.
        self._frame_stale = True
        self._lines: tuple[tuple[float, ...], list[QRectF]] | None = None  # the gaps
        self._look: tuple[int, Colors, EmptyStyle] | None = None  # per palette
        self._cells_drawn: _Drawn | None = None
        self._figures_seen: dict[tuple[str, int], _Figure | None] = {}  # words, pen
        self._names_width_cache: tuple[int, int] | None = None  # (widget width, names width)
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)
        self._reset()

    # -- following the model ---------------------------------------------------------------

    def _reset(self) -> None:
        m = self.model
        self.focus_row = min(self.focus_row, max(0, m.rowCount() - 1))
        self.focus_column = min(self.focus_column, max(0, m.columnCount() - 1))
        self._cells_drawn = None
        self._names_width_cache = None
        self._stale = True
        self._frame_stale = True
        self.updateGeometry()
        self._announce()
        self.update()

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object) -> None:
        self._cells_drawn = None
        self._stale = True
        if (top_left.row() <= self.focus_row <= bottom_right.row()) and (
            top_left.column() <= self.focus_column <= bottom_right.column()
        ):
            self._announce()
        self.update()

    # -- geometry --------------------------------------------------------------------------

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def _names_width(self) -> int:
        cached = self._names_width_cache
        if cached is not None and cached[0] == self.width():
            return cached[1]
        fm = self._metrics()
        widest = max(
            (fm.horizontalAdvance(self.model.row_name(r)) for r in range(self.model.rowCount())),
            default=fm.horizontalAdvance("M" * 8),
        )
        width = min(widest + 2 * PAD + 4, max(80, int(self.width() * MAX_NAME_SHARE)))
        self._names_width_cache = (self.width(), width)
        return width

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
        ratio = self.devicePixelRatioF()
        layer = self._layer
        if (
            self._frame_stale
            or layer is None
            or layer.devicePixelRatio() != ratio
            or layer.deviceIndependentSize().toSize() != self.size()
        ):
            layer = self._layer = self.render_layer(ratio)
        elif self._stale:
            self._paint_figures_over(layer)
        self._stale = self._frame_stale = False
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, layer)
            self._paint_focus(painter)
        finally:
            painter.end()

    def render_layer(self, ratio: float) -> QPixmap:
        """Everything but the focus cell, at the screen's pixel density: a repaint (hover,
        focus, a window over it) only copies it; a new shape, size or theme redraws it,
        and new figures are painted over it (``_paint_figures_over``)."""
        layer = QPixmap(self.size() * ratio)
        layer.setDevicePixelRatio(ratio)
        layer.fill(self.palette().color(QPalette.ColorRole.Window))
        painter = QPainter(layer)
        try:
            self._paint_cells(painter)
            self._paint_row_names(painter)
            self._paint_column_headers(painter)
            self._paint_legend(painter)
        finally:
            painter.end()
        return layer

    def _paint_figures_over(self, layer: QPixmap) -> None:
        """New figures for a map of the same shape: the cells cover the whole grid and
        the legend is drawn again on clean ground, while the names and headers stay."""
        painter = QPainter(layer)
        try:
            bottom = self._grid().bottom()
            ground = self.palette().color(QPalette.ColorRole.Window)
            painter.fillRect(QRectF(0, bottom, self.width(), self.height() - bottom), ground)
            self._paint_cells(painter)
            self._paint_legend(painter)
        finally:
            painter.end()

    def _colors(self) -> tuple[Colors, EmptyStyle]:
        """The theme's colours, worked out once per palette."""
        key = self.palette().cacheKey()
        look = self._look
        if look is None or look[0] != key:
            c = colors(self.palette())
            look = self._look = (key, c, empty_style(self.palette()))
        return look[1], look[2]

    def _gaps(self, grid: QRectF, w: float, h: int, rows: int, columns: int) -> list[QRectF]:
        """The one-pixel gaps between cells (filled: cheaper than stroked lines), worked
        out once per geometry."""
        key: tuple[float, ...] = (grid.left(), grid.top(), grid.width(), w, h, rows, columns)
        if self._lines is not None and self._lines[0] == key:
            return self._lines[1]
        left, top, width, height = grid.left(), grid.top(), grid.width(), grid.height()
        gaps = [QRectF(left, top + r * h - 1, width, 1) for r in range(1, rows + 1)]
        if w >= 6:
            gaps += [QRectF(left + c * w - 1, top, 1, height) for c in range(1, columns + 1)]
        self._lines = (key, gaps)
        return gaps

    def _paint_cells(self, painter: QPainter) -> None:
        m = self.model
        rows, columns = m.rowCount(), m.columnCount()
        if rows == 0 or columns == 0:
            painter.setPen(self._colors()[0].muted)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nothing to show yet")
            )
            return
        grid, w, h = self._grid(), self._cell_width(), self._row_height()
        empty = self._colors()[1]
        drawn = self._drawn()
        # One pixel per cell, scaled up without smoothing: one draw for the whole grid.
        image = QImage(drawn.pixels, columns, rows, columns * 4, QImage.Format.Format_RGB32)
        painter.drawImage(grid, image)
        left, top = grid.left(), grid.top()
        if drawn.empty:  # the empty cells, hatched in one go
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(empty.hatch)
            painter.drawRects([QRectF(left + c * w, top + r * h, w, h) for r, c in drawn.empty])
            painter.setBrush(Qt.BrushStyle.NoBrush)
        # The gaps between cells, in the window's colour.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Window))
        painter.drawRects(self._gaps(grid, w, h, rows, columns))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self._paint_figures(painter, drawn, grid, w, h)

    def _paint_figures(
        self, painter: QPainter, drawn: _Drawn, grid: QRectF, w: float, h: int
    ) -> None:
        """Each figure inside its cell, where it fits."""
        fm = self._metrics()
        if h < fm.height() + 2 or w < fm.horizontalAdvance("0") + 5:
            return
        room = w - 5
        fits = {v: f for v, f in drawn.figures.items() if f.width <= room}
        if not fits:
            return
        left, top = grid.left() + (w - 1) / 2, grid.top() + (h - 1) / 2
        by_pen: dict[int, list[tuple[QPointF, QStaticText]]] = {}
        for r, row in enumerate(self.model.cells()):
            y = top + r * h
            for c, f in [(c, fits[v]) for c, v in enumerate(row) if v in fits]:
                at = QPointF(left + c * w - f.width / 2, y - f.height / 2)
                by_pen.setdefault(f.pen, []).append((at, f.text))
        for rgb, texts in by_pen.items():
            painter.setPen(QColor.fromRgb(rgb))
            for at, text in texts:
                painter.drawStaticText(at, text)

    def _figure(self, words: str, font: QFont, place: int) -> _Figure | None:
        """A figure's words prepared, kept while the font holds: a refresh mostly
        shows figures already seen."""
        key = (words, _TEXT_ON[place])
        if key not in self._figures_seen:
            self._figures_seen[key] = _figure(words, font, place)
            if len(self._figures_seen) > MAX_FIGURES_KEPT:
                self._figures_seen.pop(next(iter(self._figures_seen)))
        return self._figures_seen[key]

    def _drawn(self) -> _Drawn:
        """The cells as drawn: worked out once per change of figures, palette or font,
        and each distinct figure once (a map holds few)."""
        if self._cells_drawn is None:
            m = self.model
            low, high, metric, font = m.low, m.high, m.metric, self.font()
            cells = m.cells()
            rgb: dict[float | int | None, int] = {None: self._colors()[1].ground.rgb()}
            figures: dict[float | int, _Figure] = {}
            for v in {v for row in cells for v in row if v is not None}:
                place = level(v, low, high)
                rgb[v] = RAMP_RGB[place]
                if (f := self._figure(short_figure(metric, v), font, place)) is not None:
                    figures[v] = f
            pixels = array("I", [rgb[v] for row in cells for v in row]).tobytes()
            empty = [
                (r, c)
                for r, row in enumerate(cells)
                if None in row
                for c, v in enumerate(row)
                if v is None
            ]
            self._cells_drawn = _Drawn(pixels, empty, figures)
        return self._cells_drawn

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
        if m.columnCount() == 0 or m.rowCount() == 0:
            return
        grid, w = self._grid(), self._cell_width()
        fm = self._metrics()
        line = fm.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = self._colors()[0].muted
        per_hour = 4 if not m.request.weekly and m.request.bucket_s == 900 else 1
        label_width = fm.horizontalAdvance("00:00") + PAD
        step = next((s for s in HOUR_STEPS if s * per_hour * w >= label_width), 24)
        # The hour line
        painter.setPen(text)
        keys = [m.column_day_and_hour(c) for c in range(m.columnCount())]
        for c, (_day, hour, minute) in enumerate(keys):
            x = grid.left() + c * w
            if minute == 0 and hour % step == 0 and x + label_width <= self.width():
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
        look, empty = self._colors()
        swatch = QRect(x, top + 2, line - 4, line - 4)
        painter.fillRect(swatch, empty.ground)
        painter.fillRect(swatch, empty.hatch)
        painter.setPen(look.muted)
        painter.drawRect(swatch)
        painter.setPen(text)
        x = swatch.right() + PAD
        words = no_figure()
        painter.drawText(QRect(x, top, fm.horizontalAdvance(words) + 2, line), 0, words)

    def _paint_focus(self, painter: QPainter) -> None:
        if self.model.rowCount() == 0 or self.model.columnCount() == 0:
            return
        rect = self.cell_rect(self.focus_row, self.focus_column).adjusted(-1, -1, 0, 0)
        c = self._colors()[0]
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._stale = True
        self._frame_stale = True

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._figures_seen.clear()
            self._cells_drawn = None
            self._names_width_cache = None
            self._stale = True
            self._frame_stale = True
            self.update()
        super().changeEvent(event)

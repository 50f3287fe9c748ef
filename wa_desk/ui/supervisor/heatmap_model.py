"""A heat-map as a table: one row per queue or agent, one column per stretch of time,
each cell the hub's figure (None: no figure at all, which is not a zero).

A refresh of the same map (same rows and columns) changes only the cells whose figure
changed (``dataChanged`` with the value roles); another map replaces the whole table.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.core.clock import Millis
from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_full, local_datetime
from wa_desk.ui.supervisor.heatmap_range import RangeRequest, column_starts
from wa_desk.ui.supervisor.heatmap_words import exact_figure, short_figure, unit_name

Index = QModelIndex | QPersistentModelIndex
Value = float | int | None


class HeatmapRoles(IntEnum):
    VALUE = Qt.ItemDataRole.UserRole + 1  # the figure (None: empty)
    ROW_ID = Qt.ItemDataRole.UserRole + 2  # the queue or agent id of the row
    COLUMN_START = Qt.ItemDataRole.UserRole + 3  # a map by time: the column's start (ms)


_VALUE_ROLES = [
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.AccessibleTextRole),
    int(HeatmapRoles.VALUE),
]


def weekday_names() -> list[str]:
    """Monday first, short, in the UI language."""
    locale = QLocale()
    return [locale.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]


class HeatmapModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.metric = HeatmapMetric.VOLUME
        self.rows_by = HeatmapRows.QUEUE
        self.request = RangeRequest()
        self._row_ids: list[str] = []
        self._row_names: list[str] = []
        self._columns: list[str] = []
        self._starts: list[Millis] = []
        self._cells: list[list[Value]] = []
        self.low: float = 0.0
        self.high: float = 0.0

    # -- filling --------------------------------------------------------------------------

    def set_map(self, answer: dict[str, Any], rows_by: HeatmapRows, request: RangeRequest) -> None:
        """The hub's answer (``heatmap_routes``): ``metric``, ``rows``, ``columns``,
        ``cells``."""
        metric = HeatmapMetric(answer["metric"])
        ids = [str(r["id"]) for r in answer["rows"]]
        names = [str(r.get("name") or r["id"]) for r in answer["rows"]]
        columns = [str(c) for c in answer["columns"]]
        cells: list[list[Value]] = [list(r) for r in answer["cells"]]
        same_shape = (
            metric == self.metric
            and rows_by == self.rows_by
            and request.weekly == self.request.weekly
            and ids == self._row_ids
            and names == self._row_names
            and columns == self._columns
        )
        if same_shape:
            old = self._cells
            self._cells, self.request = cells, request
            self._scale()
            changed = _changed_span(old, cells)
            if changed is not None:  # one signal for the span of every changed cell
                top, left, bottom, right = changed
                self.dataChanged.emit(
                    self.index(top, left), self.index(bottom, right), _VALUE_ROLES
                )
            return
        self.beginResetModel()
        self.metric, self.rows_by, self.request = metric, rows_by, request
        self._row_ids, self._row_names, self._columns, self._cells = ids, names, columns, cells
        self._starts = [] if request.weekly else column_starts(columns)
        self._scale()
        self.endResetModel()

    def clear(self) -> None:
        """No map (another user signed in)."""
        self.beginResetModel()
        self._row_ids, self._row_names, self._columns, self._cells = [], [], [], []
        self._starts = []
        self.low = self.high = 0.0
        self.endResetModel()

    def _scale(self) -> None:
        values = [v for r in self._cells for v in r if v is not None]
        self.low = float(min(values)) if values else 0.0
        self.high = float(max(values)) if values else 0.0

    # -- reading ---------------------------------------------------------------------------

    def cells(self) -> list[list[Value]]:
        """Every figure, row by row (for painting; not to be changed)."""
        return self._cells

    def value(self, row: int, column: int) -> Value:
        return self._cells[row][column]

    def row_id(self, row: int) -> str:
        return self._row_ids[row]

    def row_name(self, row: int) -> str:
        return self._row_names[row]

    def column_start(self, column: int) -> Millis | None:
        """A map by time: the column's start; None in a weekday × hour map."""
        return self._starts[column] if self._starts else None

    def column_label(self, column: int) -> str:
        """The column in full: the local date and time it starts, or weekday and hour."""
        if self.request.weekly:
            day, hour = divmod(column, 24)
            return f"{weekday_names()[day]} {hour:02d}:00"
        return format_full(self._starts[column])[:-3]  # to the minute

    def column_day_and_hour(self, column: int) -> tuple[int, int, int]:
        """(day key, hour, minute) of a column, local time: what the header labels. The
        day key changes when the day does (a weekday index in a weekday × hour map)."""
        if self.request.weekly:
            day, hour = divmod(column, 24)
            return day, hour, 0
        when = local_datetime(self._starts[column])
        return when.date().toJulianDay(), when.time().hour(), when.time().minute()

    def day_name(self, column: int) -> str:
        if self.request.weekly:
            return weekday_names()[column // 24]
        return QLocale().toString(local_datetime(self._starts[column]).date(), "ddd d MMM")

    def unit(self) -> str:
        return unit_name(self.metric, self.request.weekly)

    def tooltip(self, row: int, column: int) -> str:
        """The exact figure, its unit, where and when (names plain, isolated)."""
        value = self._cells[row][column]
        figure = exact_figure(self.metric, value)
        unit = "" if value is None or self.metric is HeatmapMetric.FIRST_RESPONSE else self.unit()
        return (
            self.tr("%1 — %2: %3 %4")
            .replace("%1", isolated(self._row_names[row]))
            .replace("%2", self.column_label(column))
            .replace("%3", figure)
            .replace("%4", unit)
            .rstrip()
        )

    # -- Qt's table ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._row_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cells):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return short_figure(self.metric, self._cells[row][column])
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tooltip(row, column)
        if role == HeatmapRoles.VALUE:
            return self._cells[row][column]
        if role == HeatmapRoles.ROW_ID:
            return self._row_ids[row]
        if role == HeatmapRoles.COLUMN_START:
            return self.column_start(column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.column_label(section) if 0 <= section < len(self._columns) else None
        return self._row_names[section] if 0 <= section < len(self._row_names) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in HeatmapRoles})
        return names


def _changed_span(
    old: list[list[Value]], new: list[list[Value]]
) -> tuple[int, int, int, int] | None:
    """The smallest block (top, left, bottom, right) holding every cell that differs
    between two grids of one shape; None when none does."""
    rows = [r for r, (was, now) in enumerate(zip(old, new, strict=True)) if was != now]
    if not rows:
        return None
    left, right = len(new[0]), -1
    for r in rows:
        was, now = old[r], new[r]
        first = next(c for c, (a, b) in enumerate(zip(was, now, strict=True)) if a != b)
        last = (
            len(now)
            - 1
            - next(
                c
                for c, (a, b) in enumerate(zip(reversed(was), reversed(now), strict=True))
                if a != b
            )
        )
        left, right = min(left, first), max(right, last)
    return rows[0], left, rows[-1], right

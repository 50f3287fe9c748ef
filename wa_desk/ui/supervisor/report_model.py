"""The KPI table of a report: one row per group (queue, agent or day) as the hub sends
them, one column per figure (``report_figures``). Display text is the figure in words;
``ReportRoles.VALUE`` is the hub's own value, untouched."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.report_figures import FIGURES, Figure, format_figure

Index = QModelIndex | QPersistentModelIndex


class ReportRoles(IntEnum):
    VALUE = Qt.ItemDataRole.UserRole + 1  # the hub's value (the group's key in column 0)
    FIGURE = Qt.ItemDataRole.UserRole + 2  # the figure's key ("" for the group column)


def figures_for(group: ReportGroup) -> tuple[Figure, ...]:
    """The figures a report by ``group`` has (occupancy is an agent's alone)."""
    return tuple(f for f in FIGURES if group is ReportGroup.AGENT or not f.by_agent_only)


def group_label(group: ReportGroup, row: dict[str, Any]) -> str:
    """A group's name: the queue, the agent's name, or the day in the locale's words."""
    key = str(row.get("key") or "")
    if group is ReportGroup.AGENT:
        return isolated(str(row.get("name") or key))
    if group is ReportGroup.DAY:
        try:
            day = date.fromisoformat(key)
        except ValueError:
            return key
        return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")
    return key


def two_lines(title: str, longer_than: int = 12) -> str:
    """A long column title broken at the space nearest its middle (narrower columns)."""
    if len(title) <= longer_than or " " not in title:
        return title
    middle = len(title) // 2
    spaces = [n for n, ch in enumerate(title) if ch == " "]
    at = min(spaces, key=lambda n: abs(n - middle))
    return f"{title[:at]}\n{title[at + 1 :]}"


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._group = ReportGroup.QUEUE
        self._figures = figures_for(self._group)
        self._rows: list[dict[str, Any]] = []

    @property
    def group(self) -> ReportGroup:
        return self._group

    def show_report(self, group: ReportGroup, rows: list[dict[str, Any]]) -> None:
        """A new report: every row and, with another grouping, the columns change."""
        self.beginResetModel()
        self._group = group
        self._figures = figures_for(group)
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def clear(self) -> None:
        self.show_report(self._group, [])

    def figure_keys(self) -> list[str]:
        return [f.key for f in self._figures]

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._figures)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return group_label(self._group, row)
            if role == ReportRoles.VALUE:
                return row.get("key")
            if role == ReportRoles.FIGURE:
                return ""
            return None
        if not (1 <= column <= len(self._figures)):
            return None
        figure = self._figures[column - 1]
        value = row.get(figure.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_figure(figure.unit, value)
        if role == ReportRoles.VALUE:
            return value
        if role == ReportRoles.FIGURE:
            return figure.key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < self.columnCount()):
            return None
        if section == 0:
            titles = {
                ReportGroup.QUEUE: self.tr("Queue"),
                ReportGroup.AGENT: self.tr("Agent"),
                ReportGroup.DAY: self.tr("Day"),
            }
            return titles[self._group] if role == Qt.ItemDataRole.DisplayRole else None
        figure = self._figures[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return two_lines(figure.title())
        if role == Qt.ItemDataRole.ToolTipRole:
            return figure.meaning()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the hub's values (days by date, not by their words); empty figures last."""
        if not (0 <= column < self.columnCount()) or not self._rows:
            return
        key = "key" if column == 0 else self._figures[column - 1].key
        descending = order == Qt.SortOrder.DescendingOrder
        if column == 0 and self._group is ReportGroup.AGENT:
            key = "name"
        numbered = list(enumerate(self._rows))
        present = [(n, r) for n, r in numbered if r.get(key) is not None]
        empty = [(n, r) for n, r in numbered if r.get(key) is None]
        present.sort(key=lambda nr: nr[1][key], reverse=descending)
        order_now = present + empty
        self.layoutAboutToBeChanged.emit()
        moved_to = {old: new for new, (old, _r) in enumerate(order_now)}
        self._rows = [r for _n, r in order_now]
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes,
            [self.index(moved_to[i.row()], i.column()) for i in old_indexes],
        )
        self.layoutChanged.emit()

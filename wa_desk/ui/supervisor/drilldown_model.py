"""The conversations behind a heat-map cell, one row each with its figures (a report
row: ``kpi_report.conversation_row``), filled page by page as the hub gives them.

``canFetchMore`` says another page exists; ``fetchMore`` asks for it through
``moreWanted`` (the controller fetches, then ``append``s): new rows are inserted at the
end, never a reset.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_duration, format_when, parse_ms
from wa_desk.ui.supervisor.timeline_words import state_name

Index = QModelIndex | QPersistentModelIndex


def _duration(value: Any) -> str:
    return "—" if value is None else format_duration(int(value))


class DrilldownRoles(IntEnum):
    CONVERSATION_ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2  # the whole report row (a dict)


# (header, how a row's figure reads)
Column = tuple[Callable[[], str], Callable[[dict[str, Any], int], str]]

AGENTS_COLUMN = 2  # the one column of free length: it takes the room the others leave
FIRST_FIGURE_COLUMN = 4  # from here on, durations and counts (aligned to the right)


def _columns() -> list[Column]:
    return [
        (
            lambda: QCoreApplication.translate("Drilldown", "Opened"),
            lambda r, now: _when(r.get("opened_at"), now),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Queue"),
            lambda r, now: str(r.get("queue") or ""),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Agents"),
            lambda r, now: ", ".join(isolated(str(a)) for a in r["agents"]),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "State"),
            lambda r, now: state_name(r.get("state")),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "First response"),
            lambda r, now: _duration(r.get("first_response_ms")),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Resolution"),
            lambda r, now: _duration(r.get("resolution_ms")),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Handle"),
            lambda r, now: _duration(r.get("handle_ms")),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "SLA breached"),
            lambda r, now: str(r.get("sla_breached", 0)),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Abandoned"),
            lambda r, now: str(r.get("abandoned", 0)),
        ),
        (
            lambda: QCoreApplication.translate("Drilldown", "Transfers"),
            lambda r, now: str(r.get("transfers", 0)),
        ),
    ]


def two_lines(title: str) -> str:
    """A header of several words on two lines, broken at the space nearest its middle:
    ten columns share the width beside the timeline, and most of them hold a short
    figure under a longer name."""
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    if not spaces:
        return title
    middle = len(title) / 2
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{title[:cut]}\n{title[cut + 1 :]}"


def _when(value: Any, now: int) -> str:
    ms = parse_ms(value)
    return "" if ms is None else format_when(ms, now)


class DrilldownModel(QAbstractTableModel):
    moreWanted = Signal()  # the view scrolled to the end and the hub has more

    def __init__(self, now: Callable[[], int]) -> None:
        super().__init__()
        self._now = now
        self._rows: list[dict[str, Any]] = []
        self._texts: list[list[str]] = []  # each row's figures in words, worked out once
        self._columns = _columns()
        self.next: str | None = None
        self._asking = False

    def show_first(self, items: list[dict[str, Any]], next_cursor: str | None) -> None:
        """Another cell's conversations: its first page."""
        self.beginResetModel()
        self._rows = list(items)
        self._texts = self._words(self._rows)
        self.next, self._asking = next_cursor, False
        self.endResetModel()

    def append(self, items: list[dict[str, Any]], next_cursor: str | None) -> None:
        """The next page."""
        self._asking = False
        self.next = next_cursor
        if not items:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._rows.extend(items)
        self._texts.extend(self._words(items))
        self.endInsertRows()

    def _words(self, rows: list[dict[str, Any]]) -> list[list[str]]:
        now = self._now()
        return [[read(row, now) for _header, read in self._columns] for row in rows]

    def clear(self) -> None:
        self.show_first([], None)

    def conversation_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def conversation(self, row: int) -> dict[str, Any]:
        """A row's conversation as the hub listed it (not to be changed)."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == AGENTS_COLUMN:
            return self._texts[index.row()][index.column()]  # whole when cut short
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= FIRST_FIGURE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DrilldownRoles.CONVERSATION_ID:
            return str(row["id"])
        if role == DrilldownRoles.ROW:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            title = self._columns[section][0]()
            if role == Qt.ItemDataRole.DisplayRole:
                return two_lines(title)
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return title
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.next is not None and not self._asking

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._asking = True
            self.moreWanted.emit()

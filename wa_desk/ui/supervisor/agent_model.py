"""The wallboard's agents: one row per agent as the hub gives it (``GET
/api/v1/supervisor/wallboard`` and the stream's ``wallboard.changed``), one column per
figure. Rows keep the order they arrived in; the view sorts and filters through a proxy
(``AgentFilter``).

A pushed row replaces its agent's row in place (``dataChanged`` over the columns whose
figures changed) or is appended (``beginInsertRows``). Time in status and the customer's
wait grow with the clock between pushes: ``tick`` says so for those columns only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from wa_desk.core.agents import AGENT_STATUSES
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.search_fold import fold
from wa_desk.ui.common.labels import agent_status
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.supervisor.running import instant, older, running_ms, since_ms
from wa_desk.ui.supervisor.timeline_model import Day, Stretch, day_start, describe, extended

Index = QModelIndex | QPersistentModelIndex
NONE_SHOWN = "—"  # a figure with no value yet (nobody waits, nothing answered today)


class AgentColumn(IntEnum):
    NAME = 0
    STATUS = 1
    IN_STATUS = 2
    LOAD = 3  # open ÷ capacity
    HANDLED = 4
    REPLY = 5  # median next response today
    WAITING = 6  # the customer waiting on them longest
    TODAY = 7  # their status stretches since midnight, painted


_COLUMNS = tuple(AgentColumn)  # by index: no enum lookup per cell and role
_RUNNING = (AgentColumn.IN_STATUS, AgentColumn.WAITING)  # the columns the clock moves
NEVER = float("-inf")  # a running time that is not running sorts as the shortest


class AgentRoles(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the whole row
    ID = Qt.ItemDataRole.UserRole + 2
    SORT = Qt.ItemDataRole.UserRole + 3  # what the column sorts by
    STATUS = Qt.ItemDataRole.UserRole + 4  # the status code
    OPEN = Qt.ItemDataRole.UserRole + 5
    CAPACITY = Qt.ItemDataRole.UserRole + 6
    WAITING_MS = Qt.ItemDataRole.UserRole + 7  # the customer's wait now, None: nobody
    DAY = Qt.ItemDataRole.UserRole + 8  # their ``Day`` so far (the Today column)


_SORT = int(AgentRoles.SORT)

_COLUMN_FIELDS: dict[AgentColumn, tuple[str, ...]] = {
    AgentColumn.NAME: ("name", "queues"),  # the queues: the filter by queue follows them
    AgentColumn.STATUS: ("status",),
    AgentColumn.IN_STATUS: ("status", "since"),
    AgentColumn.LOAD: ("open", "capacity", "load"),
    AgentColumn.HANDLED: ("handled_today",),
    AgentColumn.REPLY: ("next_response_median_today_ms",),
    AgentColumn.WAITING: ("customer_waiting_ms", "customer_waiting_since", "taken_at"),
    AgentColumn.TODAY: (),  # the stretches come with ``show_days`` and ``status_changed``
}
_ROLES = [
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.AccessibleTextRole),
    int(Qt.ItemDataRole.ToolTipRole),
    *(int(r) for r in AgentRoles),
]
_DAY_ROLES = [
    int(Qt.ItemDataRole.AccessibleTextRole),
    int(Qt.ItemDataRole.ToolTipRole),
    int(AgentRoles.DAY),
]
DAY_REDRAWN_MS = 60_000  # how often the lasting stretches are drawn longer
_TIME_ROLES = [
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.AccessibleTextRole),
    int(AgentRoles.SORT),
    int(AgentRoles.WAITING_MS),
]


def changed_columns(old: dict[str, Any], new: dict[str, Any]) -> list[AgentColumn]:
    return [
        column
        for column, fields in _COLUMN_FIELDS.items()
        if any(old.get(f) != new.get(f) for f in fields)
    ]


def _duration(ms: Millis | None) -> str:
    return NONE_SHOWN if ms is None else format_duration(ms)


class AgentModel(QAbstractTableModel):
    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[dict[str, Any]] = []
        self._row_of: dict[str, int] = {}
        self._keys: list[tuple[Any, ...]] = []  # ``sort_keys`` of each row
        self._titles: dict[AgentColumn, str] | None = None
        self._ticked: dict[str, tuple[str, ...]] = {}  # running columns' words, last tick
        self.day_start: Millis = day_start(clock())
        self._days: dict[str, list[Stretch]] = {}  # each agent's stretches today
        self._day_drawn = clock() // DAY_REDRAWN_MS  # when the lasting ones were drawn

    # -- inputs -------------------------------------------------------------------------

    def replace(self, rows: Iterable[dict[str, Any]]) -> None:
        """A whole board, loaded (the first time, or after the stream could not resume)."""
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._keys = [sort_keys(r) for r in self._rows]
        self._row_of = {str(r["id"]): i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def apply(self, rows: Iterable[dict[str, Any]]) -> None:
        """Pushed rows: each replaces its agent's row (unless older than it), or is
        appended."""
        new: list[dict[str, Any]] = []
        changed: list[tuple[int, list[AgentColumn]]] = []
        for row in rows:
            agent_id = str(row["id"])
            at = self._row_of.get(agent_id)
            if at is None:
                new.append(dict(row))
                continue
            if older(row, self._rows[at]):
                continue
            columns = changed_columns(self._rows[at], row)
            self._rows[at] = dict(row)
            self._keys[at] = sort_keys(row)
            moved = AgentColumn.STATUS in columns or AgentColumn.IN_STATUS in columns
            if moved and self._follow_row(agent_id, row):  # their day goes on in it
                columns.append(AgentColumn.TODAY)
            if columns:
                changed.append((at, columns))
        if changed:
            # One signal for the burst, over the rows and columns it changed: a sorted
            # view sorts again once, not once per row.
            top = min(at for at, _c in changed)
            bottom = max(at for at, _c in changed)
            left = min(min(c) for _at, c in changed)
            right = max(max(c) for _at, c in changed)
            self.dataChanged.emit(self.index(top, left), self.index(bottom, right), _ROLES)
            for at, _columns in changed:  # shown now: the next tick compares with these
                self._note_shown(self._rows[at])
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for row in new:
                self._row_of[str(row["id"])] = len(self._rows)
                self._rows.append(row)
                self._keys.append(sort_keys(row))
            self.endInsertRows()

    def show_days(self, start: Millis, days: dict[str, list[Stretch]]) -> None:
        """Every agent's stretches since ``start`` (their midnight), as the hub keeps them,
        carried on to each row's status: the stream may have moved it while they were
        read."""
        self.day_start = start
        self._days = {agent: sorted(found, key=lambda s: s.start) for agent, found in days.items()}
        for agent_id, at in self._row_of.items():
            self._follow_row(agent_id, self._rows[at])
        self._days_changed(0, len(self._rows) - 1)

    def status_changed(self, agent_id: str, status: str, since: Millis) -> None:
        """An agent's status as the stream announces it: their day goes on in it."""
        at = self._row_of.get(agent_id)
        if self._extend_day(agent_id, status, since) and at is not None:
            self._days_changed(at, at)

    def _follow_row(self, agent_id: str, row: dict[str, Any]) -> bool:
        since = instant(row.get("since"))
        status = str(row.get("status") or "")
        return bool(status) and since is not None and self._extend_day(agent_id, status, since)

    def _extend_day(self, agent_id: str, status: str, since: Millis) -> bool:
        """The agent's day goes on in ``status`` from ``since``; whether it changed (not
        for what it already says, nor for a status older than its last stretch)."""
        stretches = self._days.get(agent_id, [])
        if stretches and since < stretches[-1].start:
            return False
        after = extended(stretches, status, since)
        if after is None:
            return False
        self._days[agent_id] = after
        return True

    def new_day(self) -> bool:
        """Whether the clock passed midnight since the days were read (then they are
        read again)."""
        return day_start(self._clock()) != self.day_start

    def _days_changed(self, top: int, bottom: int) -> None:
        if bottom >= top:
            today = AgentColumn.TODAY
            self.dataChanged.emit(self.index(top, today), self.index(bottom, today), _DAY_ROLES)

    def day(self, agent_id: str) -> Day:
        return Day(self.day_start, self._clock(), tuple(self._days.get(agent_id, ())))

    def _note_shown(self, r: dict[str, Any]) -> None:
        self._ticked[str(r["id"])] = tuple(self._text(r, c) for c in _RUNNING)

    def tick(self) -> None:
        """The clock moved: the times in status and the customers' waits whose words
        changed ("12 min" stays for a minute: most ticks repaint nothing)."""
        moved: dict[AgentColumn, list[int]] = {c: [] for c in _RUNNING}
        for at, r in enumerate(self._rows):
            agent_id = str(r["id"])
            shown = tuple(self._text(r, c) for c in _RUNNING)
            before = self._ticked.get(agent_id)
            self._ticked[agent_id] = shown
            for i, column in enumerate(_RUNNING):
                if before is None or before[i] != shown[i]:
                    moved[column].append(at)
        # Each running column on its own: the figures between them have not moved.
        for column, rows in moved.items():
            if rows:
                self.dataChanged.emit(
                    self.index(min(rows), column), self.index(max(rows), column), _TIME_ROLES
                )
        drawn = self._clock() // DAY_REDRAWN_MS
        if drawn != self._day_drawn:  # the lasting stretches grew by a minute
            self._day_drawn = drawn
            self._days_changed(0, len(self._rows) - 1)

    # -- queries ------------------------------------------------------------------------

    def row(self, agent_id: str) -> dict[str, Any] | None:
        at = self._row_of.get(agent_id)
        return None if at is None else self._rows[at]

    def row_number(self, agent_id: str) -> int | None:
        return self._row_of.get(agent_id)

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def waiting_ms(self, row: dict[str, Any]) -> Millis | None:
        return running_ms(row, "customer_waiting_ms", self._clock())

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in AgentRoles})
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return super().headerData(section, orientation, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.column_title(AgentColumn(section))
        return None

    def column_title(self, column: AgentColumn) -> str:
        if self._titles is None:  # the language cannot change under a window
            self._titles = self._column_titles()
        return self._titles[column]

    def _column_titles(self) -> dict[AgentColumn, str]:
        return {
            AgentColumn.NAME: self.tr("Agent"),
            AgentColumn.STATUS: self.tr("Status"),
            AgentColumn.IN_STATUS: self.tr("In status"),
            AgentColumn.LOAD: self.tr("Open ÷ capacity"),
            AgentColumn.HANDLED: self.tr("Handled today"),
            AgentColumn.REPLY: self.tr("Median reply"),
            AgentColumn.WAITING: self.tr("Customer waiting"),
            AgentColumn.TODAY: self.tr("Today"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == _SORT:  # first: a sort asks for nothing else, and often
            return self._keys[index.row()][index.column()]
        r = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole and column is AgentColumn.TODAY:
            return ""  # painted (``AgentRoles.DAY``); its words are the accessible text
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(r, column)
        if role == AgentRoles.ROW:
            return r
        if role == AgentRoles.ID:
            return str(r["id"])
        if role == AgentRoles.STATUS:
            return str(r.get("status") or "")
        if role == AgentRoles.OPEN:
            return int(r.get("open") or 0)
        if role == AgentRoles.CAPACITY:
            return int(r.get("capacity") or 0)
        if role == AgentRoles.WAITING_MS:
            return self.waiting_ms(r)
        if role == AgentRoles.DAY:
            return self.day(str(r["id"]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (
            AgentColumn.NAME,
            AgentColumn.STATUS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: dict[str, Any], column: AgentColumn) -> str:
        now = self._clock()
        if column is AgentColumn.NAME:
            return str(r.get("name") or "")
        if column is AgentColumn.STATUS:
            return agent_status(str(r.get("status") or ""))
        if column is AgentColumn.IN_STATUS:
            return _duration(since_ms(r, "since", now))
        if column is AgentColumn.LOAD:
            return (
                self.tr("%1 of %2")
                .replace("%1", str(r.get("open") or 0))
                .replace("%2", str(r.get("capacity") or 0))
            )
        if column is AgentColumn.HANDLED:
            return str(r.get("handled_today") or 0)
        if column is AgentColumn.REPLY:
            value = r.get("next_response_median_today_ms")
            return _duration(None if value is None else int(value))
        if column is AgentColumn.TODAY:
            return "; ".join(describe(s) for s in self._days.get(str(r["id"]), ()))
        return _duration(self.waiting_ms(r))

    def _tooltip(self, r: dict[str, Any], column: AgentColumn) -> str | None:
        name = str(r.get("name") or "")
        if column is AgentColumn.TODAY:
            stretches = self._days.get(str(r["id"]), ())
            if not stretches:
                return self.tr("Nothing known of %1's status today.").replace("%1", name)
            return "\n".join([name, *(describe(s) for s in stretches)])
        if column is AgentColumn.WAITING:
            waiting = self.waiting_ms(r)
            if waiting is None:
                return self.tr("No customer is waiting on %1.").replace("%1", name)
            return (
                self.tr("A customer has been waiting on %1 for %2.")
                .replace("%1", name)
                .replace("%2", format_duration(waiting))
            )
        if column is AgentColumn.REPLY:
            return self.tr("The median time %1 took to answer a customer today.").replace(
                "%1", name
            )
        if column is AgentColumn.LOAD:
            return self.tr("Conversations %1 holds now, of how many they may hold.").replace(
                "%1", name
            )
        return None


def sort_keys(r: dict[str, Any]) -> tuple[Any, ...]:
    """What each column of a row sorts by, worked out when the row arrives: a sort asks
    for them hundreds of times. The running times sort by when they began (the earlier,
    the longer), which the clock does not change."""
    status = str(r.get("status") or "")
    since = instant(r.get("since"))
    reply = r.get("next_response_median_today_ms")
    waiting = r.get("customer_waiting_ms")
    taken_at = instant(r.get("taken_at"))
    waiting_from = None if waiting is None or taken_at is None else taken_at - int(waiting)
    return (
        fold(str(r.get("name") or "")),
        AGENT_STATUSES.index(status) if status in AGENT_STATUSES else len(AGENT_STATUSES),
        NEVER if since is None else float(-since),
        float(r.get("load") or 0.0),
        int(r.get("handled_today") or 0),
        -1 if reply is None else int(reply),
        NEVER if waiting_from is None else float(-waiting_from),
        AGENT_STATUSES.index(status) if status in AGENT_STATUSES else len(AGENT_STATUSES),
    )


class AgentFilter(QSortFilterProxyModel):
    """The agents of one queue (or all), sorted by the column the supervisor chose."""

    def __init__(self, model: AgentModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: str | None = None
        self.setSourceModel(model)
        self.setSortRole(int(AgentRoles.SORT))
        self.setDynamicSortFilter(True)

    def queue(self) -> str | None:
        return self._queue

    def set_queue(self, queue: str | None) -> None:
        """Only the members of ``queue`` (None: everyone)."""
        if queue == self._queue:
            return
        self.beginFilterChange()
        self._queue = queue
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._queue is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, AgentModel)
        return self._queue in (model.row_at(source_row).get("queues") or ())

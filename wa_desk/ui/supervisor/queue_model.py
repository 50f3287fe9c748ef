"""The wallboard's queues: one row per queue as the hub gives it (``GET
/api/v1/supervisor/wallboard`` and the stream's ``wallboard.changed``), by queue name.

A pushed row replaces its queue's row in place (``dataChanged`` with the roles of the
figures that changed) or joins the list where its name sorts (``beginInsertRows``): never
a reset but for a whole board loaded again. The longest wait grows with the clock between
pushes: ``tick`` says so, with that role only.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.supervisor.queue_words import describe_queue
from wa_desk.ui.supervisor.running import older, running_ms

Index = QModelIndex | QPersistentModelIndex


class QueueRoles(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the whole row
    QUEUE = Qt.ItemDataRole.UserRole + 2
    WAITING = Qt.ItemDataRole.UserRole + 3
    LONGEST_WAIT_MS = Qt.ItemDataRole.UserRole + 4  # now, None when nobody waits
    SLA_PERCENT = Qt.ItemDataRole.UserRole + 5  # None when no clock is decided today
    FIRST_RESPONSE_MS = Qt.ItemDataRole.UserRole + 6  # the median today, None without one
    AT_RISK = Qt.ItemDataRole.UserRole + 7
    WINDOWS_CLOSING = Qt.ItemDataRole.UserRole + 8
    OPEN = Qt.ItemDataRole.UserRole + 9
    ASSIGNED = Qt.ItemDataRole.UserRole + 10
    CLOSED_TODAY = Qt.ItemDataRole.UserRole + 11


# The row's fields each role shows: a pushed row announces only the roles whose fields
# changed.
_FIELD_ROLES: dict[QueueRoles, tuple[str, ...]] = {
    QueueRoles.QUEUE: ("queue",),
    QueueRoles.WAITING: ("waiting",),
    QueueRoles.LONGEST_WAIT_MS: ("longest_wait_ms", "taken_at"),
    QueueRoles.SLA_PERCENT: ("sla_percent_today",),
    QueueRoles.FIRST_RESPONSE_MS: ("first_response_median_today_ms",),
    QueueRoles.AT_RISK: ("at_risk",),
    QueueRoles.WINDOWS_CLOSING: ("windows_closing",),
    QueueRoles.OPEN: ("open",),
    QueueRoles.ASSIGNED: ("assigned",),
    QueueRoles.CLOSED_TODAY: ("closed_today",),
}


# Roles that are a count of the row, and its field.
_COUNTS: dict[int, str] = {
    QueueRoles.WAITING: "waiting",
    QueueRoles.AT_RISK: "at_risk",
    QueueRoles.WINDOWS_CLOSING: "windows_closing",
    QueueRoles.OPEN: "open",
    QueueRoles.ASSIGNED: "assigned",
    QueueRoles.CLOSED_TODAY: "closed_today",
}


def changed_roles(old: dict[str, Any], new: dict[str, Any]) -> list[int]:
    roles = [
        int(role)
        for role, fields in _FIELD_ROLES.items()
        if any(old.get(f) != new.get(f) for f in fields)
    ]
    if roles:
        roles += [int(QueueRoles.ROW), int(Qt.ItemDataRole.DisplayRole)]
        roles.append(int(Qt.ItemDataRole.AccessibleTextRole))
    return roles


class QueueModel(QAbstractListModel):
    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[dict[str, Any]] = []
        self._names: list[str] = []  # each row's queue, ascending
        self._ticked: dict[str, str | None] = {}  # each longest wait's words, last tick

    # -- inputs -------------------------------------------------------------------------

    def replace(self, rows: Iterable[dict[str, Any]]) -> None:
        """A whole board, loaded (the first time, or after the stream could not resume)."""
        ordered = sorted(({**r} for r in rows), key=lambda r: str(r["queue"]))
        self.beginResetModel()
        self._rows = ordered
        self._names = [str(r["queue"]) for r in ordered]
        self.endResetModel()

    def apply(self, rows: Iterable[dict[str, Any]]) -> None:
        """Pushed rows: each replaces its queue's row (unless older than it), or joins
        the board."""
        changed: set[str] = set()  # by name: an insertion moves the rows after it
        changed_as: set[int] = set()
        for row in rows:
            name = str(row["queue"])
            at = self.row_of(name)
            if at is None:
                at = bisect.bisect_left(self._names, name)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, dict(row))
                self._names.insert(at, name)
                self.endInsertRows()
                continue
            if older(row, self._rows[at]):
                continue
            roles = changed_roles(self._rows[at], row)
            self._rows[at] = dict(row)
            self._note_shown(name, self._rows[at])  # the next tick compares with it
            if roles:
                changed.add(name)
                changed_as.update(roles)
        if changed:
            # One signal for the burst, over the rows it changed, with their roles.
            at_rows = [self._names.index(n) for n in changed]
            self.dataChanged.emit(
                self.index(min(at_rows)), self.index(max(at_rows)), sorted(changed_as)
            )

    def _note_shown(self, name: str, r: dict[str, Any]) -> None:
        wait = running_ms(r, "longest_wait_ms", self._clock())
        self._ticked[name] = None if wait is None else format_duration(wait)

    def tick(self) -> None:
        """The clock moved: the longest waits whose words changed ("12 min" stays for a
        minute: most ticks repaint nothing)."""
        now = self._clock()
        moved = []
        for at, r in enumerate(self._rows):
            wait = running_ms(r, "longest_wait_ms", now)
            shown = None if wait is None else format_duration(wait)
            name = self._names[at]
            if self._ticked.get(name, "") != shown:
                self._ticked[name] = shown
                moved.append(at)
        if moved:
            roles = [int(QueueRoles.LONGEST_WAIT_MS), int(Qt.ItemDataRole.AccessibleTextRole)]
            self.dataChanged.emit(self.index(min(moved)), self.index(max(moved)), roles)

    # -- queries ------------------------------------------------------------------------

    def row_of(self, queue: str) -> int | None:
        at = bisect.bisect_left(self._names, queue)
        return at if at < len(self._names) and self._names[at] == queue else None

    def queues(self) -> list[str]:
        return list(self._names)

    def row(self, queue: str) -> dict[str, Any] | None:
        at = self.row_of(queue)
        return None if at is None else self._rows[at]

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in QueueRoles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, QueueRoles.QUEUE):
            return str(r.get("queue") or "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return describe_queue(r, running_ms(r, "longest_wait_ms", self._clock()))
        if role == QueueRoles.ROW:
            return r
        if role == QueueRoles.LONGEST_WAIT_MS:
            return running_ms(r, "longest_wait_ms", self._clock())
        if role == QueueRoles.SLA_PERCENT:
            value = r.get("sla_percent_today")
            return None if value is None else float(value)
        if role == QueueRoles.FIRST_RESPONSE_MS:
            value = r.get("first_response_median_today_ms")
            return None if value is None else int(value)
        field = _COUNTS.get(role)
        return None if field is None else int(r.get(field) or 0)

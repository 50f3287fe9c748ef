"""One agent's status today, as stretches (``GET /api/v1/supervisor/agents/{id}/
status-history``): each ``status`` from ``start`` to ``end`` (None: it lasts). A status
change on the stream (``agent.status``) ends the stretch that lasted and starts the next:
one ``dataChanged`` and one inserted row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
from wa_desk.ui.common.labels import agent_status
from wa_desk.ui.common.timefmt import format_clock, parse_ms

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Stretch:
    status: str
    start: Millis
    end: Millis | None  # None: the agent is in it now


class TimelineRoles(IntEnum):
    STATUS = Qt.ItemDataRole.UserRole + 1
    START = Qt.ItemDataRole.UserRole + 2
    END = Qt.ItemDataRole.UserRole + 3  # None while it lasts


def stretches_from_api(items: Iterable[dict[str, Any]]) -> list[Stretch]:
    found = []
    for item in items:
        start = parse_ms(item.get("start"))
        if start is None:
            continue
        end = None if item.get("lasts") else parse_ms(item.get("end"))
        found.append(Stretch(str(item.get("status") or ""), start, end))
    return found


class TimelineModel(QAbstractListModel):
    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.agent_id: str | None = None
        self.agent_name = ""
        self.day_start: Millis = 0
        self._rows: list[Stretch] = []

    def show(
        self, agent_id: str | None, name: str, day_start: Millis, stretches: Iterable[Stretch]
    ) -> None:
        """``agent_id``'s day from ``day_start`` (None: nobody's)."""
        self.beginResetModel()
        self.agent_id, self.agent_name, self.day_start = agent_id, name, day_start
        self._rows = sorted(stretches, key=lambda s: s.start)
        self.endResetModel()

    def status_changed(self, agent_id: str, status: str, since: Millis) -> None:
        """The agent's status as the stream announces it."""
        if agent_id != self.agent_id:
            return
        if self._rows:
            last = self._rows[-1]
            if last.end is None and last.status == status:
                return  # said again (another replica, a resume): nothing changed
            if last.end is None:
                self._rows[-1] = replace(last, end=max(last.start, since))
                index = self.index(len(self._rows) - 1)
                self.dataChanged.emit(
                    index, index, [int(TimelineRoles.END), int(Qt.ItemDataRole.DisplayRole)]
                )
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(Stretch(status, since, None))
        self.endInsertRows()

    def stretches(self) -> list[Stretch]:
        return list(self._rows)

    def now(self) -> Millis:
        return self._clock()

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in TimelineRoles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == TimelineRoles.STATUS:
            return s.status
        if role == TimelineRoles.START:
            return s.start
        if role == TimelineRoles.END:
            return s.end
        if role == Qt.ItemDataRole.DisplayRole:
            return self.describe(s)
        return None

    def describe(self, s: Stretch) -> str:
        """ "Busy 10:05–10:40" (or "Busy since 10:05")."""
        word = agent_status(s.status)
        if s.end is None:
            return self.tr("%1 since %2").replace("%1", word).replace("%2", format_clock(s.start))
        return (
            self.tr("%1 %2–%3")
            .replace("%1", word)
            .replace("%2", format_clock(s.start))
            .replace("%3", format_clock(s.end))
        )

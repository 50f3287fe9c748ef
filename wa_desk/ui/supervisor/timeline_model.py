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
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
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


@dataclass(frozen=True)
class Day:
    """An agent's day so far, to paint: from ``start`` (this computer's midnight) to
    ``now``, its stretches oldest first."""

    start: Millis
    now: Millis
    stretches: tuple[Stretch, ...]


def day_start(now: Millis) -> Millis:
    """This computer's midnight before ``now``: where "today" starts on a timeline."""
    moment = QDateTime.fromMSecsSinceEpoch(now).toLocalTime()
    return QDateTime(moment.date(), QTime(0, 0)).toMSecsSinceEpoch()


def describe(s: Stretch) -> str:
    """ "Busy 10:05–10:40" (or "Busy since 10:05")."""
    word = agent_status(s.status)
    if s.end is None:
        text = QCoreApplication.translate("TimelineModel", "%1 since %2")
        return text.replace("%1", word).replace("%2", format_clock(s.start))
    return (
        QCoreApplication.translate("TimelineModel", "%1 %2–%3")
        .replace("%1", word)
        .replace("%2", format_clock(s.start))
        .replace("%3", format_clock(s.end))
    )


def extended(stretches: list[Stretch], status: str, since: Millis) -> list[Stretch] | None:
    """The stretches after a status change announced on the stream: the lasting one
    ends and the new one begins; None when nothing changed (the same status said again,
    by another replica or on a resume)."""
    if stretches:
        last = stretches[-1]
        if last.end is None and last.status == status:
            return None
        if last.end is None:
            stretches = [*stretches[:-1], replace(last, end=max(last.start, since))]
    return [*stretches, Stretch(status, since, None)]


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
        after = extended(self._rows, status, since)
        if after is None:
            return  # said again (another replica, a resume): nothing changed
        at = len(self._rows)
        if at and after[at - 1] != self._rows[at - 1]:  # the stretch that lasted ends
            self._rows[at - 1] = after[at - 1]
            index = self.index(at - 1)
            self.dataChanged.emit(
                index, index, [int(TimelineRoles.END), int(Qt.ItemDataRole.DisplayRole)]
            )
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(after[at])
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
        return describe(s)

"""Who a lead can hand conversations to: the members of the conversation's queue as
``GET /api/v1/agents`` lists them, each with their status and how many conversations they
hold of how many they may (the wallboard's figure), so the lead sees who has room. An
agent at their capacity is listed too, marked as full: the lead may still choose them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.ui.common.labels import agent_status
from wa_desk.ui.common.names import user_name
from wa_desk.ui.common.plain_text import isolated

Index = QModelIndex | QPersistentModelIndex
NONE_SHOWN = "—"  # how many they hold is not known (the board has not come yet)


@dataclass(frozen=True)
class Assignee:
    id: str
    name: str
    status: str
    open: int | None  # None: not known
    capacity: int | None

    @property
    def full(self) -> bool:
        """At (or past) their capacity: one more is more than they should hold."""
        return self.open is not None and self.capacity is not None and self.open >= self.capacity


def assignees(
    agents: list[dict[str, Any]],
    queues: set[str],
    load: Mapping[str, Mapping[str, Any]],
    *,
    leave_out: set[str] | None = None,
) -> list[Assignee]:
    """The members of any of ``queues`` among ``agents`` (``GET /api/v1/agents``), but
    those in ``leave_out``, by name; ``load``: the wallboard's row of each agent by id
    (``open``, ``capacity``), where the board has them."""
    found = []
    for a in agents:
        agent_id = str(a.get("id") or "")
        if not agent_id or agent_id in (leave_out or set()):
            continue
        if not queues & {str(q) for q in a.get("queues") or []}:
            continue
        row = load.get(agent_id) or {}
        capacity = row.get("capacity", a.get("capacity"))
        opened = row.get("open")
        found.append(
            Assignee(
                agent_id,
                user_name(a),
                str(a.get("status") or ""),
                None if opened is None else int(opened),
                None if capacity is None else int(capacity),
            )
        )
    return sorted(found, key=lambda x: x.name.casefold())


class AssigneeColumn(IntEnum):
    NAME = 0
    STATUS = 1
    LOAD = 2  # open ÷ capacity


class AssigneeRoles(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    FULL = Qt.ItemDataRole.UserRole + 2


class AssigneeModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Assignee] = []

    def set_assignees(self, rows: list[Assignee]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def assignee(self, row: int) -> Assignee | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, agent_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == agent_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AssigneeColumn)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in AssigneeRoles})
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AssigneeColumn):
            return super().headerData(section, orientation, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                AssigneeColumn.NAME: self.tr("Agent"),
                AssigneeColumn.STATUS: self.tr("Status"),
                AssigneeColumn.LOAD: self.tr("Open ÷ capacity"),
            }[AssigneeColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        column = AssigneeColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(a, column)
        if role == AssigneeRoles.ID:
            return a.id
        if role == AssigneeRoles.FULL:
            return a.full
        if role == Qt.ItemDataRole.ToolTipRole and column is AssigneeColumn.LOAD:
            if a.full:
                return self.tr("%1 holds as many conversations as they may already.").replace(
                    "%1", isolated(a.name)
                )
            return self.tr("Conversations %1 holds now, of how many they may hold.").replace(
                "%1", isolated(a.name)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column is AssigneeColumn.LOAD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, a: Assignee, column: AssigneeColumn) -> str:
        if column is AssigneeColumn.NAME:
            return isolated(a.name)
        if column is AssigneeColumn.STATUS:
            return agent_status(a.status) if a.status else NONE_SHOWN
        opened = NONE_SHOWN if a.open is None else str(a.open)
        capacity = NONE_SHOWN if a.capacity is None else str(a.capacity)
        text = self.tr("%1 of %2").replace("%1", opened).replace("%2", capacity)
        return self.tr("%1 (full)").replace("%1", text) if a.full else text

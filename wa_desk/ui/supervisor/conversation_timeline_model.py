"""A conversation's timeline, read-only: its messages and every action, oldest first,
appended page by page as the hub gives them (``fetchMore`` asks through ``moreWanted``).
Each item reads as one entry: when, who, what; a message's text stays plain data."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from wa_desk.ui.common.timefmt import format_full, format_when
from wa_desk.ui.supervisor.timeline_words import action_text, message_body, message_heading

Index = QModelIndex | QPersistentModelIndex


class ConversationTimelineRoles(IntEnum):
    SOURCE = Qt.ItemDataRole.UserRole + 1  # "message", "hub", "device"
    KIND = Qt.ItemDataRole.UserRole + 2  # an action's kind (AuditKind); None for a message
    AT_MS = Qt.ItemDataRole.UserRole + 3  # where it sits in time (the hub's for an action)
    TEXT = Qt.ItemDataRole.UserRole + 4  # a message's text, as written
    HEADING = Qt.ItemDataRole.UserRole + 5  # when, and who wrote it (a message) or did it
    BODY = Qt.ItemDataRole.UserRole + 6  # a message's text or what it is; None for an action
    DIRECTION = Qt.ItemDataRole.UserRole + 7  # a message's "in" or "out"; None for an action


def placed_at(item: dict[str, Any]) -> int:
    """An action is placed by when the hub received it; a message by its own time."""
    if item.get("source") == "message":
        return int(item["at_ms"])
    return int(item.get("received_at_ms") or item["at_ms"])


class ConversationTimelineModel(QAbstractListModel):
    moreWanted = Signal()

    def __init__(self, now: Callable[[], int]) -> None:
        super().__init__()
        self._now = now
        self._items: list[dict[str, Any]] = []
        self.conversation_id: str | None = None
        self.next: str | None = None
        self._asking = False

    def show_first(self, conversation_id: str | None, answer: dict[str, Any] | None) -> None:
        self.beginResetModel()
        self.conversation_id = conversation_id
        self._items = list(answer["items"]) if answer else []
        self.next = answer.get("next") if answer else None
        self._asking = False
        self.endResetModel()

    def append(self, items: list[dict[str, Any]], next_cursor: str | None) -> None:
        self._asking = False
        self.next = next_cursor
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self.endInsertRows()

    def item(self, row: int) -> dict[str, Any]:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        message = item.get("source") == "message"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = format_when(placed_at(item), self._now())
            if message:
                return f"{when}  {message_heading(item)}\n{message_body(item)}"
            return f"{when}  {action_text(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_full(placed_at(item))
        if role == ConversationTimelineRoles.SOURCE:
            return str(item.get("source"))
        if role == ConversationTimelineRoles.KIND:
            return None if message else str(item.get("kind"))
        if role == ConversationTimelineRoles.AT_MS:
            return placed_at(item)
        if role == ConversationTimelineRoles.TEXT:
            return item.get("text") if message else None
        if role == ConversationTimelineRoles.HEADING:
            when = format_when(placed_at(item), self._now())
            return f"{when}  {message_heading(item) if message else action_text(item)}"
        if role == ConversationTimelineRoles.BODY:
            return message_body(item) if message else None
        if role == ConversationTimelineRoles.DIRECTION:
            return str(item.get("direction")) if message else None
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

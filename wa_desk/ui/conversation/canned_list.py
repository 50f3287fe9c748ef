"""The canned replies that match what the agent typed in the picker, best first
(``core.canned_replies.ReplySearch``): each row reads as its name, language and shortcut, then
its text as the customer will read it (the known values filled in)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wa_desk.core.canned_replies import CannedReply, ReplySearch, fill

Index = QModelIndex | QPersistentModelIndex


class CannedRoles(IntEnum):
    REPLY = Qt.ItemDataRole.UserRole + 1
    PREVIEW = Qt.ItemDataRole.UserRole + 2  # the text with the known values filled in


class CannedReplyListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = ReplySearch(())
        self._values: Mapping[str, str] = {}
        self._query = ""
        self._shown: list[CannedReply] = []

    def set_replies(self, replies: Sequence[CannedReply], values: Mapping[str, str]) -> None:
        """The conversation's replies and the values the desktop knows there."""
        self._search = ReplySearch(replies)  # prepared once, searched on every key
        self._values = dict(values)
        self._refresh()

    def set_query(self, query: str) -> None:
        self._query = query
        self._refresh()

    def _refresh(self) -> None:
        # Another query is another ranking: no row keeps its identity.
        self.beginResetModel()
        self._shown = self._search.search(self._query)
        self.endResetModel()

    def reply(self, row: int) -> CannedReply | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def preview(self, reply: CannedReply) -> str:
        """Exactly what is inserted in the draft (and sent, once completed)."""
        return fill(reply.text, self._values)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        reply = self.reply(index.row()) if index.isValid() else None
        if reply is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._facts(reply)}\n{' '.join(self.preview(reply).split())}"
        if role in (Qt.ItemDataRole.ToolTipRole, CannedRoles.PREVIEW):
            return self.preview(reply)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._facts(reply)}. {self.preview(reply)}"
        if role == CannedRoles.REPLY:
            return reply
        return None

    @staticmethod
    def _facts(reply: CannedReply) -> str:
        parts = [reply.name, reply.language]
        if reply.shortcut:
            parts.append(f"/{reply.shortcut}")
        if reply.tags:
            parts.append(", ".join(reply.tags))
        return " · ".join(parts)

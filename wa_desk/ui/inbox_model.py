"""The agent's conversations, most recent activity first: one row per conversation dict.

Incoming updates change rows in place (``dataChanged`` with the roles that changed),
move them (``beginMoveRows``) when their activity reorders them, and insert new ones
(``beginInsertRows``): never a reset, so selection and scrolling survive the stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.timefmt import parse_ms

Index = QModelIndex | QPersistentModelIndex


class SlaLevel(IntEnum):
    NONE = 0  # nobody is waiting
    OK = 1
    WARN = 2
    LATE = 3


class InboxRoles(IntEnum):
    CONVERSATION = Qt.ItemDataRole.UserRole + 1  # the whole dict
    ID = Qt.ItemDataRole.UserRole + 2
    NAME = Qt.ItemDataRole.UserRole + 3  # contact name, or the number
    NUMBER = Qt.ItemDataRole.UserRole + 4
    PREVIEW = Qt.ItemDataRole.UserRole + 5
    UNREAD = Qt.ItemDataRole.UserRole + 6
    QUEUE = Qt.ItemDataRole.UserRole + 7
    STATE = Qt.ItemDataRole.UserRole + 8
    ASSIGNEE = Qt.ItemDataRole.UserRole + 9  # user id or None
    ASSIGNEE_NAME = Qt.ItemDataRole.UserRole + 10
    LAST_ACTIVITY = Qt.ItemDataRole.UserRole + 11  # epoch ms
    # Time roles: derived from the clock, refreshed by ``refresh_times``.
    WAITING_MS = Qt.ItemDataRole.UserRole + 20  # None when nobody waits
    SLA_LEVEL = Qt.ItemDataRole.UserRole + 21
    WINDOW_LEFT_MS = Qt.ItemDataRole.UserRole + 22  # None: the customer never wrote


TIME_ROLES = (InboxRoles.WAITING_MS, InboxRoles.SLA_LEVEL, InboxRoles.WINDOW_LEFT_MS)
_ALL_DATA_ROLES = [int(r) for r in InboxRoles] + [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
]


def _activity(conversation: dict[str, Any]) -> Millis:
    return parse_ms(conversation.get("last_message_at")) or 0


def _sort_key(conversation: dict[str, Any]) -> tuple[int, str]:
    # Most recent first; the id breaks ties so the order is total and stable.
    return (-_activity(conversation), str(conversation["id"]))


class InboxModel(QAbstractListModel):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], Millis] = now_ms,
        sla_warn_ms: Millis = 5 * 60_000,
        sla_late_ms: Millis = 15 * 60_000,
    ) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._clock = clock
        self.sla_warn_ms = sla_warn_ms
        self.sla_late_ms = sla_late_ms

    # -- inputs -------------------------------------------------------------------------

    def upsert(self, conversations: Iterable[dict[str, Any]]) -> None:
        """Insert new conversations and update known ones in place."""
        for conversation in conversations:
            self._upsert_one(dict(conversation))

    def remove(self, ids: Iterable[str]) -> None:
        for conversation_id in ids:
            row = self.row_of(conversation_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def refresh_times(self, first: int = 0, last: int | None = None) -> None:
        """Announce that the clock moved for rows ``first..last`` (the visible ones)."""
        if not self._rows:
            return
        last = len(self._rows) - 1 if last is None else min(last, len(self._rows) - 1)
        first = max(0, first)
        if first > last:
            return
        self.dataChanged.emit(self.index(first), self.index(last), [int(r) for r in TIME_ROLES])

    # -- queries ------------------------------------------------------------------------

    def row_of(self, conversation_id: str) -> int | None:
        for row, conversation in enumerate(self._rows):
            if conversation["id"] == conversation_id:
                return row
        return None

    def conversation(self, conversation_id: str) -> dict[str, Any] | None:
        row = self.row_of(conversation_id)
        return None if row is None else self._rows[row]

    def ids(self) -> list[str]:
        return [str(c["id"]) for c in self._rows]

    def total_unread(self) -> int:
        return sum(int(c.get("unread") or 0) for c in self._rows)

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, bytes]:
        names = super().roleNames()
        names.update({int(r): r.name.lower().encode() for r in InboxRoles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        contact = c.get("contact") or {}
        number = str(contact.get("wa_id") or "")
        name = contact.get("name") or (f"+{number}" if number else "")
        if role in (Qt.ItemDataRole.DisplayRole, InboxRoles.NAME):
            return name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{name}, {c.get('last_message_preview') or ''}"
        if role == InboxRoles.CONVERSATION:
            return c
        if role == InboxRoles.ID:
            return c["id"]
        if role == InboxRoles.NUMBER:
            return number
        if role == InboxRoles.PREVIEW:
            return " ".join(str(c.get("last_message_preview") or "").split())
        if role == InboxRoles.UNREAD:
            return int(c.get("unread") or 0)
        if role == InboxRoles.QUEUE:
            return c.get("queue") or ""
        if role == InboxRoles.STATE:
            return c.get("state") or ""
        if role == InboxRoles.ASSIGNEE:
            return c.get("assignee")
        if role == InboxRoles.ASSIGNEE_NAME:
            return c.get("assignee_name") or ""
        if role == InboxRoles.LAST_ACTIVITY:
            return _activity(c)
        if role == InboxRoles.WAITING_MS:
            return self._waiting_ms(c)
        if role == InboxRoles.SLA_LEVEL:
            return int(self._sla_level(self._waiting_ms(c)))
        if role == InboxRoles.WINDOW_LEFT_MS:
            expires = parse_ms(c.get("window_expires_at"))
            return None if expires is None else max(0, expires - self._clock())
        return None

    # -- internals --------------------------------------------------------------------------

    def _waiting_ms(self, c: dict[str, Any]) -> Millis | None:
        since = parse_ms(c.get("waiting_since"))
        if since is None or c.get("state") == "closed":
            return None
        return max(0, self._clock() - since)

    def _sla_level(self, waiting: Millis | None) -> SlaLevel:
        if waiting is None:
            return SlaLevel.NONE
        if waiting > self.sla_late_ms:
            return SlaLevel.LATE
        if waiting > self.sla_warn_ms:
            return SlaLevel.WARN
        return SlaLevel.OK

    def _target_row(self, conversation: dict[str, Any], skip: int | None) -> int:
        """Where ``conversation`` belongs, counting rows without row ``skip``."""
        key = _sort_key(conversation)
        lo, hi = 0, len(self._rows) - (0 if skip is None else 1)
        while lo < hi:
            mid = (lo + hi) // 2
            actual = mid if skip is None or mid < skip else mid + 1
            if _sort_key(self._rows[actual]) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _upsert_one(self, conversation: dict[str, Any]) -> None:
        row = self.row_of(conversation["id"])
        if row is None:
            at = self._target_row(conversation, None)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, conversation)
            self.endInsertRows()
            return
        old = self._rows[row]
        if old == conversation:
            return
        target = self._target_row(conversation, row)
        if target != row:
            # beginMoveRows counts the destination before the row is taken out.
            destination = target if target < row else target + 1
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            self._rows.insert(target, self._rows.pop(row))
            self.endMoveRows()
            row = target
        self._rows[row] = conversation
        index = self.index(row)
        self.dataChanged.emit(index, index, _changed_roles(old, conversation))


_FIELD_ROLES: dict[str, tuple[int, ...]] = {
    "contact": (InboxRoles.NAME, InboxRoles.NUMBER, Qt.ItemDataRole.DisplayRole),
    "last_message_preview": (InboxRoles.PREVIEW, Qt.ItemDataRole.AccessibleTextRole),
    "unread": (InboxRoles.UNREAD,),
    "queue": (InboxRoles.QUEUE,),
    "state": (InboxRoles.STATE, InboxRoles.WAITING_MS, InboxRoles.SLA_LEVEL),
    "assignee": (InboxRoles.ASSIGNEE,),
    "assignee_name": (InboxRoles.ASSIGNEE_NAME,),
    "last_message_at": (InboxRoles.LAST_ACTIVITY,),
    "waiting_since": (InboxRoles.WAITING_MS, InboxRoles.SLA_LEVEL),
    "window_expires_at": (InboxRoles.WINDOW_LEFT_MS,),
}


def _changed_roles(old: dict[str, Any], new: dict[str, Any]) -> list[int]:
    roles: set[int] = {int(InboxRoles.CONVERSATION)}
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            roles.update(int(r) for r in _FIELD_ROLES.get(key, ()))
    return sorted(roles)

"""The agent's conversations, most recent activity first: one row per conversation dict.

Incoming updates change rows in place (``dataChanged`` with the roles that changed),
move them (``beginMoveRows``) when their activity reorders them, and insert new ones
(``beginInsertRows``): never a reset, so selection and scrolling survive the stream.

Rows are found by id through their sort key (a dict, then a bisection of the sorted
keys), and new conversations arriving together go in as contiguous blocks: the first
load of a large cache is one insertion, not thousands that each re-filter the view.
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
from wa_desk.ui.common.names import contact_name
from wa_desk.ui.common.timefmt import parse_ms

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


SortKey = tuple[int, str]


def _sort_key(conversation: dict[str, Any]) -> SortKey:
    # Most recent first; the id breaks ties so the order is total and stable (and each
    # row's key is unique, which is what lets ``row_of`` bisect).
    return (-_activity(conversation), str(conversation["id"]))


def _unread(conversation: dict[str, Any]) -> int:
    return int(conversation.get("unread") or 0)


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
        self._keys: list[SortKey] = []  # _sort_key of each row, ascending
        self._key_of: dict[str, SortKey] = {}  # conversation id -> its row's key
        self._unread_total = 0
        self._search_text: dict[str, str] = {}  # id -> what the filter searches, casefolded
        self._clock = clock
        self.sla_warn_ms = sla_warn_ms
        self.sla_late_ms = sla_late_ms

    # -- inputs -------------------------------------------------------------------------

    def upsert(self, conversations: Iterable[dict[str, Any]]) -> None:
        """Insert new conversations and update known ones in place."""
        new: dict[str, dict[str, Any]] = {}
        for conversation in conversations:
            conversation_id = str(conversation["id"])
            if conversation_id in self._key_of:
                self._update_one(dict(conversation))
            else:
                new[conversation_id] = dict(conversation)  # the last copy of an id wins
        if new:
            self._insert_new(sorted((_sort_key(c), c) for c in new.values()))

    def remove(self, ids: Iterable[str]) -> None:
        for conversation_id in ids:
            row = self.row_of(conversation_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            self._unread_total -= _unread(self._rows[row])
            del self._rows[row]
            del self._keys[row]
            del self._key_of[conversation_id]
            self._search_text.pop(conversation_id, None)
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
        key = self._key_of.get(conversation_id)
        return None if key is None else bisect.bisect_left(self._keys, key)

    def conversation(self, conversation_id: str) -> dict[str, Any] | None:
        row = self.row_of(conversation_id)
        return None if row is None else self._rows[row]

    def conversation_at(self, row: int) -> dict[str, Any]:
        """The conversation dict of ``row`` (for the filter: no index, no role lookup)."""
        return self._rows[row]

    def search_text(self, row: int) -> str:
        """Name, number and preview of ``row`` as the inbox search matches them."""
        c = self._rows[row]
        text = self._search_text.get(c["id"])
        if text is None:
            contact = c.get("contact") or {}
            number = str(contact.get("wa_id") or "")
            name = contact_name(contact)
            preview = " ".join(str(c.get("last_message_preview") or "").split())
            text = self._search_text[c["id"]] = f"{name} {number} {preview}".casefold()
        return text

    def ids(self) -> list[str]:
        return [str(c["id"]) for c in self._rows]

    def total_unread(self) -> int:
        return self._unread_total

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in InboxRoles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        contact = c.get("contact") or {}
        name = contact_name(contact)
        if role in (Qt.ItemDataRole.DisplayRole, InboxRoles.NAME):
            return name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{name}, {c.get('last_message_preview') or ''}"
        if role == InboxRoles.CONVERSATION:
            return c
        if role == InboxRoles.ID:
            return c["id"]
        if role == InboxRoles.NUMBER:
            return str(contact.get("wa_id") or "")
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

    def _insert_new(self, keyed: list[tuple[SortKey, dict[str, Any]]]) -> None:
        """Insert conversations not in the model yet (sorted by key), one block per run
        that lands between the same two existing rows."""
        keys = [key for key, _ in keyed]
        conversations = [conversation for _, conversation in keyed]
        i = 0
        while i < len(conversations):
            at = bisect.bisect_left(self._keys, keys[i])
            j = bisect.bisect_left(keys, self._keys[at], i) if at < len(self._keys) else len(keys)
            self.beginInsertRows(QModelIndex(), at, at + j - i - 1)
            self._rows[at:at] = conversations[i:j]
            self._keys[at:at] = keys[i:j]
            for conversation, key in zip(conversations[i:j], keys[i:j], strict=True):
                self._key_of[key[1]] = key
                self._unread_total += _unread(conversation)
            self.endInsertRows()
            i = j

    def _update_one(self, conversation: dict[str, Any]) -> None:
        row = self.row_of(conversation["id"])
        assert row is not None
        old = self._rows[row]
        if old == conversation:
            return
        key = _sort_key(conversation)
        if key != self._keys[row]:
            # Where the row belongs once taken out of its place.
            target = bisect.bisect_left(self._keys, key, 0, row)
            if target == row:
                target = bisect.bisect_left(self._keys, key, row + 1) - 1
            if target != row:
                # beginMoveRows counts the destination before the row is taken out.
                destination = target if target < row else target + 1
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
                self._rows.insert(target, self._rows.pop(row))
                self._keys.insert(target, self._keys.pop(row))
                self._keys[target] = key
                self._key_of[key[1]] = key
                self.endMoveRows()
                row = target
            else:
                self._keys[row] = key
                self._key_of[key[1]] = key
        self._unread_total += _unread(conversation) - _unread(old)
        self._search_text.pop(conversation["id"], None)
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

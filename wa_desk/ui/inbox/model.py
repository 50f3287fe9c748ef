"""The agent's conversations: one row per conversation dict, in the chosen order (the
customer who has waited longest first, by default; or the newest activity first).

Incoming updates change rows in place (``dataChanged`` with the roles that changed),
move them (``beginMoveRows``) when their activity reorders them, and insert new ones
(``beginInsertRows``): never a reset, so selection and scrolling survive the stream.
Only choosing another order sorts every row again (one layout change).

Rows are found by id through their sort key (a dict, then a bisection of the sorted
keys), and new conversations arriving together go in as contiguous blocks: the first
load of a large cache is one insertion, not thousands that each re-filter the view.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.policy_entries import ALL_QUEUES
from wa_desk.core.search_fold import fold
from wa_desk.core.sla import SlaPolicy, SlaState, sla_state
from wa_desk.ui.common.names import contact_name
from wa_desk.ui.common.timefmt import format_duration, parse_ms

Index = QModelIndex | QPersistentModelIndex


class SlaLevel(IntEnum):
    """How a customer's wait for a first response stands against the queue's target, in
    the queue's business time (``core/sla.py``)."""

    NONE = 0  # nobody is waiting
    OK = 1  # within target, or the queue has no first-response target
    WARN = 2  # at risk: past the policy's at-risk share of the target
    LATE = 3  # breached: past the target


_LEVEL_OF_STATE = {
    SlaState.OK: SlaLevel.OK,
    SlaState.AT_RISK: SlaLevel.WARN,
    SlaState.BREACHED: SlaLevel.LATE,
}


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


class InboxOrder(StrEnum):
    WAITING = "waiting"  # the customer who has waited longest first
    ACTIVITY = "activity"  # the newest message first


def _activity(conversation: dict[str, Any]) -> Millis:
    return parse_ms(conversation.get("last_message_at")) or 0


def _waiting_since(conversation: dict[str, Any]) -> Millis | None:
    """Since when the customer waits: the hub's ``waiting_since`` is their oldest message
    not answered yet (a later message does not move it), None once an agent answers."""
    if conversation.get("state") == "closed":
        return None
    return parse_ms(conversation.get("waiting_since"))


def _target_of_wait(policy: SlaPolicy, conversation: dict[str, Any]) -> int | None:
    """The target a wait is judged by, in seconds (docs/kpis.md): the first response until
    an agent first answered the conversation, the next response after that."""
    if conversation.get("first_response_at"):
        return policy.next_response_s
    return policy.first_response_s


SortKey = tuple[int, int, str]


def _sort_key(conversation: dict[str, Any], order: InboxOrder) -> SortKey:
    # The id breaks ties so the order is total and stable (and each row's key is unique,
    # which is what lets ``row_of`` bisect).
    conversation_id = str(conversation["id"])
    if order is InboxOrder.WAITING:
        since = _waiting_since(conversation)
        if since is not None:
            return (0, since, conversation_id)  # waiting, the longest first
        return (1, -_activity(conversation), conversation_id)  # then nobody waits
    return (0, -_activity(conversation), conversation_id)


def _unread(conversation: dict[str, Any]) -> int:
    return int(conversation.get("unread") or 0)


class InboxModel(QAbstractListModel):
    countsChanged = Signal()  # how many rows are in each state (``count``) changed

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], Millis] = now_ms,
        order: InboxOrder = InboxOrder.WAITING,
    ) -> None:
        super().__init__(parent)
        self._order = order
        self._rows: list[dict[str, Any]] = []
        self._keys: list[SortKey] = []  # _sort_key of each row, ascending
        self._key_of: dict[str, SortKey] = {}  # conversation id -> its row's key
        self._unread_total = 0
        # Rows by state, and assigned rows by assignee: the view buttons' counts, kept
        # as rows come and go so that showing them never walks the list.
        self._states: Counter[str] = Counter()
        self._assigned_to: Counter[str] = Counter()
        self._counts_dirty = False
        self._search_text: dict[str, str] = {}  # id -> what the filter searches, folded
        self._clock = clock
        self._sla: dict[str, SlaPolicy] = {}  # queue (or ``*``) -> its service levels
        # id -> its times in words as last announced (``refresh_times``)
        self._times_shown: dict[str, tuple[str | None, int, str | None]] = {}

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
            self._insert_new(sorted((_sort_key(c, self._order), c) for c in new.values()))
        self._counts_maybe_changed()

    def remove(self, ids: Iterable[str]) -> None:
        for conversation_id in ids:
            row = self.row_of(conversation_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            self._unread_total -= _unread(self._rows[row])
            self._tally(self._rows[row], -1)
            del self._rows[row]
            del self._keys[row]
            del self._key_of[conversation_id]
            self._search_text.pop(conversation_id, None)
            self._times_shown.pop(conversation_id, None)
            self.endRemoveRows()
        self._counts_maybe_changed()

    def set_service_levels(self, policies: Iterable[SlaPolicy]) -> None:
        """The policy's service levels (``[[policy.sla]]``): each waiting row is coloured
        by its first-response clock against its queue's target."""
        sla = {p.queue: p for p in policies}
        if sla == self._sla:
            return
        self._sla = sla
        if self._rows:
            last = self.index(len(self._rows) - 1)
            self.dataChanged.emit(self.index(0), last, [int(InboxRoles.SLA_LEVEL)])

    def order(self) -> InboxOrder:
        return self._order

    def set_order(self, order: InboxOrder) -> None:
        """Sort every row again: one layout change, selection and scrolling kept."""
        if order is self._order:
            return
        self._order = order
        keyed = sorted(
            ((_sort_key(c, order), row) for row, c in enumerate(self._rows)),
            key=lambda pair: pair[0],
        )
        self.layoutAboutToBeChanged.emit()
        new_row_of = [0] * len(keyed)
        for new_row, (_key, old_row) in enumerate(keyed):
            new_row_of[old_row] = new_row
        self._rows = [self._rows[old_row] for _key, old_row in keyed]
        self._keys = [key for key, _row in keyed]
        self._key_of = {key[2]: key for key in self._keys}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row_of[i.row()]) if i.isValid() else i for i in old]
        )
        self.layoutChanged.emit()

    def refresh_times(self, first: int = 0, last: int | None = None) -> None:
        """The clock moved: rows ``first..last`` (the visible ones) whose shown times
        changed words ("3 min" to "4 min", a colour, the window's countdown) are
        announced, in runs of consecutive rows; the others are not repainted."""
        if not self._rows:
            return
        last = len(self._rows) - 1 if last is None else min(last, len(self._rows) - 1)
        first = max(0, first)
        shown = self._times_shown
        roles = [int(r) for r in TIME_ROLES]
        run_start: int | None = None
        for row in range(first, last + 2):
            changed = False
            if row <= last:
                c = self._rows[row]
                words = self._time_words(c)
                changed = shown.get(c["id"]) != words
                shown[c["id"]] = words
            if changed and run_start is None:
                run_start = row
            elif not changed and run_start is not None:
                self.dataChanged.emit(self.index(run_start), self.index(row - 1), roles)
                run_start = None

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
            text = self._search_text[c["id"]] = fold(f"{name} {number} {preview}")
        return text

    def ids(self) -> list[str]:
        return [str(c["id"]) for c in self._rows]

    def total_unread(self) -> int:
        return self._unread_total

    def count(self, state: str | None = None, assignee: str | None = None) -> int:
        """Rows in ``state`` (every row when None); with ``assignee``, assigned to them."""
        if assignee is not None:
            return self._assigned_to[assignee] if state in (None, "assigned") else 0
        return len(self._rows) if state is None else self._states[state]

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
            return int(self._sla_level(c))
        if role == InboxRoles.WINDOW_LEFT_MS:
            expires = parse_ms(c.get("window_expires_at"))
            return None if expires is None else max(0, expires - self._clock())
        return None

    # -- internals --------------------------------------------------------------------------

    def _time_words(self, c: dict[str, Any]) -> tuple[str | None, int, str | None]:
        """What a row shows of the clock: the wait in words, its SLA colour, the window's
        countdown in words (as ``InboxDelegate`` writes them)."""
        waiting = self._waiting_ms(c)
        expires = parse_ms(c.get("window_expires_at"))
        left = None if expires is None else format_duration(max(0, expires - self._clock()))
        wait = None if waiting is None else format_duration(waiting)
        return wait, int(self._sla_level(c)), left

    def _tally(self, c: dict[str, Any], step: int) -> None:
        state = str(c.get("state") or "")
        self._states[state] += step
        self._counts_dirty = True
        if state == "assigned" and c.get("assignee"):
            self._assigned_to[str(c["assignee"])] += step

    def _counts_maybe_changed(self) -> None:
        """One ``countsChanged`` per change of the model, however many rows it touched."""
        if self._counts_dirty:
            self._counts_dirty = False
            self.countsChanged.emit()

    def _waiting_ms(self, c: dict[str, Any]) -> Millis | None:
        since = parse_ms(c.get("waiting_since"))
        if since is None or c.get("state") == "closed":
            return None
        return max(0, self._clock() - since)

    def _sla_level(self, c: dict[str, Any]) -> SlaLevel:
        since = _waiting_since(c)
        if since is None:
            return SlaLevel.NONE
        policy = self._sla.get(str(c.get("queue") or "")) or self._sla.get(ALL_QUEUES)
        target_s = None if policy is None else _target_of_wait(policy, c)
        if policy is None or target_s is None:
            return SlaLevel.OK
        state = sla_state(target_s * 1000, policy.at_risk, policy.hours, since, self._clock())
        return _LEVEL_OF_STATE[state]

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
                self._key_of[key[2]] = key
                self._unread_total += _unread(conversation)
                self._tally(conversation, 1)
            self.endInsertRows()
            i = j

    def _update_one(self, conversation: dict[str, Any]) -> None:
        row = self.row_of(conversation["id"])
        assert row is not None
        old = self._rows[row]
        if old == conversation:
            return
        key = _sort_key(conversation, self._order)
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
                self._key_of[key[2]] = key
                self.endMoveRows()
                row = target
            else:
                self._keys[row] = key
                self._key_of[key[2]] = key
        self._unread_total += _unread(conversation) - _unread(old)
        if (old.get("state"), old.get("assignee")) != (
            conversation.get("state"),
            conversation.get("assignee"),
        ):
            self._tally(old, -1)
            self._tally(conversation, 1)
        self._search_text.pop(conversation["id"], None)
        self._rows[row] = conversation
        index = self.index(row)
        self.dataChanged.emit(index, index, _changed_roles(old, conversation))


_FIELD_ROLES: dict[str, tuple[int, ...]] = {
    "contact": (InboxRoles.NAME, InboxRoles.NUMBER, Qt.ItemDataRole.DisplayRole),
    "last_message_preview": (InboxRoles.PREVIEW, Qt.ItemDataRole.AccessibleTextRole),
    "unread": (InboxRoles.UNREAD,),
    "queue": (InboxRoles.QUEUE, InboxRoles.SLA_LEVEL),
    "state": (InboxRoles.STATE, InboxRoles.WAITING_MS, InboxRoles.SLA_LEVEL),
    "assignee": (InboxRoles.ASSIGNEE,),
    "assignee_name": (InboxRoles.ASSIGNEE_NAME,),
    "last_message_at": (InboxRoles.LAST_ACTIVITY,),
    "waiting_since": (InboxRoles.WAITING_MS, InboxRoles.SLA_LEVEL),
    "first_response_at": (InboxRoles.SLA_LEVEL,),
    "window_expires_at": (InboxRoles.WINDOW_LEFT_MS,),
}


def _changed_roles(old: dict[str, Any], new: dict[str, Any]) -> list[int]:
    roles: set[int] = {int(InboxRoles.CONVERSATION)}
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            roles.update(int(r) for r in _FIELD_ROLES.get(key, ()))
    return sorted(roles)

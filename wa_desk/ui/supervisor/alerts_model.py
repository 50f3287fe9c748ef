"""The alerts a lead sees, grouped by kind: a tree of two levels, one group row per kind
(its heading and how many alerts it holds) with its alerts under it.

Groups come in order of their most severe alert, then of the kinds' order; inside a group
the most severe alert comes first, then the newest. A screen reader hears a group as its
heading and count, and each alert as one sentence: severity, what happens, about whom,
since when and what a lead did about it (``AccessibleTextRole``).

An incoming alert changes its row in place (``dataChanged`` with the roles that changed),
moves it (``beginMoveRows``) when its severity reorders it, or inserts it; one that no
longer belongs (another state than the one shown) is removed. Only a new choice of state
loads the whole list again (one reset).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.core.alert_kinds import SEVERITY_RANK, AlertKind, AlertSeverity, AlertState
from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.app.alerts import describe_alert
from wa_desk.ui.common.plain_text import isolated, plain_tooltip
from wa_desk.ui.common.timefmt import format_when, parse_ms
from wa_desk.ui.supervisor.alert_words import (
    OpenKind,
    Subject,
    kind_heading,
    severity_word,
    subject_of,
)

Index = QModelIndex | QPersistentModelIndex
Alert = dict[str, Any]


class AlertRoles(IntEnum):
    ALERT = Qt.ItemDataRole.UserRole + 1  # the alert dict; None on a group row
    ID = Qt.ItemDataRole.UserRole + 2  # int; None on a group row
    KIND = Qt.ItemDataRole.UserRole + 3
    SEVERITY = Qt.ItemDataRole.UserRole + 4  # a group's: its most severe alert's
    STATE = Qt.ItemDataRole.UserRole + 5
    TITLE = Qt.ItemDataRole.UserRole + 6  # the alert's sentence; a group's heading
    SUBJECT = Qt.ItemDataRole.UserRole + 7  # whom or what it is about, names isolated
    SINCE = Qt.ItemDataRole.UserRole + 8  # epoch ms it was first raised
    COUNT = Qt.ItemDataRole.UserRole + 9  # a group: its alerts; an alert: times seen
    HANDLED = Qt.ItemDataRole.UserRole + 10  # "Acknowledged at ..." / "Snoozed until ...", or ""
    OPENS = Qt.ItemDataRole.UserRole + 11  # alert_words.OpenKind value, or None
    TARGET = Qt.ItemDataRole.UserRole + 12  # the conversation, queue or agent id it opens
    IS_GROUP = Qt.ItemDataRole.UserRole + 13
    DETAIL = Qt.ItemDataRole.UserRole + 14  # facts, when, and the next step
    SINCE_TEXT = Qt.ItemDataRole.UserRole + 15  # "since 10:32", in the UI's language


_TEXT_ROLES = (
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.AccessibleTextRole),
    int(Qt.ItemDataRole.ToolTipRole),
    int(AlertRoles.TITLE),
    int(AlertRoles.DETAIL),
)
# Which roles each of the alert's fields feeds (``dataChanged`` carries only those).
_FIELD_ROLES: dict[str, tuple[int, ...]] = {
    "severity": (int(AlertRoles.SEVERITY), *_TEXT_ROLES),
    "state": (int(AlertRoles.STATE), int(AlertRoles.HANDLED), *_TEXT_ROLES),
    "count": (int(AlertRoles.COUNT), *_TEXT_ROLES),
    "at": (int(AlertRoles.SINCE), int(AlertRoles.SINCE_TEXT), *_TEXT_ROLES),
    "last_at": _TEXT_ROLES,
    "details": (int(AlertRoles.SUBJECT), int(AlertRoles.TARGET), *_TEXT_ROLES),
    "subject": (int(AlertRoles.SUBJECT), int(AlertRoles.TARGET), *_TEXT_ROLES),
    "message": _TEXT_ROLES,
    "acknowledged": (int(AlertRoles.HANDLED), *_TEXT_ROLES),
    "snoozed": (int(AlertRoles.HANDLED), *_TEXT_ROLES),
}
_KIND_ORDER = {kind.value: i for i, kind in enumerate(AlertKind)}


def _rank(alert: Mapping[str, Any]) -> int:
    try:
        return SEVERITY_RANK[AlertSeverity(str(alert.get("severity")))]
    except ValueError:
        return SEVERITY_RANK[AlertSeverity.WARNING]


def _alert_key(alert: Mapping[str, Any]) -> tuple[int, int]:
    """The most severe first, then the newest (ids grow with time)."""
    return (-_rank(alert), -int(alert["id"]))


def _changed_roles(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[int]:
    roles = {int(AlertRoles.ALERT)}
    for key in set(old) | set(new):
        if old.get(key) != new.get(key):
            roles.update(_FIELD_ROLES.get(key, ()))
    return sorted(roles)


@dataclass
class _Group:
    kind: str
    key: int  # the internal id of its alerts' indexes (stable while the group lives)
    alerts: list[Alert] = field(default_factory=list)  # in ``_alert_key`` order

    def rank(self) -> int:
        return max((_rank(a) for a in self.alerts), default=0)

    def order(self) -> tuple[int, int, str]:
        return (-self.rank(), _KIND_ORDER.get(self.kind, len(_KIND_ORDER)), self.kind)

    def row_of(self, alert_id: int) -> int | None:
        for row, alert in enumerate(self.alerts):
            if alert["id"] == alert_id:
                return row
        return None


class AlertsModel(QAbstractItemModel):
    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._groups: list[_Group] = []
        self._by_key: dict[int, _Group] = {}
        self._by_kind: dict[str, _Group] = {}
        self._kind_of: dict[int, str] = {}  # alert id -> its group's kind
        self._next_key = 1
        self._customers: dict[str, str] = {}  # conversation id -> the customer's name
        self._state: str = AlertState.OPEN.value  # what belongs: a state, or "all"

    # -- inputs -------------------------------------------------------------------------

    def show(self, state: str, alerts: Iterable[Mapping[str, Any]]) -> None:
        """A new list: the alerts of ``state`` (an ``AlertState`` value or ``all``)."""
        self.beginResetModel()
        self._state = state
        self._groups, self._by_key, self._by_kind, self._kind_of = [], {}, {}, {}
        for alert in alerts:
            kind = str(alert.get("kind"))
            group = self._by_kind.get(kind) or self._new_group(kind)
            group.alerts.append(dict(alert))
            self._kind_of[int(alert["id"])] = group.kind
        self._groups = list(self._by_kind.values())
        for group in self._groups:
            group.alerts.sort(key=_alert_key)
        self._groups.sort(key=_Group.order)
        self.endResetModel()

    def state(self) -> str:
        return self._state

    def belongs(self, alert: Mapping[str, Any]) -> bool:
        return self._state not in {s.value for s in AlertState} or alert.get("state") == self._state

    def apply(self, alerts: Iterable[Mapping[str, Any]]) -> None:
        """Alerts as the hub now has them: updated in place, moved, inserted, or removed
        when they no longer belong to the state shown."""
        for alert in alerts:
            if self.belongs(alert):
                self._upsert(dict(alert))
            else:
                self.remove(int(alert["id"]))

    def remove(self, alert_id: int) -> None:
        kind = self._kind_of.get(alert_id)
        if kind is None:
            return
        group = self._by_kind[kind]
        group_row = self._groups.index(group)
        row = group.row_of(alert_id)
        assert row is not None
        self.beginRemoveRows(self.createIndex(group_row, 0, 0), row, row)
        del group.alerts[row]
        del self._kind_of[alert_id]
        self.endRemoveRows()
        if not group.alerts:
            self.beginRemoveRows(QModelIndex(), group_row, group_row)
            del self._groups[group_row]
            del self._by_key[group.key]
            del self._by_kind[group.kind]
            self.endRemoveRows()
        else:
            self._group_changed(group)

    def set_customers(self, names: Mapping[str, str]) -> None:
        """Customers' names by conversation id, for the alerts about them."""
        self._customers.update(names)
        roles = [int(AlertRoles.SUBJECT), int(Qt.ItemDataRole.AccessibleTextRole)]
        for group in self._groups:
            for row, alert in enumerate(group.alerts):
                if subject_of(alert).target in names:
                    index = self.createIndex(row, 0, group.key)
                    self.dataChanged.emit(index, index, roles)

    # -- queries ------------------------------------------------------------------------

    def alert(self, alert_id: int) -> Alert | None:
        kind = self._kind_of.get(alert_id)
        if kind is None:
            return None
        group = self._by_kind[kind]
        row = group.row_of(alert_id)
        return None if row is None else group.alerts[row]

    def ids(self) -> list[int]:
        return [int(a["id"]) for g in self._groups for a in g.alerts]

    def index_of(self, alert_id: int) -> QModelIndex:
        kind = self._kind_of.get(alert_id)
        if kind is None:
            return QModelIndex()
        group = self._by_kind[kind]
        row = group.row_of(alert_id)
        return QModelIndex() if row is None else self.createIndex(row, 0, group.key)

    def conversation_ids(self) -> set[str]:
        """The conversations the shown alerts are about (whose customers to name)."""
        found = set()
        for group in self._groups:
            for alert in group.alerts:
                subject = subject_of(alert)
                if subject.opens is OpenKind.CONVERSATION:
                    found.add(subject.target)
        return found

    # -- Qt -----------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or not 0 <= parent.row() < len(self._groups):
            return QModelIndex()
        group = self._groups[parent.row()]
        return self.createIndex(row, 0, group.key) if row < len(group.alerts) else QModelIndex()

    def parent(self, *args: Any) -> Any:  # parent(index) for Qt; parent() is QObject's
        if not args:
            return super().parent()
        child: Index = args[0]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        group = self._by_key.get(child.internalId())
        if group is None:
            return QModelIndex()
        return self.createIndex(self._groups.index(group), 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._groups[parent.row()].alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in AlertRoles:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], role)
        group = self._by_key.get(index.internalId())
        if group is None or not 0 <= index.row() < len(group.alerts):
            return None
        return self._alert_data(group.alerts[index.row()], role)

    # -- internals ----------------------------------------------------------------------

    def _group_data(self, group: _Group, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                QCoreApplication.translate("AlertsModel", "%1: %2")
                .replace("%2", str(len(group.alerts)))
                .replace("%1", kind_heading(group.kind))
            )
        values: dict[int, Any] = {
            AlertRoles.TITLE: kind_heading(group.kind),
            AlertRoles.KIND: group.kind,
            AlertRoles.COUNT: len(group.alerts),
            AlertRoles.IS_GROUP: True,
            AlertRoles.SEVERITY: _severity_of_rank(group.rank()),
        }
        return values.get(role)

    def _alert_data(self, alert: Alert, role: int) -> Any:
        if role == AlertRoles.ALERT:
            return alert
        if role == AlertRoles.ID:
            return int(alert["id"])
        if role == AlertRoles.KIND:
            return str(alert.get("kind"))
        if role == AlertRoles.SEVERITY:
            return str(alert.get("severity"))
        if role == AlertRoles.STATE:
            return str(alert.get("state"))
        if role == AlertRoles.IS_GROUP:
            return False
        if role == AlertRoles.COUNT:
            return int(alert.get("count") or 1)
        if role == AlertRoles.SINCE:
            return parse_ms(alert.get("at"))
        if role == AlertRoles.SINCE_TEXT:
            return self.since(alert)
        if role == AlertRoles.HANDLED:
            return self._handled(alert)
        if role in (AlertRoles.SUBJECT, AlertRoles.OPENS, AlertRoles.TARGET):
            subject = self._subject(alert)
            if role == AlertRoles.SUBJECT:
                return subject.text
            if role == AlertRoles.OPENS:
                return None if subject.opens is None else subject.opens.value
            return subject.target or None
        if role in (Qt.ItemDataRole.DisplayRole, AlertRoles.TITLE):
            return describe_alert(alert, self._clock()).title
        if role == AlertRoles.DETAIL:
            problem = describe_alert(alert, self._clock())
            return "\n".join(p for p in (problem.detail, problem.next_step) if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = describe_alert(alert, self._clock())
            parts = (problem.title, problem.detail, problem.next_step, self._handled(alert))
            return plain_tooltip("\n".join(p for p in parts if p))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(alert)
        return None

    def _subject(self, alert: Alert) -> Subject:
        target = subject_of(alert).target
        return subject_of(alert, self._customers.get(target))

    def since(self, alert: Mapping[str, Any]) -> str:
        """When it was first raised, as a lead reads it."""
        at = parse_ms(alert.get("at"))
        if at is None:
            return ""
        return QCoreApplication.translate("AlertsModel", "since %1").replace(
            "%1", format_when(at, self._clock())
        )

    def _handled(self, alert: Mapping[str, Any]) -> str:
        now = self._clock()
        state = alert.get("state")
        snoozed, acked = alert.get("snoozed"), alert.get("acknowledged")
        if state == AlertState.SNOOZED and isinstance(snoozed, Mapping):
            until = parse_ms(snoozed.get("until"))
            text = QCoreApplication.translate("AlertsModel", "Snoozed until %1")
            text = text.replace("%1", format_when(until, now) if until is not None else "?")
            note = snoozed.get("note")
        elif state == AlertState.ACKNOWLEDGED and isinstance(acked, Mapping):
            at = parse_ms(acked.get("at"))
            text = QCoreApplication.translate("AlertsModel", "Acknowledged at %1")
            text = text.replace("%1", format_when(at, now) if at is not None else "?")
            note = acked.get("note")
        elif state == AlertState.RESOLVED:
            at = parse_ms(alert.get("resolved_at"))
            text = QCoreApplication.translate("AlertsModel", "Resolved at %1")
            text = text.replace("%1", format_when(at, now) if at is not None else "?")
            note = None
        else:
            return ""
        if note:  # a lead's words are data too
            text = (
                QCoreApplication.translate("AlertsModel", "%1: %2")
                .replace("%2", isolated(str(note)))
                .replace("%1", text)
            )
        return text

    def _spoken(self, alert: Alert) -> str:
        """The row as one sentence for a screen reader."""
        problem = describe_alert(alert, self._clock())
        parts = [
            severity_word(str(alert.get("severity"))),
            problem.title,
            self._subject(alert).text,
            self.since(alert),
            self._handled(alert),
        ]
        return ". ".join(p.rstrip(".") for p in parts if p) + "."

    def _new_group(self, kind: str) -> _Group:
        group = _Group(kind, self._next_key)
        self._next_key += 1
        self._by_key[group.key] = group
        self._by_kind[kind] = group
        return group

    def _upsert(self, alert: Alert) -> None:
        alert_id = int(alert["id"])
        kind = self._kind_of.get(alert_id)
        if kind is None:
            self._insert(alert)
            return
        group = self._by_kind[kind]
        parent = self.createIndex(self._groups.index(group), 0, 0)
        row = group.row_of(alert_id)
        assert row is not None
        old = group.alerts[row]
        if old == alert:
            return
        rest = group.alerts[:row] + group.alerts[row + 1 :]
        new_row = bisect.bisect_left([_alert_key(a) for a in rest], _alert_key(alert))
        if new_row != row:
            # Qt's destination is the row it goes before, counted before the move.
            destination = new_row + 1 if new_row > row else new_row
            self.beginMoveRows(parent, row, row, parent, destination)
            del group.alerts[row]
            group.alerts.insert(new_row, alert)
            self.endMoveRows()
        else:
            group.alerts[row] = alert
        index = self.createIndex(new_row, 0, group.key)
        self.dataChanged.emit(index, index, _changed_roles(old, alert))
        self._group_changed(group)

    def _insert(self, alert: Alert) -> None:
        kind = str(alert.get("kind"))
        group = self._by_kind.get(kind)
        if group is None:
            order = (-_rank(alert), _KIND_ORDER.get(kind, len(_KIND_ORDER)), kind)
            group_row = bisect.bisect_left([g.order() for g in self._groups], order)
            self.beginInsertRows(QModelIndex(), group_row, group_row)
            group = self._new_group(kind)
            self._groups.insert(group_row, group)
            self.endInsertRows()
        parent = self.createIndex(self._groups.index(group), 0, 0)
        row = bisect.bisect_left([_alert_key(a) for a in group.alerts], _alert_key(alert))
        self.beginInsertRows(parent, row, row)
        group.alerts.insert(row, alert)
        self._kind_of[int(alert["id"])] = kind
        self.endInsertRows()
        self._group_changed(group)

    def _group_changed(self, group: _Group) -> None:
        """The group's count or severity may have changed: its row says so, and moves
        when its most severe alert reorders the groups."""
        row = self._groups.index(group)
        rest = self._groups[:row] + self._groups[row + 1 :]
        new_row = bisect.bisect_left([g.order() for g in rest], group.order())
        if new_row != row:
            destination = new_row + 1 if new_row > row else new_row
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            del self._groups[row]
            self._groups.insert(new_row, group)
            self.endMoveRows()
        index = self.createIndex(new_row, 0, 0)
        roles = [
            int(Qt.ItemDataRole.DisplayRole),
            int(Qt.ItemDataRole.AccessibleTextRole),
            int(AlertRoles.COUNT),
            int(AlertRoles.SEVERITY),
        ]
        self.dataChanged.emit(index, index, roles)


def _severity_of_rank(rank: int) -> str:
    for severity, value in SEVERITY_RANK.items():
        if value == rank:
            return severity.value
    return AlertSeverity.WARNING.value

"""Which inbox rows the agent sees: their own, their queues' waiting ones, or all; and
a search over name, number and preview. Filtering locally keeps switching instant; the
view still announces the change so the client can fetch what the cache lacks.

A ``QSortFilterProxyModel`` would call a Python ``filterAcceptsRow`` for every row on
each filter change and, worse, on every row the stream moves (it treats a source move
as a layout change and filters everything again): with 5,000-10,000 conversations that
is tens to hundreds of milliseconds per incoming message. This proxy keeps the accepted
source rows as a sorted list, decides a filter change in one pass over the
conversations, and follows inserts, removals, moves and changes row by row.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wa_desk.core.search_fold import fold
from wa_desk.ui.inbox.model import TIME_ROLES, InboxModel, InboxRoles

VIEWS = ("mine", "queue", "all")

Index = QModelIndex | QPersistentModelIndex
_TIME_ONLY = frozenset(int(r) for r in TIME_ROLES)


class InboxFilter(QAbstractProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = "all"
        self._user_id: str | None = None
        self._search = ""
        self._matching_ids: frozenset[str] = frozenset()
        self._rows: list[int] = []  # accepted source rows, ascending
        self._moving = False  # a proxy move was begun for the source move in progress
        self._layout_saved: list[tuple[QModelIndex, QPersistentModelIndex]] = []

    # -- filter -------------------------------------------------------------------------

    def set_user_id(self, user_id: str | None) -> None:
        self._user_id = user_id
        self._refilter()

    def view(self) -> str:
        return self._view

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown inbox view {view!r}")
        self._view = view
        self._refilter()

    def set_search(self, text: str, matching_ids: frozenset[str] = frozenset()) -> None:
        """Filter by ``text`` in name, number and preview; ``matching_ids`` are conversations
        the local full-text index found by their message text."""
        self._search = fold(text).strip()
        self._matching_ids = matching_ids
        self._refilter()

    def filterAcceptsRow(self, source_row: int, _source_parent: Index | None = None) -> bool:
        model = self.sourceModel()
        if self._view == "all" and not self._search:
            return True
        if isinstance(model, InboxModel):
            c = model.conversation_at(source_row)
            state, assignee, cid = c.get("state") or "", c.get("assignee"), c["id"]
        else:
            index = model.index(source_row, 0)
            state = index.data(InboxRoles.STATE)
            assignee, cid = index.data(InboxRoles.ASSIGNEE), index.data(InboxRoles.ID)
        if self._view == "mine" and (state != "assigned" or assignee != self._user_id):
            return False
        if self._view == "queue" and state != "queued":
            return False
        if self._search:
            if cid in self._matching_ids:
                return True
            return self._search in self._search_text(model, source_row)
        return True

    @staticmethod
    def _search_text(model: QAbstractItemModel, row: int) -> str:
        if isinstance(model, InboxModel):
            return model.search_text(row)
        index = model.index(row, 0)
        return fold(
            " ".join(
                str(index.data(role) or "")
                for role in (InboxRoles.NAME, InboxRoles.NUMBER, InboxRoles.PREVIEW)
            )
        )

    def _accepted(self, rows: Sequence[int]) -> list[int]:
        """The accepted ones of ``rows``: one tight pass, as this runs over every row on
        each filter change."""
        view, search, user, ids = self._view, self._search, self._user_id, self._matching_ids
        if view == "all" and not search:
            return list(rows)
        model = self.sourceModel()
        if not isinstance(model, InboxModel):
            return [r for r in rows if self.filterAcceptsRow(r)]
        conversation_at, search_text = model.conversation_at, model.search_text
        accepted = []
        for r in rows:
            c = conversation_at(r)
            state = c.get("state")
            if view == "mine" and (state != "assigned" or c.get("assignee") != user):
                continue
            if view == "queue" and state != "queued":
                continue
            if search and c["id"] not in ids and search not in search_text(r):
                continue
            accepted.append(r)
        return accepted

    def _refilter(self) -> None:
        """A filter change: the same rows or fewer or more, in the same order, so a layout
        change (selection and current row survive when still shown)."""
        model = self.sourceModel()
        new = self._accepted(range(model.rowCount()))
        if new == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        sources = [self._rows[i.row()] if i.isValid() else -1 for i in old_indexes]
        self._rows = new
        self.changePersistentIndexList(
            old_indexes,
            [self._proxy_index(r, i.column()) for r, i in zip(sources, old_indexes, strict=True)],
        )
        self.layoutChanged.emit()

    # -- Qt proxy -----------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self.sourceModel()
        self.beginResetModel()
        if old is not None:
            for signal, slot in self._slots(old):
                signal.disconnect(slot)
        super().setSourceModel(model)
        for signal, slot in self._slots(model):
            signal.connect(slot)
        self._rows = self._accepted(range(model.rowCount()))
        self.endResetModel()

    def _slots(self, m: QAbstractItemModel) -> list[tuple[Any, Any]]:
        return [
            (m.rowsInserted, self._inserted),
            (m.rowsAboutToBeRemoved, self._about_to_remove),
            (m.rowsRemoved, self._removed),
            (m.rowsAboutToBeMoved, self._about_to_move),
            (m.rowsMoved, self._moved),
            (m.dataChanged, self._changed),
            (m.modelAboutToBeReset, self.beginResetModel),
            (m.modelReset, self._reset),
            (m.layoutAboutToBeChanged, self._layout_about_to_change),
            (m.layoutChanged, self._layout_changed),
        ]

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or column != 0 or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, *args: Any) -> Any:  # parent(index) for Qt; parent() is QObject's
        if not args:
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._proxy_index(source_index.row(), source_index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.sourceModel()
        if model is None or not index.isValid() or index.row() >= len(self._rows):
            return None
        return model.data(model.index(self._rows[index.row()], 0), role)

    # -- following the source ---------------------------------------------------------------

    def _proxy_index(self, source_row: int, column: int = 0) -> QModelIndex:
        k = bisect.bisect_left(self._rows, source_row)
        if source_row < 0 or k == len(self._rows) or self._rows[k] != source_row:
            return QModelIndex()
        return self.createIndex(k, column)

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        n = last - first + 1
        k = bisect.bisect_left(self._rows, first)
        self._rows[k:] = [r + n for r in self._rows[k:]]  # existing rows keep their data
        new = self._accepted(range(first, last + 1))
        if new:
            self.beginInsertRows(QModelIndex(), k, k + len(new) - 1)
            self._rows[k:k] = new
            self.endInsertRows()

    def _about_to_remove(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        k0 = bisect.bisect_left(self._rows, first)
        k1 = bisect.bisect_right(self._rows, last)
        if k1 > k0:
            self.beginRemoveRows(QModelIndex(), k0, k1 - 1)
            del self._rows[k0:k1]
            self.endRemoveRows()

    def _removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        n = last - first + 1
        k = bisect.bisect_left(self._rows, first)
        self._rows[k:] = [r - n for r in self._rows[k:]]

    def _about_to_move(
        self, parent: QModelIndex, start: int, end: int, destination: QModelIndex, row: int
    ) -> None:
        self._moving = False
        if parent.isValid() or destination.isValid():
            return
        k0 = bisect.bisect_left(self._rows, start)
        k1 = bisect.bisect_right(self._rows, end)
        to = bisect.bisect_left(self._rows, row)
        if k1 > k0 and not k0 <= to <= k1:
            self._moving = self.beginMoveRows(QModelIndex(), k0, k1 - 1, QModelIndex(), to)

    def _moved(
        self, parent: QModelIndex, start: int, end: int, destination: QModelIndex, row: int
    ) -> None:
        if parent.isValid() or destination.isValid():
            return
        n, rows = end - start + 1, self._rows
        # Only the accepted rows between the block and its destination change; the block
        # lands before (moving up) or after (moving down) the rows it jumped over.
        if row < start:
            lo, mid, hi = (
                bisect.bisect_left(rows, row),
                bisect.bisect_left(rows, start),
                bisect.bisect_right(rows, end),
            )
            rows[lo:hi] = [r - start + row for r in rows[mid:hi]] + [r + n for r in rows[lo:mid]]
        elif row > end + 1:
            lo, mid, hi = (
                bisect.bisect_left(rows, start),
                bisect.bisect_right(rows, end),
                bisect.bisect_left(rows, row),
            )
            rows[lo:hi] = [r - n for r in rows[mid:hi]] + [
                r - start + row - n for r in rows[lo:mid]
            ]
        if self._moving:
            self._moving = False
            self.endMoveRows()

    def _changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if top.parent().isValid():
            return
        first, last = top.row(), bottom.row()
        if not roles or not set(roles) <= _TIME_ONLY:
            for source_row in range(first, last + 1):
                self._recheck(source_row)
        k0 = bisect.bisect_left(self._rows, first)
        k1 = bisect.bisect_right(self._rows, last)
        if k1 > k0:
            self.dataChanged.emit(self.index(k0), self.index(k1 - 1), roles)

    def _recheck(self, source_row: int) -> None:
        """A changed row may enter or leave the filter."""
        k = bisect.bisect_left(self._rows, source_row)
        shown = k < len(self._rows) and self._rows[k] == source_row
        if shown == self.filterAcceptsRow(source_row):
            return
        if shown:
            self.beginRemoveRows(QModelIndex(), k, k)
            del self._rows[k]
            self.endRemoveRows()
        else:
            self.beginInsertRows(QModelIndex(), k, k)
            self._rows.insert(k, source_row)
            self.endInsertRows()

    def _reset(self) -> None:
        model = self.sourceModel()
        self._rows = self._accepted(range(model.rowCount())) if model is not None else []
        self.endResetModel()

    def _layout_about_to_change(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        self._layout_saved = [
            (i, QPersistentModelIndex(self.mapToSource(i))) for i in self.persistentIndexList()
        ]

    def _layout_changed(self, *_args: object) -> None:
        model = self.sourceModel()
        self._rows = self._accepted(range(model.rowCount())) if model is not None else []
        saved, self._layout_saved = self._layout_saved, []
        self.changePersistentIndexList(
            [old for old, _ in saved],
            [
                self._proxy_index(s.row(), s.column()) if s.isValid() else QModelIndex()
                for _, s in saved
            ],
        )
        self.layoutChanged.emit()

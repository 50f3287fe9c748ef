"""Which inbox rows the agent sees: their own, their queues' waiting ones, or all; and
a search over name, number and preview. Filtering locally keeps switching instant; the
view still announces the change so the client can fetch what the cache lacks."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from wa_desk.ui.inbox_model import InboxRoles

VIEWS = ("mine", "queue", "all")


class InboxFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = "all"
        self._user_id: str | None = None
        self._search = ""
        self._matching_ids: frozenset[str] = frozenset()
        self.setDynamicSortFilter(True)

    def set_user_id(self, user_id: str | None) -> None:
        self.beginFilterChange()
        self._user_id = user_id
        self.endFilterChange()

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown inbox view {view!r}")
        self.beginFilterChange()
        self._view = view
        self.endFilterChange()

    def set_search(self, text: str, matching_ids: frozenset[str] = frozenset()) -> None:
        """Filter by ``text`` in name, number and preview; ``matching_ids`` are conversations
        the local full-text index found by their message text."""
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self._matching_ids = matching_ids
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._view == "all" and not self._search:
            return True  # the common case, and every row of a large first load
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        state = index.data(InboxRoles.STATE)
        if self._view == "mine" and (
            state != "assigned" or index.data(InboxRoles.ASSIGNEE) != self._user_id
        ):
            return False
        if self._view == "queue" and state != "queued":
            return False
        if self._search:
            if index.data(InboxRoles.ID) in self._matching_ids:
                return True
            haystack = " ".join(
                str(index.data(role) or "")
                for role in (InboxRoles.NAME, InboxRoles.NUMBER, InboxRoles.PREVIEW)
            ).casefold()
            return self._search in haystack
        return True

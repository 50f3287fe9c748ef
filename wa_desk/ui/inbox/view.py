"""The inbox: mine/queue/all switcher, a debounced search box and the conversation list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.inbox.delegate import InboxDelegate
from wa_desk.ui.inbox.filter import VIEWS, InboxFilter
from wa_desk.ui.inbox.model import InboxModel, InboxRoles

SEARCH_DEBOUNCE_MS = 300
TIME_REFRESH_MS = 1000


class InboxView(QWidget):
    conversationSelected = Signal(str)
    viewChanged = Signal(str)
    searchChanged = Signal(str)

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter = InboxFilter(self)
        self.filter.setSourceModel(model)

        self._buttons = QButtonGroup(self)
        switcher = QHBoxLayout()
        switcher.setSpacing(0)
        self._view_buttons: dict[str, QPushButton] = {}
        for view in VIEWS:
            button = QPushButton(self._view_title(view), self)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show %1").replace("%1", self._view_title(view)))
            self._buttons.addButton(button)
            self._view_buttons[view] = button
            switcher.addWidget(button)
            button.clicked.connect(lambda _=False, v=view: self.set_view(v))
        self._view_buttons["all"].setChecked(True)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, number or message"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())

        self.list = QListView(self)
        # One layout pass: a batched QListView paints nothing until its last batch. Rows
        # are all the same height (below), so a layout measures one row, not thousands.
        self.list.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.list.setModel(self.filter)
        self.list.setItemDelegate(InboxDelegate(self.list))
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(switcher)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(TIME_REFRESH_MS)
        self._clock.timeout.connect(self.refresh_visible_times)
        self._clock.start()

    def _view_title(self, view: str) -> str:
        return {"mine": self.tr("Mine"), "queue": self.tr("Queue"), "all": self.tr("All")}[view]

    # -- inputs -----------------------------------------------------------------------

    def set_user_id(self, user_id: str | None) -> None:
        self.filter.set_user_id(user_id)

    def set_view(self, view: str) -> None:
        self._view_buttons[view].setChecked(True)
        self.filter.set_view(view)
        self.viewChanged.emit(view)

    def select_conversation(self, conversation_id: str) -> bool:
        row = self.model.row_of(conversation_id)
        if row is None:
            return False
        index = self.filter.mapFromSource(self.model.index(row))
        if not index.isValid():
            return False
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        return True

    def select_relative(self, step: int) -> None:
        """Move the selection ``step`` rows (next/previous conversation shortcuts)."""
        count = self.filter.rowCount()
        if not count:
            return
        current = self.list.currentIndex()
        row = current.row() + step if current.isValid() else (0 if step > 0 else count - 1)
        row = max(0, min(count - 1, row))
        self.list.selectionModel().setCurrentIndex(
            self.filter.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def current_id(self) -> str | None:
        current = self.list.currentIndex()
        return str(current.data(InboxRoles.ID)) if current.isValid() else None

    def refresh_visible_times(self) -> None:
        """Only the rows on screen repaint their clocks; the others update when shown."""
        if not self.filter.rowCount() or not self.list.isVisible():
            return
        viewport = self.list.viewport().rect()
        top = self.list.indexAt(QPoint(1, 1))
        bottom = self.list.indexAt(QPoint(1, viewport.height() - 2))
        top = top if top.isValid() else self.filter.index(0, 0)
        if not bottom.isValid():
            bottom = self.filter.index(self.filter.rowCount() - 1, 0)
        first = self.filter.mapToSource(top).row()
        last = self.filter.mapToSource(bottom).row()
        self.model.refresh_times(min(first, last), max(first, last))

    # -- internals --------------------------------------------------------------------

    def _apply_search(self) -> None:
        text = self.search.text()
        self.filter.set_search(text)
        self.searchChanged.emit(text.strip())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.conversationSelected.emit(str(current.data(InboxRoles.ID)))

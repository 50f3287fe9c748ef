"""The inbox: mine/queue/all switcher with counts, a debounced search box, the order
choice and the conversation list (which says why when it is empty)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common import theme
from wa_desk.ui.inbox.delegate import InboxDelegate
from wa_desk.ui.inbox.filter import VIEWS, InboxFilter
from wa_desk.ui.inbox.inbox_list import InboxList
from wa_desk.ui.inbox.model import InboxModel, InboxOrder, InboxRoles

SEARCH_DEBOUNCE_MS = 300
TIME_REFRESH_MS = 1000
EMPTY_SEARCH_SHOWN = 40  # characters of the search quoted back when nothing matches


class InboxView(QWidget):
    conversationSelected = Signal(str)
    viewChanged = Signal(str)
    searchChanged = Signal(str)
    orderChanged = Signal(str)  # an ``InboxOrder`` the agent chose

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter = InboxFilter(self)
        self.filter.setSourceModel(model)
        self._user_id: str | None = None

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

        self.order = QComboBox(self)
        self.order.setAccessibleName(self.tr("Order of the conversations"))
        self.order.setToolTip(self.tr("Order of the conversations"))
        self.order.addItem(self.tr("Longest waiting"), InboxOrder.WAITING.value)
        self.order.addItem(self.tr("Newest activity"), InboxOrder.ACTIVITY.value)
        self.order.setCurrentIndex(self.order.findData(model.order().value))
        self.order.activated.connect(
            lambda i: self.set_order(InboxOrder(str(self.order.itemData(i))))
        )
        # A row of its own: beside the search, the Spanish labels leave the box no room.
        order_label = QLabel(self.tr("Sort by"), self)
        order_label.setBuddy(self.order)
        order_row = QHBoxLayout()
        order_row.setContentsMargins(self.fontMetrics().height() // 4, 0, 0, 0)
        order_row.addWidget(order_label)
        order_row.addWidget(self.order, 1)

        self.list = InboxList(self)
        self.list.setModel(self.filter)
        self.list.setItemDelegate(InboxDelegate(self.list))
        self.list.measure_rows()
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        # An empty list says why, and what to do, where the rows would be.
        self.empty_label = QLabel(self.list.viewport())
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Muted in the theme of the moment; on the list's viewport a label draws with the
        # Text role, not WindowText.
        theme.follow(self.empty_label, self.empty_label.foregroundRole(), lambda c: c.muted)
        em = self.fontMetrics().height()
        empty_box = QVBoxLayout(self.list.viewport())
        empty_box.setContentsMargins(em, em * 2, em, em)
        empty_box.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignTop)
        for signal in (
            self.filter.rowsInserted,
            self.filter.rowsRemoved,
            self.filter.layoutChanged,
            self.filter.modelReset,
        ):
            signal.connect(self._show_empty_state)
        model.countsChanged.connect(self._show_counts)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(switcher)
        layout.addWidget(self.search)
        layout.addLayout(order_row)
        layout.addWidget(self.list, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(TIME_REFRESH_MS)
        self._clock.timeout.connect(self.refresh_visible_times)
        self._clock.start()
        self._show_counts()
        self._show_empty_state()

    def _view_title(self, view: str) -> str:
        return {"mine": self.tr("Mine"), "queue": self.tr("Queue"), "all": self.tr("All")}[view]

    # -- inputs -----------------------------------------------------------------------

    def set_user_id(self, user_id: str | None) -> None:
        self._user_id = user_id
        self.filter.set_user_id(user_id)
        self._show_counts()

    def set_view(self, view: str) -> None:
        self._view_buttons[view].setChecked(True)
        self.filter.set_view(view)
        self._show_empty_state()
        self.viewChanged.emit(view)

    def set_order(self, order: InboxOrder) -> None:
        """Sort the list ``order``'s way; the conversation on screen stays selected."""
        self.order.setCurrentIndex(self.order.findData(order.value))
        if order is self.model.order():
            return
        self.model.set_order(order)
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)
        self.orderChanged.emit(order.value)

    def view_count(self, view: str) -> int:
        """How many conversations ``view`` shows, search aside (its button says it)."""
        if view == "mine":
            return self.model.count("assigned", self._user_id) if self._user_id else 0
        return self.model.count("queued" if view == "queue" else None)

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
        self._show_empty_state()
        self.searchChanged.emit(text.strip())

    def _show_counts(self) -> None:
        for view, button in self._view_buttons.items():
            button.setText(
                self.tr("%1 (%2)", "an inbox view and how many conversations it holds")
                .replace("%1", self._view_title(view))
                .replace("%2", str(self.view_count(view)))
            )

    def _show_empty_state(self) -> None:
        empty = self.filter.rowCount() == 0
        if empty:
            self.empty_label.setText(self._empty_text())
        self.empty_label.setVisible(empty)

    def _empty_text(self) -> str:
        searched = " ".join(self.search.text().split())
        if searched:
            if len(searched) > EMPTY_SEARCH_SHOWN:
                searched = searched[: EMPTY_SEARCH_SHOWN - 1] + "…"
            return self.tr(
                "No conversation matches “%1”. Check the spelling or search by phone number."
            ).replace("%1", searched)
        view = self.filter.view()
        if view == "mine":
            return self.tr("You have no conversations assigned. Take one from Queue.")
        if view == "queue":
            return self.tr("No conversations waiting in your queues.")
        return self.tr("No conversations yet. They appear here as customers write.")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.conversationSelected.emit(str(current.data(InboxRoles.ID)))

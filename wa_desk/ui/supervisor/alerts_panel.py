"""The early-alerts panel of the supervisor page: the alerts of the chosen state grouped
by kind, with what a lead does about one (open what it is about, acknowledge it, snooze
it) from the buttons, the context menu or the keyboard.

It only displays and asks: what it asks leaves through its signals (``AlertsController``
takes the hub's part; the app wires the ``open...`` signals to the panes they show).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.alert_kinds import AlertState
from wa_desk.ui.supervisor.alert_action_dialog import AlertAction, AlertActionDialog
from wa_desk.ui.supervisor.alert_words import OpenKind, state_choices
from wa_desk.ui.supervisor.alerts_delegate import AlertsDelegate
from wa_desk.ui.supervisor.alerts_model import AlertRoles, AlertsModel


class AlertsPanel(QWidget):
    openConversation = Signal(str)  # conversation id
    openQueue = Signal(str)  # queue name
    openAgent = Signal(str)  # user id
    acknowledgeRequested = Signal(int, object)  # alert id, note (str or None)
    snoozeRequested = Signal(int, int, object)  # alert id, minutes, note (str or None)
    stateChosen = Signal(str)  # an AlertState value, or ``all``
    countChanged = Signal(int)  # open alerts (whatever state is shown): "Alerts (N)"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlertsModel(self)
        self._open_count = 0
        self.dialog: AlertActionDialog | None = None  # the one open, if any

        self.state = QComboBox(self)
        self.state.setAccessibleName(self.tr("Show alerts"))
        for value, label in state_choices():
            self.state.addItem(label, value)
        self.state.activated.connect(lambda i: self.stateChosen.emit(self.state.itemData(i)))
        state_label = QLabel(self.tr("&Show:"), self)
        state_label.setBuddy(self.state)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(AlertsDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setAccessibleName(self.tr("Alerts"))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._activated)
        self.model.rowsInserted.connect(self._expand_new_groups)
        self.model.modelReset.connect(self.tree.expandAll)
        self.model.modelReset.connect(self._update)
        self.model.rowsInserted.connect(self._update)
        self.model.rowsRemoved.connect(self._update)
        self.model.dataChanged.connect(self._update)
        self.tree.selectionModel().currentChanged.connect(self._update)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.ack_button = QPushButton(self.tr("&Acknowledge…"), self)
        self.ack_button.clicked.connect(lambda: self.ask(AlertAction.ACKNOWLEDGE))
        self.snooze_button = QPushButton(self.tr("S&nooze…"), self)
        self.snooze_button.clicked.connect(lambda: self.ask(AlertAction.SNOOZE))
        # The same actions from the keyboard, on the list.
        for key, action in ((QKeySequence("A"), AlertAction.ACKNOWLEDGE),
                            (QKeySequence("S"), AlertAction.SNOOZE)):  # fmt: skip
            shortcut = QAction(self.tree)
            shortcut.setShortcut(key)
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.triggered.connect(lambda _=False, a=action: self.ask(a))
            self.tree.addAction(shortcut)

        top = QHBoxLayout()
        top.addWidget(state_label)
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.snooze_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.set_open_count(0)
        self._update()

    # -- what the controller tells it -----------------------------------------------------

    def shown_state(self) -> str:
        return str(self.state.currentData())

    def set_open_count(self, count: int) -> None:
        """How many alerts are open (neither acknowledged nor snoozed), whatever is shown."""
        changed = count != self._open_count
        self._open_count = count
        self.count_label.setText(self.tr("Open alerts: %1").replace("%1", str(count)))
        if changed:
            self.countChanged.emit(count)

    def open_count(self) -> int:
        return self._open_count

    # -- what the lead does ---------------------------------------------------------------

    def current_alert_id(self) -> int | None:
        value = self.tree.currentIndex().data(AlertRoles.ID)
        return None if value is None else int(value)

    def select_alert(self, alert_id: int) -> None:
        index = self.model.index_of(alert_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def open_current(self) -> None:
        self._open(self.tree.currentIndex())

    def ask(self, action: AlertAction) -> AlertActionDialog | None:
        """The dialog for acknowledging or snoozing the current alert (None when none is
        current, or it is no longer open to it)."""
        index = self.tree.currentIndex()
        alert_id = index.data(AlertRoles.ID)
        if alert_id is None or not self._can(action, str(index.data(AlertRoles.STATE))):
            return None
        about = [str(index.data(AlertRoles.TITLE) or ""), str(index.data(AlertRoles.SUBJECT) or "")]
        dialog = AlertActionDialog(action, "\n".join(p for p in about if p), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._confirmed(dialog, int(alert_id)))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: AlertActionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _confirmed(self, dialog: AlertActionDialog, alert_id: int) -> None:
        if dialog.action is AlertAction.SNOOZE:
            self.snoozeRequested.emit(alert_id, dialog.minutes(), dialog.note())
        else:
            self.acknowledgeRequested.emit(alert_id, dialog.note())

    @staticmethod
    def _can(action: AlertAction, state: str) -> bool:
        if state == AlertState.RESOLVED:
            return False
        # Acknowledging an acknowledged alert changes nothing; a snooze may be renewed.
        return action is AlertAction.SNOOZE or state != AlertState.ACKNOWLEDGED

    def _activated(self, index: QModelIndex) -> None:
        if index.data(AlertRoles.IS_GROUP):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        opens, target = index.data(AlertRoles.OPENS), index.data(AlertRoles.TARGET)
        if not opens or not target:
            return
        signal = {
            OpenKind.CONVERSATION: self.openConversation,
            OpenKind.QUEUE: self.openQueue,
            OpenKind.AGENT: self.openAgent,
        }[OpenKind(opens)]
        signal.emit(str(target))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid() or index.data(AlertRoles.IS_GROUP):
            return
        self.tree.setCurrentIndex(index)
        self.context_menu().popup(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The current alert's actions, as its context menu offers them."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (self.open_button, self.ack_button, self.snooze_button):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        return menu

    # -- internals --------------------------------------------------------------------------

    def _expand_new_groups(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.tree.expand(parent)
        else:
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0))

    def _update(self, *_args: object) -> None:
        index = self.tree.currentIndex()
        is_alert = index.isValid() and not index.data(AlertRoles.IS_GROUP)
        state = str(index.data(AlertRoles.STATE)) if is_alert else ""
        self.open_button.setEnabled(is_alert and bool(index.data(AlertRoles.OPENS)))
        self.ack_button.setEnabled(is_alert and self._can(AlertAction.ACKNOWLEDGE, state))
        self.snooze_button.setEnabled(is_alert and self._can(AlertAction.SNOOZE, state))
        empty = self.model.rowCount() == 0
        self.tree.setVisible(not empty)
        self.empty.setVisible(empty)
        if empty:
            self.empty.setText(self._empty_text())

    def _empty_text(self) -> str:
        state = self.shown_state()
        texts = {
            AlertState.OPEN.value: self.tr("No open alerts: nothing needs you right now."),
            AlertState.ACKNOWLEDGED.value: self.tr("No acknowledged alerts."),
            AlertState.SNOOZED.value: self.tr("No snoozed alerts."),
            AlertState.RESOLVED.value: self.tr("No resolved alerts."),
        }
        return texts.get(state, self.tr("No alerts."))

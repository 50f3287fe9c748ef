"""The agent's window, and the seam between the UI and the rest of the desktop app.

The composition root (which owns the hub client, the local store and the syncer)
creates ``MainWindow`` and talks to it only through what is listed here. Widgets never
reach the network or the store; every dict is the hub API's JSON shape.

Inputs (call these; all take API dicts):
    set_user(user)                            {id, name, role, queues, status}
    inbox_model.upsert(conversations)         insert new / update in place (no reset)
    inbox_model.remove(ids)
    conversation_view.show_conversation(conversation, messages, older_cursor=None)
    conversation_model.append(messages) / .upsert(messages)
    conversation_model.prepend_page(messages, older_cursor)   answer to olderMessagesRequested
    apply_status(status)                      {id|wamid, status, status_at, error}
    customer_panel.show_customer(contact, history, notes, tags, conversation_id=None)
        (named show_customer, not show: QWidget.show must keep its meaning)
    set_connection(connected, reason)         a banner while disconnected
    set_outbox_count(n)
    show_problem(kind, message)               hub_unreachable | certificate | disk_full |
                                              refused | session_expired
    set_templates(templates)                  /api/v1/policy "templates"
    set_transfer_targets(agents, queues)      who and where a conversation can go
    set_dispositions([(code, label)])         closing reasons (defaults built in)
    set_agent_status(status)                  available | away | offline
    notify_message(conversation, message)     desktop notification (+ sound) when in background

Outputs (signals):
    conversationSelected(id)
    claimRequested(id), releaseRequested(id), reopenRequested(id)
    transferRequested(id, to_user | None, to_queue | None, note)
    closeRequested(id, disposition, note)
    sendTextRequested(id, text)
    sendTemplateRequested(id, name, language, {"body_params": [...], "header_params": [...]})
    noteAdded(id, text), tagAdded(id, tag), tagRemoved(id, tag)
    olderMessagesRequested(id, before_cursor)
    searchChanged(text), viewChanged("mine" | "queue" | "all")
    statusChangeRequested("available" | "away" | "offline")
    signOutRequested(), downloadRequested(message)
    reconnectRequested()      the "Retry now" of hub_unreachable
    signInRequested()         the "Sign in again" of session_expired
    historySelected(id)       an earlier conversation picked in the customer panel
    settingsChanged()         the settings dialog was accepted (settings already saved)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import wa_desk
from wa_desk.client.event_syncer import SyncStatus
from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.app.logging_setup import open_log_folder
from wa_desk.ui.app.problems import describe_problem
from wa_desk.ui.common.labels import agent_statuses
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.conversation.message_content import preview
from wa_desk.ui.conversation.model import ConversationModel
from wa_desk.ui.conversation.transfer_dialog import TransferDialog
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.customer.panel import CustomerPanel
from wa_desk.ui.inbox.model import InboxModel, InboxRoles
from wa_desk.ui.inbox.view import InboxView
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.help_dialog import HelpDialog
from wa_desk.ui.shell.message_bar import MessageBar
from wa_desk.ui.shell.shortcuts import bind
from wa_desk.ui.shell.sync_status import SyncStatusWidget
from wa_desk.ui.shell.tray import Tray, app_icon

AGENT_STATUSES = ("available", "away", "offline")


class MainWindow(QMainWindow):
    conversationSelected = Signal(str)
    claimRequested = Signal(str)
    releaseRequested = Signal(str)
    transferRequested = Signal(str, object, object, str)
    closeRequested = Signal(str, str, str)
    reopenRequested = Signal(str)
    sendTextRequested = Signal(str, str)
    sendTemplateRequested = Signal(str, str, str, dict)
    noteAdded = Signal(str, str)
    tagAdded = Signal(str, str)
    tagRemoved = Signal(str, str)
    olderMessagesRequested = Signal(str, str)
    searchChanged = Signal(str)
    viewChanged = Signal(str)
    statusChangeRequested = Signal(str)
    signOutRequested = Signal()
    downloadRequested = Signal(dict)
    reconnectRequested = Signal()
    signInRequested = Signal()
    historySelected = Signal(str)
    settingsChanged = Signal()

    def __init__(
        self,
        settings: s.Settings | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], Millis] = now_ms,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or s.Settings()
        self.user: dict[str, Any] | None = None
        self._agents: list[dict[str, Any]] = []
        self._queues: list[str] = []
        self._dispositions: list[tuple[str, str]] | None = None
        self._connected = True
        self.setWindowTitle("wa-desk")
        self.setWindowIcon(app_icon())

        self.inbox_model = InboxModel(self, clock=clock)
        self.conversation_model = ConversationModel(self, clock=clock)
        self.inbox_view = InboxView(self.inbox_model, self)
        self.conversation_view = ConversationView(self.conversation_model, self, clock=clock)
        self.customer_panel = CustomerPanel(self, clock=clock)
        self.composer = self.conversation_view.composer

        self.banner = MessageBar("#d32f2f", self)
        self.banner.setAccessibleName(self.tr("Connection"))
        self.problem_bar = MessageBar("#d98b00", self)
        self.problem_bar.actionTriggered.connect(self._problem_action)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.inbox_view)
        self.splitter.addWidget(self.conversation_view)
        self.splitter.addWidget(self.customer_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("m")
        self.splitter.setSizes([em * 26, em * 52, em * 24])
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.problem_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.connection_label = QLabel(self)
        self.connection_label.setAccessibleName(self.tr("Connection"))
        self.outbox_label = QLabel(self)
        self.outbox_label.setAccessibleName(self.tr("Messages waiting to be sent"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Your status"))
        for code, label in agent_statuses().items():
            self.status_combo.addItem(label, code)
        self.status_combo.activated.connect(
            lambda i: self.statusChangeRequested.emit(str(self.status_combo.itemData(i)))
        )
        bar = self.statusBar()
        bar.addWidget(self.connection_label)
        bar.addWidget(self.outbox_label)
        self.sync_status = SyncStatusWidget(self)
        bar.addWidget(self.sync_status)
        bar.addPermanentWidget(QLabel(self.tr("Status:"), self))
        bar.addPermanentWidget(self.status_combo)

        self._build_menus()
        self._connect()
        self.tray = Tray(self, self)
        self.tray.activated.connect(self._bring_forward)
        self.tray.quitRequested.connect(self.close)
        self._shortcuts = bind(
            self,
            {
                "jump_to_conversation": self.jump_to_conversation,
                "next_conversation": lambda: self.inbox_view.select_relative(1),
                "previous_conversation": lambda: self.inbox_view.select_relative(-1),
                "focus_composer": self.composer.focus_editor,
                "open_templates": self.composer.open_templates,
                "close_conversation": self.ask_close,
                "show_help": self.show_help,
            },
        )
        self.set_connection(True, None)
        self.set_outbox_count(0)
        self.apply_settings()
        self.resize(em * 110, self.fontMetrics().height() * 44)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.triggered.connect(self.show_settings)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.triggered.connect(self.signOutRequested)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        for action in (self.settings_action, self.sign_out_action, quit_action):
            if action is quit_action:
                file.addSeparator()
            file.addAction(action)
        view = menu.addMenu(self.tr("&View"))
        for code, title in (
            ("mine", self.tr("&My conversations")),
            ("queue", self.tr("&Queue")),
            ("all", self.tr("&All conversations")),
        ):
            action = QAction(title, self)
            action.triggered.connect(lambda _=False, c=code: self.inbox_view.set_view(c))
            view.addAction(action)
        view.addSeparator()
        jump = QAction(self.tr("&Jump to conversation…"), self)
        jump.triggered.connect(self.jump_to_conversation)
        view.addAction(jump)
        help_ = menu.addMenu(self.tr("&Help"))
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.triggered.connect(self.show_help)
        about = QAction(self.tr("&About wa-desk"), self)
        about.triggered.connect(self.show_about)
        help_.addAction(shortcuts)
        help_.addAction(self.tr("Open &log folder"), open_log_folder)
        help_.addAction(about)

    def _connect(self) -> None:
        iv, cv, cp = self.inbox_view, self.conversation_view, self.customer_panel
        iv.conversationSelected.connect(self._selected)
        iv.viewChanged.connect(self.viewChanged)
        iv.searchChanged.connect(self.searchChanged)
        for name in (
            "claimRequested",
            "releaseRequested",
            "reopenRequested",
            "sendTextRequested",
            "sendTemplateRequested",
            "downloadRequested",
        ):
            getattr(cv, name).connect(getattr(self, name))
        cv.transferClicked.connect(self.ask_transfer)
        cv.closeClicked.connect(lambda _id: self.ask_close())
        self.conversation_model.olderMessagesRequested.connect(self.olderMessagesRequested)
        cp.noteAdded.connect(self.noteAdded)
        cp.tagAdded.connect(self.tagAdded)
        cp.tagRemoved.connect(self.tagRemoved)
        cp.historySelected.connect(self.historySelected)
        m = self.inbox_model
        m.dataChanged.connect(self._inbox_changed)
        m.rowsInserted.connect(self._update_unread)
        m.rowsRemoved.connect(self._update_unread)

    # -- inputs -----------------------------------------------------------------------

    def set_user(self, user: dict[str, Any]) -> None:
        self.user = dict(user)
        user_id = str(user.get("id") or "")
        self.inbox_view.set_user_id(user_id)
        self.conversation_model.set_names({user_id: str(user.get("name") or user_id)})
        self.conversation_view.set_user_id(user_id)
        name = isolated(str(user.get("name") or user_id))
        self.setWindowTitle(self.tr("wa-desk — %1").replace("%1", name))
        if not self._queues:
            self._queues = [str(q) for q in user.get("queues") or []]
        self.set_agent_status(str(user.get("status") or "available"))

    def set_agent_status(self, status: str) -> None:
        index = self.status_combo.findData(status)
        if index >= 0:
            self.status_combo.setCurrentIndex(index)

    def apply_status(self, status: dict[str, Any]) -> bool:
        return self.conversation_model.apply_status(status)

    def set_connection(self, connected: bool, reason: str | None = None) -> None:
        self._connected = connected
        if connected:
            self.banner.hide()
            self.connection_label.setText(self.tr("● Connected"))
        else:
            text = self.tr("Messages you write are kept and sent when the connection returns.")
            if reason:
                text = f"{reason}\n{text}"
            self.banner.show_text(
                self.tr("Not connected to the hub. Reconnecting…"), text, closable=False
            )
            self.connection_label.setText(self.tr("○ Disconnected"))

    def set_outbox_count(self, count: int) -> None:
        self.outbox_label.setText(self.tr("Outbox: %1").replace("%1", str(count)) if count else "")
        self.outbox_label.setVisible(bool(count))

    def set_sync_status(self, status: SyncStatus) -> None:
        """The action log's sync state (``client.event_syncer``)."""
        self.sync_status.show_status(status)

    def show_problem(self, kind: str, message: str | None = None) -> None:
        self.problem_bar.show_problem(describe_problem(kind, message))

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        self.composer.set_templates(templates)

    def set_transfer_targets(self, agents: list[dict[str, Any]], queues: list[str]) -> None:
        self._agents, self._queues = list(agents), list(queues)
        self.conversation_model.set_names(
            {str(a["id"]): str(a.get("name") or a["id"]) for a in agents if a.get("id")}
        )

    def set_dispositions(self, dispositions: list[tuple[str, str]]) -> None:
        self._dispositions = list(dispositions)

    def notify_message(self, conversation: dict[str, Any], message: dict[str, Any]) -> bool:
        contact = conversation.get("contact") or {}
        title = str(contact.get("name") or f"+{contact.get('wa_id', '')}")
        return self.tray.notify(title, preview(message))

    def apply_settings(self) -> None:
        size = int(self.settings.get(s.FONT_SIZE))
        app = QApplication.instance()
        if isinstance(app, QApplication) and size:
            font = QFont(app.font())
            font.setPointSize(size)
            app.setFont(font)
        self.tray.notifications = bool(self.settings.get(s.NOTIFICATIONS))
        self.tray.sound = bool(self.settings.get(s.SOUND))

    # -- user actions -------------------------------------------------------------------

    def jump_to_conversation(self) -> None:
        self.inbox_view.search.setFocus()
        self.inbox_view.search.selectAll()

    def ask_transfer(self, conversation_id: str | None = None) -> TransferDialog | None:
        conversation_id = conversation_id or self.conversation_view.current_id()
        if not conversation_id:
            return None
        dialog = TransferDialog(self._agents, self._queues, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            to_user, to_queue, note = dialog.target()
            self.transferRequested.emit(conversation_id, to_user, to_queue, note)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def ask_close(self) -> CloseDialog | None:
        conversation_id = self.conversation_view.current_id()
        conversation = self.inbox_model.conversation(conversation_id) if conversation_id else None
        if not conversation_id or (conversation or {}).get("state") == "closed":
            return None
        dialog = CloseDialog(self._dispositions, self, checklist=self.customer_panel.checklist)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            disposition, note = dialog.result_values()
            self.closeRequested.emit(conversation_id, disposition, note)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.apply_settings)
        dialog.accepted.connect(self.settingsChanged)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About wa-desk"),
            self.tr("wa-desk %1\nWhatsApp shared inbox for contact centers.").replace(
                "%1", wa_desk.__version__
            ),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- internals --------------------------------------------------------------------

    def _selected(self, conversation_id: str) -> None:
        self.customer_panel.conversation_id = conversation_id
        self.conversationSelected.emit(conversation_id)

    def _inbox_changed(
        self,
        top: QModelIndex | QPersistentModelIndex,
        bottom: QModelIndex | QPersistentModelIndex,
        roles: list[int],
    ) -> None:
        if roles and int(InboxRoles.CONVERSATION) not in roles:
            return  # only the clock moved
        current = self.conversation_view.current_id()
        for row in range(top.row(), bottom.row() + 1):
            conversation = self.inbox_model.index(row).data(InboxRoles.CONVERSATION)
            if conversation and conversation.get("id") == current:
                self.conversation_view.update_conversation(conversation)
        self._update_unread()

    def _update_unread(self, *_args: object) -> None:
        self.tray.set_unread(self.inbox_model.total_unread())

    def _problem_action(self, kind: str) -> None:
        self.problem_bar.hide()
        if kind == "hub_unreachable":
            self.reconnectRequested.emit()
        elif kind == "session_expired":
            self.signInRequested.emit()

    def _bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.sync()
        super().closeEvent(event)

"""The agent's window: the shell around the feature panes.

``MainWindow`` lays out its panes (``inbox_view``, ``conversation_view``,
``customer_panel``) with the menus, the status bar, the problems bar, the tray and the
shortcuts. Each feature's controller receives its own pane and talks to it directly;
the window exposes its panes, never their children, and says what only the shell knows:

Inputs:
    set_user(user)                      {id, name, role, queues, status}
    show_work(), show_signed_out()      the page last shown (the agent's, or for a lead
                                        the supervisor's), or the signed-out page
    show_page(page)                     the agent's or (a lead's) the supervisor's page
    set_agent_status(status)            available | busy | away | offline
    set_connection(connected, reason)   a banner while disconnected
    set_waiting(waiting), set_sync_status(status), show_final_sync()
    show_problem(kind, message)         ``app.problems.describe_problem``
    show_alert(problem)                 a hub alert in words (``app.alerts``)
    notify_message(conversation, message)   desktop notification (+ sound) in background

Outputs (signals):
    statusChangeRequested("available" | "busy" | "away" | "offline")
    signOutRequested()
    reconnectRequested()      the "Retry now" of hub_unreachable
    signInRequested()         the "Sign in again" of session_expired, the signed-out page's
    syncNowRequested()        the sync status's "Sync now"
    languageChosen(setting)   the settings dialog changed the language (system | es | en)
    myDayRequested()          View → My day: the user's own figures

The supervisor's page (``supervisor_page``) is there for everyone and reachable only
for supervisors and administrators (View → Supervisor, Ctrl+2; Ctrl+1 back to the inbox);
the window remembers which of the two a lead looked at last.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import wa_desk
from wa_desk.client.event_syncer import SyncStatus
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.conversation_permissions import Actor
from wa_desk.core.conversation_permissions import ConversationAction as Act
from wa_desk.store import Waiting
from wa_desk.ui.app.logging_setup import open_log_folder
from wa_desk.ui.app.problems import Problem, ProblemKind, describe_problem
from wa_desk.ui.common import theme
from wa_desk.ui.common.labels import agent_statuses
from wa_desk.ui.common.names import contact_name, user_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.conversation.message_content import preview
from wa_desk.ui.conversation.model import ConversationModel
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.customer.panel import CustomerPanel
from wa_desk.ui.inbox.model import InboxModel, InboxOrder, InboxRoles
from wa_desk.ui.inbox.view import InboxView
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.shell.help_dialog import HelpDialog
from wa_desk.ui.shell.message_bar import MessageBar
from wa_desk.ui.shell.shortcuts import SHORTCUTS, bind, native_text
from wa_desk.ui.shell.signed_out_page import SignedOutPage
from wa_desk.ui.shell.sync_status import SyncStatusWidget
from wa_desk.ui.shell.tray import Tray, app_icon
from wa_desk.ui.supervisor.leads import is_lead
from wa_desk.ui.supervisor.page import SupervisorPage

NOTE_MS = 8000  # how long a passing note stays in the status bar
# The smallest window every pane fits in (the customer panel folds away below ~1000 px).
MINIMUM_SIZE = QSize(800, 600)
# In widths of "m": the panes' first widths, and the least the conversation keeps
# before the customer panel folds away to make room for it.
INBOX_EM, CONVERSATION_EM, CUSTOMER_EM = 22, 52, 22
CONVERSATION_MIN_EM = 38


class WindowPage(StrEnum):
    """The window's working pages (the ``WINDOW_PAGE`` setting's values)."""

    AGENT = "agent"  # the inbox, the conversation and the customer
    SUPERVISOR = "supervisor"  # the wallboard and the other sections of a lead


class MainWindow(QMainWindow):
    statusChangeRequested = Signal(str)
    signOutRequested = Signal()
    reconnectRequested = Signal()
    signInRequested = Signal()
    syncNowRequested = Signal()  # the sync status's "Sync now"
    languageChosen = Signal(str)  # a LANGUAGE value: the app builds the window again in it
    myDayRequested = Signal()  # View → My day

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
        self._connected = True
        self._retry_at: float | None = None  # when the next try is (monotonic clock)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(1000)
        self._retry_timer.timeout.connect(self._show_retry)
        self.setWindowTitle("wa-desk")
        self.setWindowIcon(app_icon())

        order = InboxOrder(self.settings.get(s.INBOX_ORDER))
        self.inbox_view = InboxView(InboxModel(self, clock=clock, order=order), self)
        self.inbox_view.orderChanged.connect(lambda o: self.settings.set(s.INBOX_ORDER, o))
        self.conversation_view = ConversationView(
            ConversationModel(self, clock=clock), self, clock=clock
        )
        self.customer_panel = CustomerPanel(self, clock=clock)

        self.banner = MessageBar(lambda c: c.error_back, self)
        self.banner.setAccessibleName(self.tr("Connection"))
        self.problem_bar = MessageBar(lambda c: c.warning_back, self)
        self.problem_bar.actionTriggered.connect(self._problem_action)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.inbox_view)
        self.splitter.addWidget(self.conversation_view)
        self.splitter.addWidget(self.customer_panel)
        # The side panes keep the widths the agent gave them; the conversation takes the
        # rest of the window, and whatever it gains or loses when the window is resized.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("m")
        self._inbox_width = self.settings.get(s.INBOX_WIDTH) or em * INBOX_EM
        self._customer_width = self.settings.get(s.CUSTOMER_WIDTH) or em * CUSTOMER_EM
        self._customer_fits: bool | None = None  # not yet measured
        self.splitter.setSizes([self._inbox_width, em * CONVERSATION_EM, self._customer_width])
        self.splitter.splitterMoved.connect(self._remember_pane_widths)
        self.splitter.installEventFilter(self)  # its resizes fold the customer panel
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.problem_bar)
        # The window's pages: the agent's (the three panes), the supervisor's, signed out.
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.supervisor_page = SupervisorPage(self, clock=clock)
        self.pages.addWidget(self.supervisor_page)
        self.signed_out_page = SignedOutPage(self)
        self.signed_out_page.signInRequested.connect(self.signInRequested)
        self.pages.addWidget(self.signed_out_page)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.connection_label = QLabel(self)
        self.connection_label.setAccessibleName(self.tr("Connection"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Your status"))
        for code, label in agent_statuses().items():
            self.status_combo.addItem(label, code)
        self.status_combo.activated.connect(
            lambda i: self.statusChangeRequested.emit(str(self.status_combo.itemData(i)))
        )
        bar = self.statusBar()
        bar.addWidget(self.connection_label)
        self.sync_status = SyncStatusWidget(self)
        self.sync_status.syncNowRequested.connect(self.syncNowRequested)
        bar.addWidget(self.sync_status)
        bar.addPermanentWidget(QLabel(self.tr("Status:"), self))
        bar.addPermanentWidget(self.status_combo)

        self._build_menus()
        self._connect()
        self.tray = Tray(self, self)
        self.tray.activated.connect(self._bring_forward)
        self.tray.quitRequested.connect(self.close)
        view = self.conversation_view
        # Why an action asked for is not allowed (a shortcut): a passing status bar note.
        view.actionNotAllowed.connect(lambda why: self.statusBar().showMessage(why, NOTE_MS))
        self._shortcuts = bind(
            self,
            {
                "jump_to_conversation": self.jump_to_conversation,
                "next_conversation": lambda: self.inbox_view.select_relative(1),
                "previous_conversation": lambda: self.inbox_view.select_relative(-1),
                "focus_composer": self.conversation_view.focus_composer,
                "open_templates": self.conversation_view.open_templates,
                "claim_conversation": lambda: view.request(Act.CLAIM),
                "release_conversation": lambda: view.request(Act.RELEASE),
                "transfer_conversation": lambda: view.request(Act.TRANSFER),
                "take_over_conversation": lambda: view.request(Act.TAKE_OVER),
                "close_conversation": view.request_close,
                "show_help": self.show_help,
                "show_my_day": self.myDayRequested.emit,
                "toggle_customer_panel": self.toggle_customer_panel,
            },
        )
        self.set_connection(True, None)
        self.apply_settings()
        self.setMinimumSize(MINIMUM_SIZE)
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
        self._add_page_actions(view)
        view.addSeparator()
        for code, title in (
            ("mine", self.tr("&My conversations")),
            ("queue", self.tr("&Queue")),
            ("all", self.tr("&All conversations")),
        ):
            action = QAction(title, self)
            action.triggered.connect(lambda _=False, c=code: self.inbox_view.set_view(c))
            view.addAction(action)
        view.addSeparator()
        self.customer_panel_action = QAction(self.tr("C&ustomer panel"), self)
        self.customer_panel_action.setCheckable(True)
        self.customer_panel_action.setChecked(self.settings.get(s.CUSTOMER_PANEL))
        keys = next(k.keys for k in SHORTCUTS if k.action == "toggle_customer_panel")
        self.customer_panel_action.setToolTip(
            self.tr("Show or hide the customer panel (%1)").replace("%1", native_text(keys))
        )
        self.customer_panel_action.triggered.connect(self.set_customer_panel_wanted)
        view.addAction(self.customer_panel_action)
        self.customer_toggle = QToolButton(self)
        self.customer_toggle.setDefaultAction(self.customer_panel_action)
        self.customer_toggle.setAutoRaise(True)
        menu.setCornerWidget(self.customer_toggle, Qt.Corner.TopRightCorner)
        view.addSeparator()
        jump = QAction(self.tr("&Jump to conversation…"), self)
        jump.triggered.connect(self.jump_to_conversation)
        view.addAction(jump)
        # The key is bound with the other shortcuts; the menu only shows it.
        keys = next(k.keys for k in SHORTCUTS if k.action == "show_my_day")
        self.my_day_action = QAction(self.tr("My &day…") + "\t" + native_text(keys), self)
        self.my_day_action.triggered.connect(self.myDayRequested)
        view.addAction(self.my_day_action)
        help_ = menu.addMenu(self.tr("&Help"))
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.triggered.connect(self.show_help)
        about = QAction(self.tr("&About wa-desk"), self)
        about.triggered.connect(self.show_about)
        help_.addAction(shortcuts)
        help_.addAction(self.tr("Open &log folder"), open_log_folder)
        help_.addAction(about)

    def _add_page_actions(self, view: QMenu) -> None:
        """Inbox (Ctrl+1) and Supervisor (Ctrl+2): the second only for a lead."""
        keys = {k.action: k.keys for k in SHORTCUTS}
        group = QActionGroup(self)
        self.inbox_page_action = QAction(self.tr("&Inbox"), self)
        self.supervisor_page_action = QAction(self.tr("&Supervisor"), self)
        for action, page, name in (
            (self.inbox_page_action, WindowPage.AGENT, "show_inbox"),
            (self.supervisor_page_action, WindowPage.SUPERVISOR, "show_supervisor"),
        ):
            action.setCheckable(True)
            action.setShortcuts([QKeySequence(k) for k in keys[name]])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, p=page: self.choose_page(p))
            group.addAction(action)
            view.addAction(action)
            self.addAction(action)  # its keys work with the menu bar hidden too
        self.inbox_page_action.setChecked(True)
        self._allow_supervisor(False)

    def _allow_supervisor(self, allowed: bool) -> None:
        self.supervisor_page_action.setVisible(allowed)
        self.supervisor_page_action.setEnabled(allowed)

    def _connect(self) -> None:
        m = self.inbox_view.model
        m.dataChanged.connect(self._inbox_changed)
        m.rowsInserted.connect(self._update_unread)
        m.rowsRemoved.connect(self._update_unread)

    # -- inputs -----------------------------------------------------------------------

    def set_user(self, user: dict[str, Any]) -> None:
        self.user = dict(user)
        user_id = str(user.get("id") or "")
        # Who "me" is, for the panes: mine/queue views, what they may do on a conversation
        # (the server's rules, by role and queues), own replies.
        self.inbox_view.set_user_id(user_id)
        self.conversation_view.set_actor(
            Actor.of(user_id, str(user.get("role") or ""), user.get("queues") or ())
        )
        self.conversation_view.model.set_names({user_id: user_name(user)})
        name = isolated(user_name(user))
        self.setWindowTitle(self.tr("wa-desk — %1").replace("%1", name))
        self.set_agent_status(str(user.get("status") or "available"))
        self._allow_supervisor(is_lead(user))

    def show_signed_out(self) -> None:
        """Nobody is signed in: the signed-out page, and nothing that needs a session."""
        self.pages.setCurrentWidget(self.signed_out_page)
        self.inbox_page_action.setEnabled(False)
        self.supervisor_page_action.setEnabled(False)
        self.sign_out_action.setEnabled(False)
        self.status_combo.setEnabled(False)
        self.banner.hide()
        self.problem_bar.hide()
        self.connection_label.setText(self.tr("○ Signed out"))
        self.setWindowTitle("wa-desk")
        self.signed_out_page.sign_in.setFocus()

    def show_work(self) -> None:
        """Someone signed in: the page they looked at last (a lead), else the agent's."""
        self.inbox_page_action.setEnabled(True)
        self._allow_supervisor(self.may_supervise())
        self.show_page(WindowPage(self.settings.get(s.WINDOW_PAGE)))
        self.sign_out_action.setEnabled(True)
        self.status_combo.setEnabled(True)

    def may_supervise(self) -> bool:
        return self.user is not None and is_lead(self.user)

    def page(self) -> WindowPage | None:
        """The working page shown (None: signed out)."""
        current = self.pages.currentWidget()
        if current is self.supervisor_page:
            return WindowPage.SUPERVISOR
        return WindowPage.AGENT if current is self.splitter else None

    def show_page(self, page: WindowPage) -> None:
        """The agent's page, or the supervisor's for a lead (an agent stays on theirs)."""
        supervising = page is WindowPage.SUPERVISOR and self.may_supervise()
        if supervising:
            self.pages.setCurrentWidget(self.supervisor_page)
            self.supervisor_page_action.setChecked(True)
            self.supervisor_page.currentWidget().setFocus()
        else:
            self.pages.setCurrentWidget(self.splitter)
            self.inbox_page_action.setChecked(True)
        self.customer_toggle.setVisible(not supervising)  # the inbox's panel only

    def choose_page(self, page: WindowPage) -> None:
        """The user chose a page (View menu, Ctrl+1, Ctrl+2): shown, and remembered."""
        if page is WindowPage.SUPERVISOR and not self.may_supervise():
            return
        self.show_page(page)
        self.settings.set(s.WINDOW_PAGE, page.value)

    def set_agent_status(self, status: str) -> None:
        index = self.status_combo.findData(status)
        if index >= 0:
            self.status_combo.setCurrentIndex(index)

    def set_connection(self, connected: bool, retry_in: float | None = None) -> None:
        """Connected to the server, or not and (``retry_in``) when it tries again."""
        self._connected = connected
        if connected:
            self._retry_timer.stop()
            self.banner.hide()
            self.connection_label.setText(self.tr("● Connected to the server"))
            return
        self.connection_label.setText(self.tr("○ No connection"))
        self._retry_at = None if retry_in is None else time.monotonic() + retry_in
        self._show_retry()
        if self._retry_at is not None:
            self._retry_timer.start()

    def _show_retry(self) -> None:
        """The banner's countdown to the next try, once a second."""
        left = None if self._retry_at is None else math.ceil(self._retry_at - time.monotonic())
        if left is not None and left > 0:
            title = self.tr("No connection to the server, retrying in %1 s.").replace(
                "%1", str(left)
            )
        else:
            self._retry_timer.stop()
            title = self.tr("No connection to the server. Reconnecting…")
        self.banner.show_text(
            title,
            self.tr("What you write is kept and sent when the connection returns."),
            closable=False,
        )

    def set_waiting(self, waiting: Waiting) -> None:
        """What waits to be sent to the server, as one count (``store.waiting``)."""
        self.sync_status.show_waiting(waiting)

    def set_sync_status(self, status: SyncStatus) -> None:
        """The action log's sync state (``client.event_syncer``)."""
        self.sync_status.show_status(status)

    def show_final_sync(self) -> None:
        """Signing out: the status bar says the last actions are being sent."""
        self.sync_status.show_final_sync()

    def show_problem(self, kind: ProblemKind | str, message: str | None = None) -> None:
        self.problem_bar.show_problem(describe_problem(kind, message))

    def show_alert(self, alert: Problem) -> None:
        """A hub alert, already in the user's words (``app.alerts.describe_alert``)."""
        self.problem_bar.show_problem(alert)

    def notify_message(self, conversation: dict[str, Any], message: dict[str, Any]) -> bool:
        contact = conversation.get("contact") or {}
        # The customer's name and words each in their own isolate, without directional
        # controls: an override cannot turn "Pedido 12345" around in a notification either.
        title = isolated(contact_name(contact))
        return self.tray.notify(title, isolated(preview(message)))

    def apply_settings(self) -> None:
        size = self.settings.get(s.FONT_SIZE)
        app = QApplication.instance()
        if isinstance(app, QApplication) and size:
            font = QFont(app.font())
            font.setPointSize(size)
            app.setFont(font)
        self.tray.notifications = self.settings.get(s.NOTIFICATIONS)
        self.tray.sound = self.settings.get(s.SOUND)

    # -- user actions -------------------------------------------------------------------

    def toggle_customer_panel(self) -> None:
        self.set_customer_panel_wanted(not self.settings.get(s.CUSTOMER_PANEL))

    def set_customer_panel_wanted(self, wanted: bool) -> None:
        """The agent shows or hides the customer panel (remembered); shown, it takes the
        width it had, from the conversation."""
        self.settings.set(s.CUSTOMER_PANEL, wanted)
        self._show_customer_panel(wanted)

    def jump_to_conversation(self) -> None:
        self.inbox_view.search.setFocus()
        self.inbox_view.search.selectAll()

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        language = self.settings.get(s.LANGUAGE)
        dialog.accepted.connect(lambda: self._settings_accepted(language))
        dialog.open()
        return dialog

    def _settings_accepted(self, language_before: str) -> None:
        """What the dialog changed applies at once: font, notifications, the theme, and
        the language (the app builds the window again in it)."""
        self.apply_settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_choice(app, self.settings.get(s.THEME))
        language = self.settings.get(s.LANGUAGE)
        if language != language_before:
            self.languageChosen.emit(language)

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
            conversation = self.inbox_view.model.index(row).data(InboxRoles.CONVERSATION)
            if conversation and conversation.get("id") == current:
                self.conversation_view.update_conversation(conversation)
        self._update_unread()

    def _update_unread(self, *_args: object) -> None:
        self.tray.set_unread(self.inbox_view.model.total_unread())

    def _problem_action(self, kind: str) -> None:
        self.problem_bar.hide()
        if kind == ProblemKind.HUB_UNREACHABLE:
            self.reconnectRequested.emit()
        elif kind == ProblemKind.SESSION_EXPIRED:
            self.signInRequested.emit()

    def _remember_pane_widths(self, *_: object) -> None:
        """The agent dragged a divider: those widths stay, now and at the next start."""
        sizes = self.splitter.sizes()
        self._inbox_width = sizes[0]
        self.settings.set(s.INBOX_WIDTH, sizes[0])
        if self.customer_panel.isVisible() and sizes[2] > 0:
            self._customer_width = sizes[2]
            self.settings.set(s.CUSTOMER_WIDTH, sizes[2])

    def customer_panel_fits(self, width: int | None = None) -> bool:
        """Whether the customer panel leaves the conversation room enough at ``width``
        (the splitter's width by default)."""
        em = self.fontMetrics().horizontalAdvance("m")
        room = max(em * CONVERSATION_MIN_EM, self.conversation_view.minimumSizeHint().width())
        handles = self.splitter.handleWidth() * 2
        panel = max(self._customer_width, self.customer_panel.minimumSizeHint().width())
        total = self.splitter.width() if width is None else width
        return total >= self._inbox_width + room + panel + handles

    def _fit_customer_panel(self) -> None:
        """Below the width where it would squeeze the conversation the panel folds away,
        and comes back (if the agent wants it) when the window is wide again."""
        fits = self.customer_panel_fits()
        if fits == self._customer_fits:
            return
        self._customer_fits = fits
        self._show_customer_panel(fits and self.settings.get(s.CUSTOMER_PANEL))

    def _show_customer_panel(self, shown: bool) -> None:
        self.customer_panel_action.setChecked(shown)
        if shown == self.customer_panel.isVisibleTo(self.splitter):
            return
        self.customer_panel.setVisible(shown)
        total = sum(self.splitter.sizes())
        inbox = self._inbox_width
        if shown:
            panel = max(self._customer_width, self.customer_panel.minimumSizeHint().width())
            self.splitter.setSizes([inbox, max(0, total - inbox - panel), panel])
        else:
            self.splitter.setSizes([inbox, max(0, total - inbox), 0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._fit_customer_panel()
        return super().eventFilter(watched, event)

    def _bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.sync()
        super().closeEvent(event)

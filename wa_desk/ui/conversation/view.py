"""One conversation: a header with its state and actions, the messages, the composer.

The header's buttons (and the composer's Claim and Reopen) are the actions the server
allows this user on this conversation now (``core.conversation_permissions``, the rule
the server enforces), followed as the conversation changes on the stream; a keyboard
shortcut asks through ``request``, which does nothing but say why when the action is not
allowed (``actionNotAllowed``), so no doomed request is ever sent.

Older history loads when the agent scrolls to the top (``ConversationModel.fetch_older``;
the model offers no Qt fetch-more, which a list view fires at its bottom).

Messages that arrive while the agent reads further up leave them where they are and
count on a floating "N new messages ↓" button over the bottom of the list; it takes them
down, and goes once they are there. The agent's own reply always takes them down.

The model holds a window of the history (``ConversationModel.window_rows``): scrolling
to the bottom of a window that does not reach the newest message pages newer messages
in, and the button, or the agent's reply, asks for the newest page (``newestRequested``).
Rows that come or go above the part being read leave the reader on the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.conversation_permissions import (
    Actor,
    ConversationAction,
    Place,
    allowed_actions,
    refusal,
)
from wa_desk.core.message_text import openable
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.common import theme
from wa_desk.ui.common.elided_label import ElidedLabel
from wa_desk.ui.common.labels import disposition
from wa_desk.ui.common.names import assignee_name, contact_name, phone_number, profile_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_kept_dialog import may_keep_a_promise
from wa_desk.ui.common.timefmt import format_duration, format_full, parse_ms
from wa_desk.ui.conversation.composer import Composer, ReplyQuote
from wa_desk.ui.conversation.message_delegate import MessageDelegate, ThumbnailProvider
from wa_desk.ui.conversation.message_list import MessageList
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles, quote_text
from wa_desk.ui.conversation.promise_offer import PromiseOfferBar

# A wider change (every sender's name) lays everything out once instead.
_REMEASURE_ONE_BY_ONE = 64
_MARKER_MARGIN = 12  # px between the new-messages button and the list's bottom


class ConversationView(QWidget):
    claimRequested = Signal(str)
    releaseRequested = Signal(str)
    transferClicked = Signal(str)
    closeClicked = Signal(str)
    reopenRequested = Signal(str)
    takeOverClicked = Signal(str)  # asks to confirm first (it names the agent losing it)
    assignClicked = Signal(str)  # a lead hands it to a member of its queue
    actionNotAllowed = Signal(str)  # why an asked-for action is not allowed, in words
    sendTextRequested = Signal(str, str)
    sendTemplateRequested = Signal(str, str, str, dict)
    downloadRequested = Signal(dict)
    thumbnailRequested = Signal(dict)  # media: a visible picture needs its thumbnail
    pictureOpenRequested = Signal(dict)  # media: show a picture full size
    mediaOpenRequested = Signal(dict)  # media: a video's tile, to save and play
    newestRequested = Signal(str)  # the newest page, past the model's window
    promiseKeptRequested = Signal(dict)  # a reply of the agent's kept a promise: the reply

    def __init__(
        self,
        model: ConversationModel,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], Millis] = now_ms,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._clock = clock
        self._conversation: dict[str, Any] | None = None
        self._user_id: str | None = None
        self._actor: Actor | None = None
        self._distance_from_bottom: int | None = None
        self._unseen = 0  # messages that arrived below while the agent read above
        self._counting: int | None = None  # rows of the insertion under way, if unseen
        self._own_reply = False  # the agent's own message is being added
        # The message at the top of the list and how far above the top it begins, kept
        # across rows coming or going above it (older pages, a window letting go).
        self._reader_at: tuple[str, int] | None = None

        # A long name is elided (whole in its tooltip): the pane keeps its width.
        self.title = ElidedLabel(self)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setAccessibleName(self.tr("Customer"))
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setAccessibleName(self.tr("Conversation state"))
        self.subtitle.setWordWrap(True)  # on a narrow window it takes a second line
        self.release_button = QPushButton(self.tr("Release"), self)
        self.release_button.setToolTip(self.tr("Put the conversation back in its queue"))
        self.transfer_button = QPushButton(self.tr("Transfer…"), self)
        self.close_button = QPushButton(self.tr("Close…"), self)
        self.take_over_button = QPushButton(self.tr("Take over…"), self)
        self.take_over_button.setToolTip(
            self.tr("Take this conversation from the agent who holds it; it becomes yours")
        )
        # A lead's only: hand the conversation to a member of its queue.
        self.assign_button = QPushButton(self.tr("Assign to…"), self)
        self.assign_button.setToolTip(
            self.tr("Hand this conversation to an agent of its queue, whoever holds it now")
        )
        self.assign_button.clicked.connect(self._assign_clicked)
        self._buttons = {
            ConversationAction.RELEASE: self.release_button,
            ConversationAction.TRANSFER: self.transfer_button,
            ConversationAction.CLOSE: self.close_button,
            ConversationAction.TAKE_OVER: self.take_over_button,
        }
        for action, button in self._buttons.items():
            button.clicked.connect(lambda _=False, a=action: self.request(a))
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        for button in self._buttons.values():
            header.addWidget(button)
        header.addWidget(self.assign_button)
        self.header = QFrame(self)
        self.header.setFrameShape(QFrame.Shape.NoFrame)
        self.header.setLayout(header)

        # Before the list sees a change: asking for the row's rect answers its new size,
        # and the height the list laid out must still be the old one when compared.
        model.dataChanged.connect(self._rows_changed)
        self.list = MessageList(self)
        # One layout pass, not batches: a batched QListView paints nothing until its
        # last batch and keeps the scroll position of the first one. Qt measures every
        # row on each insertion; the delegate keeps each row's size until it changes.
        self.list.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.list.setModel(model)
        self.delegate = MessageDelegate(self.list)
        self.delegate.size_slot = model.size_slot
        self.delegate.bubble_of = model.bubble
        self.list.setItemDelegate(self.delegate)
        self.list.setAccessibleName(self.tr("Messages"))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the rows' width never changes when the history grows past one
        # screen (which would measure every row again at the new width).
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.list.setMouseTracking(True)
        self.list.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.delegate.linkActivated.connect(self.open_link)
        self.list.linkClicked.connect(self.open_link)
        self.list.expandToggled.connect(model.set_expanded)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_message_menu)
        self.delegate.downloadActivated.connect(self.downloadRequested)
        self.delegate.thumbnailRequested.connect(self.thumbnailRequested)
        self.delegate.pictureActivated.connect(self.pictureOpenRequested)
        self.delegate.mediaOpenActivated.connect(self.mediaOpenRequested)
        model.rowsAboutToBeInserted.connect(self._before_insert)
        model.rowsInserted.connect(self._after_insert)
        model.rowsAboutToBeRemoved.connect(self._before_remove)
        model.rowsRemoved.connect(self._after_remove)
        model.newerWaiting.connect(self._newer_waiting)
        model.newestNeeded.connect(self.newestRequested)
        # Over the list, not in its viewport (whose children scroll with the rows).
        self.new_messages = QPushButton(self.list)
        self.new_messages.setCursor(Qt.CursorShape.PointingHandCursor)
        self.new_messages.setAccessibleName(self.tr("Go to the newest messages"))
        self.new_messages.clicked.connect(self.scroll_to_newest)
        # The unread badge's colours (as in the inbox), across theme switches.
        theme.follow(self.new_messages, QPalette.ColorRole.Button, lambda c: c.badge)
        theme.follow(
            self.new_messages, QPalette.ColorRole.ButtonText, lambda c: theme.text_on(c.badge)
        )
        self.new_messages.hide()
        self.list.installEventFilter(self)

        # How many promises of the customer are open (the controller knows): a reply's
        # menu offers to mark one kept by it only then.
        self.open_promises: Callable[[], int] = lambda: 0
        self.composer = Composer(self, clock=clock)
        self.promise_offer = PromiseOfferBar(self, clock)
        self.composer.claimRequested.connect(lambda _id: self.request(ConversationAction.CLAIM))
        self.composer.reopenRequested.connect(lambda _id: self.request(ConversationAction.REOPEN))
        self.composer.sendTextRequested.connect(self.sendTextRequested)
        self.composer.sendTemplateRequested.connect(self.sendTemplateRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.promise_offer)
        layout.addWidget(self.composer)
        self._header_timer = QTimer(self)
        self._header_timer.setInterval(30_000)
        self._header_timer.timeout.connect(self._update_header)
        self._header_timer.start()
        self._update_header()

    # -- inputs -----------------------------------------------------------------------

    def set_user_id(self, user_id: str | None) -> None:
        self._user_id = user_id
        self.composer.set_user_id(user_id)
        self._update_header()

    def set_actor(self, actor: Actor | None) -> None:
        """Who is signed in, as the server judges their actions (id, role, queues)."""
        self._actor = actor
        self.set_user_id(None if actor is None else actor.id)

    def allowed(self) -> frozenset[ConversationAction]:
        """What the signed-in user may do on the shown conversation now."""
        place = None if self._conversation is None else Place.of(self._conversation)
        if self._actor is None or place is None:
            return frozenset()
        return allowed_actions(self._actor, place)

    def why_not(self, action: ConversationAction) -> str | None:
        """Why the signed-in user may not take ``action`` on the shown conversation now,
        in their words; None: they may."""
        c = self._conversation
        place = None if c is None else Place.of(c)
        if place is None or self._actor is None:
            return self.tr("Open a conversation first.")
        refused = refusal(self._actor, place, action)
        return None if refused is None else refusal_text(refused.code.value)

    def may_assign(self) -> bool:
        """Whether the signed-in user may hand the shown conversation to someone: a lead
        of its queue (any, for an administrator), while it is open."""
        c, actor = self._conversation, self._actor
        if c is None or actor is None or not actor.leads:
            return False
        return c.get("state") != "closed" and actor.sees(str(c.get("queue") or ""))

    def _assign_clicked(self) -> None:
        c = self._conversation
        if c is not None and self.may_assign():
            self.assignClicked.emit(str(c["id"]))

    def request(self, action: ConversationAction) -> bool:
        """Take ``action`` on the shown conversation (a button, the composer, a shortcut)
        if it is allowed; otherwise say why (``actionNotAllowed``) and send nothing."""
        c = self._conversation
        why = self.why_not(action)
        if c is None or why is not None:
            self.actionNotAllowed.emit(why or "")
            return False
        signal = {
            ConversationAction.CLAIM: self.claimRequested,
            ConversationAction.RELEASE: self.releaseRequested,
            ConversationAction.TRANSFER: self.transferClicked,
            ConversationAction.CLOSE: self.closeClicked,
            ConversationAction.REOPEN: self.reopenRequested,
            ConversationAction.TAKE_OVER: self.takeOverClicked,
        }[action]
        signal.emit(str(c["id"]))
        return True

    def show_conversation(
        self,
        conversation: dict[str, Any],
        messages: list[dict[str, Any]],
        older_cursor: str | None = None,
    ) -> None:
        """Show a conversation and its latest messages (``older_cursor``: more above)."""
        if self.promise_offer.conversation_id != conversation.get("id"):
            self.promise_offer.withdraw()  # an offer belongs to the reply that made it
        self._conversation = dict(conversation)
        self.delegate.selection = None  # a selection belongs to the conversation it was in
        names = {}
        if conversation.get("assignee") and conversation.get("assignee_name"):
            names[str(conversation["assignee"])] = str(conversation["assignee_name"])
        self.model.set_names(names)
        self.model.show(str(conversation["id"]), messages, older_cursor)
        self._seen_all()
        self.composer.set_conversation(self._conversation)
        self._update_header()
        QTimer.singleShot(0, self, self._scroll_to_bottom_and_fill)

    def update_conversation(self, conversation: dict[str, Any]) -> None:
        """The shown conversation changed (claimed, closed, window...): header and composer."""
        if self._conversation is None or conversation.get("id") != self._conversation.get("id"):
            return
        self._conversation = dict(conversation)
        self.composer.set_conversation(self._conversation)
        self._update_header()

    def clear(self) -> None:
        self._conversation = None
        self.model.show("", [])
        self._seen_all()
        self.composer.set_conversation(None)
        self._update_header()

    def show_sent(self, message: dict[str, Any]) -> None:
        """The agent's own reply: shown, and the list taken down to it wherever they
        were reading."""
        self._own_reply = True
        try:
            self.model.append([message])
        finally:
            self._own_reply = False
        QTimer.singleShot(0, self, self.scroll_to_newest)

    def scroll_to_newest(self) -> None:
        if not self.model.reaches_newest() and self.model.conversation_id:
            self.newestRequested.emit(self.model.conversation_id)
            return
        self.list.scrollToBottom()
        self._seen_all()

    def show_newest(self, messages: list[dict[str, Any]], older_cursor: str | None) -> None:
        """The newest page of the conversation shown, replacing a window further up."""
        if not self.model.conversation_id:
            return
        self.model.show(self.model.conversation_id, messages, older_cursor)
        self._seen_all()
        QTimer.singleShot(0, self, self._scroll_to_bottom_and_fill)

    def unseen_count(self) -> int:
        """Messages that arrived below the part of the list the agent is reading."""
        return self._unseen

    # -- media thumbnails (wa_desk.ui.media.controller) --

    def set_thumbnail_provider(self, provider: ThumbnailProvider | None) -> None:
        self.delegate.thumbnail_provider = provider
        self.list.viewport().update()

    def thumbnails_changed(self) -> None:
        """Repaint the visible rows; their slots keep their size, so no relayout."""
        self.list.viewport().update()

    # -- a message's words: links, copying, replying --

    @staticmethod
    def open_link(url: str) -> None:
        """Open a link from a message, only when its scheme is one links are made with
        (web, mail, phone): a customer's text never opens anything else."""
        if openable(url):
            QDesktopServices.openUrl(QUrl(url))

    def message_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of the message at ``index`` (of the list's model)."""
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"))
        copy.triggered.connect(lambda: self._copy(self.delegate.copy_text(index)))
        reply = menu.addAction(self.tr("Reply"))
        quote = self._quote_of(index)
        reply.setEnabled(quote is not None and self.composer.can_write())
        reply.triggered.connect(lambda: self.composer.set_reply(quote))
        copy_time = menu.addAction(self.tr("Copy time"))
        when = format_full(int(index.data(MessageRoles.TIMESTAMP) or 0))
        copy_time.triggered.connect(lambda: self._copy(when))
        message = index.data(MessageRoles.MESSAGE)
        if (
            isinstance(message, dict)
            and not index.data(MessageRoles.NOTICE)
            and may_keep_a_promise(message)
            and self.open_promises() > 0
        ):
            kept = menu.addAction(self.tr("This kept a promise…"))
            kept.triggered.connect(lambda: self.promiseKeptRequested.emit(message))
        return menu

    def _show_message_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        menu = self.message_menu(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    @staticmethod
    def _copy(text: str) -> None:
        if text:
            QApplication.clipboard().setText(text)

    def _quote_of(self, index: QModelIndex) -> ReplyQuote | None:
        """What a reply to this message quotes; None when it cannot be answered (not yet
        sent to WhatsApp, or a notice)."""
        message = index.data(MessageRoles.MESSAGE)
        if not isinstance(message, dict) or not message.get("wamid"):
            return None
        if index.data(MessageRoles.NOTICE):
            return None
        if index.data(MessageRoles.DIRECTION) == "out":
            sender = str(message.get("sender") or "")
            if sender and sender == self._user_id:
                who = self.tr("You")
            else:
                who = str(index.data(MessageRoles.SENDER) or "") or self.tr("An agent")
        else:
            contact = (self._conversation or {}).get("contact") or {}
            who = contact_name(contact)
        return ReplyQuote(str(message["wamid"]), who, quote_text(message))

    def current_id(self) -> str | None:
        return None if self._conversation is None else str(self._conversation["id"])

    def current_conversation(self) -> dict[str, Any] | None:
        """The shown conversation as last updated (a copy)."""
        return None if self._conversation is None else dict(self._conversation)

    def focus_composer(self) -> None:
        self.composer.focus_editor()

    def open_templates(self) -> None:
        self.composer.open_templates()

    def request_close(self) -> None:
        """The close shortcut: as the Close button."""
        self.request(ConversationAction.CLOSE)

    # -- internals --------------------------------------------------------------------

    def _update_header(self) -> None:
        c = self._conversation
        allowed = self.allowed()
        for action, button in self._buttons.items():
            button.setVisible(action in allowed)
        self.assign_button.setVisible(self.may_assign())
        self.composer.set_allowed(allowed)
        if c is None:
            self.title.setText(self.tr("No conversation selected"))
            self.subtitle.setText("")
            return
        contact = c.get("contact") or {}
        # The customer's name in its own isolate, its directional controls dropped.
        self.title.setText(isolated(contact_name(contact)))
        parts = [phone_number(contact)] if profile_name(contact) else []
        state = c.get("state")
        if state == "assigned":
            parts.append(self.tr("Assigned to %1").replace("%1", isolated(assignee_name(c))))
        elif state == "queued":
            parts.append(self.tr("Waiting in queue %1").replace("%1", str(c.get("queue") or "")))
        elif state == "closed":
            parts.append(self.tr("Closed (%1)").replace("%1", disposition(c.get("disposition"))))
        if state != "closed":
            expires = parse_ms(c.get("window_expires_at"))
            if expires is None:
                pass
            elif expires > self._clock():
                parts.append(
                    self.tr("24 h window: %1 left").replace(
                        "%1", format_duration(expires - self._clock())
                    )
                )
            else:
                parts.append(self.tr("24 h window closed"))
        self.subtitle.setText(" · ".join(parts))

    def _at_bottom(self) -> bool:
        bar = self.list.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def _scroll_to_bottom_and_fill(self) -> None:
        self.list.scrollToBottom()
        self._fill_if_short()

    def _fill_if_short(self) -> None:
        # A short page leaves no scroll bar to pull: ask for the previous page right away.
        if self.list.verticalScrollBar().maximum() == 0 and self.model.can_fetch_older():
            self.model.fetch_older()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.Resize:
            self._place_marker()
        return super().eventFilter(watched, event)

    def _seen_all(self) -> None:
        self._unseen = 0
        self.new_messages.hide()

    def _show_marker(self) -> None:
        n = self._unseen
        # English, the source language, loads no translation: no "%n" plural forms.
        if n == 1:
            text = self.tr("1 new message ↓")
        else:
            text = self.tr("%1 new messages ↓").replace("%1", str(n))
        self.new_messages.setText(text)
        self.new_messages.setToolTip(self.tr("Go to the newest messages"))
        self.new_messages.adjustSize()
        self._place_marker()
        self.new_messages.show()
        self.new_messages.raise_()

    def _place_marker(self) -> None:
        button, area = self.new_messages, self.list.viewport().geometry()
        size = button.sizeHint()
        button.resize(size)
        button.move(
            area.left() + (area.width() - size.width()) // 2,
            area.bottom() - size.height() - _MARKER_MARGIN,
        )

    def _scrolled(self, value: int) -> None:
        at_bottom = self._at_bottom()
        if self._unseen and at_bottom and self.model.reaches_newest():
            self._seen_all()
        if self._reader_at is not None:
            return  # rows above are moving: where the reader is comes back first
        if value == self.list.verticalScrollBar().minimum() and self.model.can_fetch_older():
            self.model.fetch_older()
        elif at_bottom and value > 0 and self.model.can_fetch_newer():
            self.model.fetch_newer()

    def _newer_waiting(self, count: int) -> None:
        """New messages past the window: counted on the button, as below the reader."""
        self._unseen += count
        self._show_marker()

    def _reader_place(self) -> tuple[str, int] | None:
        index = self.list.indexAt(QPoint(1, 1))
        if not index.isValid():
            return None
        return str(index.data(MessageRoles.ID)), self.list.visualRect(index).top()

    def _keep_reader_place(self) -> None:
        """Once the rows above moved, the message the reader had at the top goes back
        where it was (queued after the layout the change asked for)."""
        if self._reader_at is None:
            return
        place = self._reader_at

        def restore() -> None:
            row = self.model.row_of(place[0])
            if row is not None:
                # Runs the layout the change queued, then puts the row at the top.
                top = QAbstractItemView.ScrollHint.PositionAtTop
                self.list.scrollTo(self.model.index(row, 0), top)
                bar = self.list.verticalScrollBar()
                bar.setValue(bar.value() - place[1])
            self._reader_at = None
            self._fill_if_short()

        QTimer.singleShot(0, self, restore)

    def _before_remove(self, _parent: QModelIndex, first: int, _last: int) -> None:
        # Not when following new messages at the bottom: the newest stays in sight.
        following = self._at_bottom() and not self.model.paging
        if first == 0 and self._reader_at is None and not following:
            self._reader_at = self._reader_place()

    def _after_remove(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first == 0:
            self._keep_reader_place()

    def _rows_changed(
        self,
        top: QModelIndex | QPersistentModelIndex,
        bottom: QModelIndex | QPersistentModelIndex,
        _roles: list[int] | None = None,
    ) -> None:
        """A status, an edit or a reaction can change a bubble's height: the view lays
        rows out again only when a changed row's height did change."""
        if _roles == [int(MessageRoles.SENDER)]:
            return  # a name is one elided line: repainted, never taller
        at_bottom = self._at_bottom()
        if bottom.row() - top.row() >= _REMEASURE_ONE_BY_ONE:
            self.delegate.sizeHintChanged.emit(top)
        else:
            for row in range(top.row(), bottom.row() + 1):
                self.delegate.remeasure(self.model.index(row, 0))
        if at_bottom and self._reader_at is None and not self.model.paging:
            # A taller row (a failure's reason) must not push the newest message out;
            # queued after the layout that the new height asked for.
            QTimer.singleShot(0, self, self.list.scrollToBottom)

    def _before_insert(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._counting = None
        if first == 0 and self.model.rowCount() > 0:
            self._distance_from_bottom = None
            if self._reader_at is None:
                self._reader_at = self._reader_place()  # an older page: keep the place
        elif self.model.paging:
            # A newer page: the reader stays put, also when the oldest rows go next
            # (asked now: once rows went in, the list knows where they are only after
            # its next layout).
            self._distance_from_bottom = None
            if self._reader_at is None:
                self._reader_at = self._reader_place()
        elif self._own_reply or self._at_bottom():
            self._distance_from_bottom = 0  # follow new messages
        else:
            self._distance_from_bottom = None
            if first == self.model.rowCount():  # newer than everything (not a late page's)
                self._counting = last - first + 1

    def _after_insert(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first == 0 or self.model.paging:
            self._keep_reader_place()
        distance = self._distance_from_bottom
        self._distance_from_bottom = None
        if self._counting:
            self._unseen += self._counting
            self._counting = None
            self._show_marker()
        if distance is None:
            return

        def restore() -> None:
            # scrollToBottom first runs the layout the insertion queued (this timer may
            # come before it), so the scroll bar's maximum counts the new rows.
            self.list.scrollToBottom()
            bar = self.list.verticalScrollBar()
            bar.setValue(bar.maximum() - distance)
            self._fill_if_short()

        QTimer.singleShot(0, self, restore)

"""Writing to the customer: free text inside the 24 h window, templates outside it.

Who may write is decided with the same rules the hub applies (``wa_desk.core``):
someone else's or a queued conversation offers Claim; a closed one offers Reopen; a
closed window disables free text, says why, and opens the template form.

While typing, the draft is judged with the hub's guideline rules (``core.text_rules``,
the code the hub refuses with): a ``warn`` rule shows its message and Send waits for a
deliberate "Send anyway"; a ``block`` rule disables Send and says why.

What the agent types is announced as the conversation's draft (``draftEdited``), to be
kept; a kept draft comes back through ``restore_draft`` and is judged at once, as typed
text is. Clearing the editor for another conversation or for a send is no edit.

Canned replies (``core.canned_replies``): ``/`` typed at the start of the draft, or
``/shortcut`` anywhere in it, opens the picker; the chosen reply replaces what opened it,
with the customer's and the agent's names and the queue filled in. A variable still to
complete is highlighted, its first one selected, and Send waits until none is left; the
send then says which reply it came from (``sendCannedRequested``), to be logged with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.canned_replies import AGENT_NAME, CUSTOMER_NAME, QUEUE, CannedReply
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.conversation_permissions import ConversationAction
from wa_desk.core.guidelines import Guidelines, draft_facts
from wa_desk.core.text_rules import Rule, RuleSeverity, first_block, matching_rules
from wa_desk.core.window import window_is_open
from wa_desk.ui.common import theme
from wa_desk.ui.common.names import assignee_name, profile_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.conversation.canned_draft import CannedDraft
from wa_desk.ui.conversation.canned_picker import CannedPicker
from wa_desk.ui.conversation.template_form import TemplateForm

MAX_TEXT_CHARS = 4096
WINDOW_CHECK_MS = 15_000
JUDGE_DELAY_MS = 150  # typing pauses this long before the draft is judged


@dataclass(frozen=True, slots=True)
class ReplyQuote:
    """The message a reply answers, as the quote bar above the editor shows it."""

    wamid: str  # WhatsApp's id of the quoted message: the send carries it
    who: str  # whose message it is: the customer's name, or an agent's
    text: str  # one line of it, plain


class ReplyBar(QFrame):
    """Above the editor while the agent answers one message: who and what, and ×."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.accent = QFrame(self)
        self.accent.setFixedWidth(max(3, self.fontMetrics().height() // 5))
        self.accent.setAutoFillBackground(True)
        theme.follow(self.accent, QPalette.ColorRole.Window, lambda c: c.quote_bar)
        self.who = QLabel(self)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.who.font()
        bold.setBold(True)
        self.who.setFont(bold)
        self.quote = QLabel(self)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)  # the customer's words
        self.quote.setAccessibleName(self.tr("Quoted message"))
        theme.follow(self.quote, QPalette.ColorRole.WindowText, lambda c: c.muted)
        self._full = ""
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Do not reply to this message"))
        self.close_button.setAccessibleName(self.tr("Cancel the reply"))
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.who)
        texts.addWidget(self.quote)
        row = QHBoxLayout(self)
        margin = self.fontMetrics().height() // 4
        row.setContentsMargins(margin, margin, margin, margin)
        row.addWidget(self.accent)
        row.addLayout(texts, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_quote(self, quote: ReplyQuote) -> None:
        self.who.setText(self.tr("Replying to %1").replace("%1", isolated(quote.who)))
        self._full = isolated(quote.text)
        self._elide()
        self.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.quote.width())
        self.quote.setText(
            self.quote.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        )


class MessageEdit(QPlainTextEdit):
    """Enter sends; Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    sendTextRequested = Signal(str, str)
    sendTemplateRequested = Signal(str, str, str, dict)
    claimRequested = Signal(str)
    reopenRequested = Signal(str)
    # A text sent over warnings: conversation id, text, the ids of the rules overridden.
    sendTextOverriding = Signal(str, str, list)
    # guideline.warned / guideline.blocked: kind, conversation id, {"rule", "length"}
    guidelineEvent = Signal(str, str, dict)
    draftEdited = Signal(str, str)  # conversation id, the editor's whole text
    # A text that answers one message: conversation id, text, the quoted message's
    # WhatsApp id, the ids of the guideline rules sent over (may be empty).
    sendReplyRequested = Signal(str, str, str, list)
    # A text that came from a canned reply: conversation id, text, the quoted message's
    # WhatsApp id ("" when none), the guideline rules sent over, {"name", "language"}.
    sendCannedRequested = Signal(str, str, str, list, dict)

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._conversation: dict[str, Any] | None = None
        self._user_id: str | None = None
        # What the server allows this user on the conversation (the view says).
        self._allowed: frozenset[ConversationAction] = frozenset()
        self._guidelines = Guidelines()
        self._matched: tuple[Rule, ...] = ()
        self._reported: set[tuple[str, str]] = set()  # (kind, rule id) logged for this draft
        self._quiet = False  # the app, not the agent, is changing the editor's text
        self._reply: ReplyQuote | None = None
        self._agent_name = ""
        # Drafts that came from a canned reply, by conversation: a draft kept while the
        # agent is elsewhere, or a send the app could not record, comes back as text
        # (restore_draft) and takes its reply back with it, to be logged when sent.
        self._canned_texts: dict[str, tuple[str, CannedReply]] = {}

        self.pages = QStackedWidget(self)
        # Nothing selected.
        self.empty_page = QLabel(self.tr("Select a conversation to answer it."), self)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Someone else's, or waiting in a queue.
        self.claim_page = QWidget(self)
        self.claim_reason = QLabel(self.claim_page)
        self.claim_reason.setTextFormat(Qt.TextFormat.PlainText)  # it names a colleague
        self.claim_reason.setWordWrap(True)
        self.claim_button = QPushButton(self.tr("Claim conversation"), self.claim_page)
        self.claim_button.setAccessibleName(self.tr("Claim conversation"))
        self.claim_button.clicked.connect(self._claim)
        row = QHBoxLayout(self.claim_page)
        row.addWidget(self.claim_reason, 1)
        row.addWidget(self.claim_button)
        # Closed.
        self.closed_page = QWidget(self)
        closed_label = QLabel(self.tr("This conversation is closed."), self.closed_page)
        self.reopen_button = QPushButton(self.tr("Reopen"), self.closed_page)
        self.reopen_button.clicked.connect(self._reopen)
        row = QHBoxLayout(self.closed_page)
        row.addWidget(closed_label, 1)
        row.addWidget(self.reopen_button)
        # Writing.
        self.write_page = QWidget(self)
        self.window_reason = QLabel(self.write_page)
        self.window_reason.setWordWrap(True)
        self.window_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reply_bar = ReplyBar(self.write_page)
        self.reply_bar.close_button.clicked.connect(lambda: self.set_reply(None))
        self.reply_bar.hide()
        self.editor = MessageEdit(self.write_page)
        self.editor.setPlaceholderText(
            self.tr("Write a message (Enter sends, Shift+Enter: new line)")
        )
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.setTabChangesFocus(True)
        lines = 3
        self.editor.setFixedHeight(
            self.editor.fontMetrics().lineSpacing() * lines + self.editor.fontMetrics().height()
        )
        self.editor.textChanged.connect(self._update_counter)
        self.editor.textChanged.connect(self._schedule_judge)
        self.editor.textChanged.connect(self._edited)
        self.canned_picker = CannedPicker(self.write_page)
        self.canned_picker.dismissed.connect(self.focus_editor)
        self.canned_picker.hide()
        self.canned = CannedDraft(self.editor, self.canned_picker, self.can_write)
        self.canned.changed.connect(self._show_guidance)
        self.canned_picker.chosen.connect(lambda *_: self.judge_draft())
        self.editor.textChanged.connect(self._canned_text_changed)
        self.canned_button = QPushButton(self.tr("Canned replies…"), self.write_page)
        self.canned_button.setToolTip(
            self.tr("Insert a canned reply (type / at the start of the message)")
        )
        self.canned_button.clicked.connect(lambda: self.open_canned(""))
        self.editor.submitted.connect(self.send_text)
        self.counter = QLabel(self.write_page)
        self.counter.setAccessibleName(self.tr("Characters"))
        self._counter_tone: Callable[[theme.Colors], QColor] = lambda c: c.muted
        self._counter_color = theme.follow(
            self.counter, QPalette.ColorRole.WindowText, lambda c: self._counter_tone(c)
        )
        self.guidance = QLabel(self.write_page)
        self._guidance_tone: Callable[[theme.Colors], QColor] = lambda c: c.muted
        self._guidance_color = theme.follow(
            self.guidance, QPalette.ColorRole.WindowText, lambda c: self._guidance_tone(c)
        )
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance.setAccessibleName(self.tr("Guideline"))
        self.guidance.setVisible(False)
        self.send_anyway = QCheckBox(self.tr("Send anyway"), self.write_page)
        self.send_anyway.setAccessibleName(self.tr("Send anyway, despite the warning"))
        self.send_anyway.setVisible(False)
        self.send_anyway.toggled.connect(self._update_send)
        self._judge_timer = QTimer(self)
        self._judge_timer.setSingleShot(True)
        self._judge_timer.setInterval(JUDGE_DELAY_MS)
        self._judge_timer.timeout.connect(self.judge_draft)
        self.send_button = QPushButton(self.tr("Send"), self.write_page)
        self.send_button.clicked.connect(self.send_text)
        self.templates_button = QPushButton(self.tr("Templates…"), self.write_page)
        self.templates_button.setCheckable(True)
        self.templates_button.toggled.connect(self._toggle_templates)
        self.template_form = TemplateForm(self.write_page)
        self.template_form.changed.connect(self._update_template_send)
        self.template_form.submitted.connect(self.send_template)
        self.template_send = QPushButton(self.tr("Send template"), self.write_page)
        self.template_send.clicked.connect(self.send_template)
        # Why Send template is disabled, next to it (a tooltip alone is found by no one).
        self.template_reason = QLabel(self.write_page)
        self.template_reason.setTextFormat(Qt.TextFormat.PlainText)  # it quotes template text
        self.template_reason.setWordWrap(True)
        self.template_reason.setAccessibleName(self.tr("Why the template cannot be sent yet"))
        self.template_box = QWidget(self.write_page)
        tbox = QVBoxLayout(self.template_box)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addWidget(self.template_form)
        send_row = QHBoxLayout()
        send_row.addWidget(self.template_reason, 1)
        send_row.addWidget(self.template_send, 0, Qt.AlignmentFlag.AlignTop)
        tbox.addLayout(send_row)
        self.template_box.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.templates_button)
        buttons.addWidget(self.canned_button)
        buttons.addStretch(1)
        buttons.addWidget(self.counter)
        buttons.addWidget(self.send_anyway)
        buttons.addWidget(self.send_button)
        write = QVBoxLayout(self.write_page)
        write.setContentsMargins(0, 0, 0, 0)
        write.addWidget(self.window_reason)
        write.addWidget(self.template_box)
        write.addWidget(self.reply_bar)
        write.addWidget(self.canned_picker)
        write.addWidget(self.editor)
        write.addWidget(self.guidance)
        write.addLayout(buttons)

        for page in (self.empty_page, self.claim_page, self.closed_page, self.write_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._window_timer = QTimer(self)
        self._window_timer.setInterval(WINDOW_CHECK_MS)
        self._window_timer.timeout.connect(self.refresh)
        self._window_timer.start()
        self._update_counter()
        self.refresh()

    # -- inputs -----------------------------------------------------------------------

    def set_user_id(self, user_id: str | None) -> None:
        self._user_id = user_id
        self.refresh()

    def set_allowed(self, allowed: frozenset[ConversationAction]) -> None:
        """The actions allowed on the conversation now: Claim and Reopen follow them."""
        if allowed != self._allowed:
            self._allowed = allowed
            self.refresh()

    def set_conversation(self, conversation: dict[str, Any] | None) -> None:
        if (conversation or {}).get("id") != (self._conversation or {}).get("id"):
            left, reply = self._conversation, self.canned.reply()
            if left is not None and reply is not None:
                self._canned_texts[str(left["id"])] = (self.editor.toPlainText(), reply)
            self._conversation = conversation
            self._set_text("")
            self._new_draft()
            self.templates_button.setChecked(False)
            self.template_form.clear()  # values for one customer never go to another
            self.set_reply(None)
            self.canned_picker.hide()
        self._conversation = conversation
        self._update_canned_replies()
        contact = (conversation or {}).get("contact") or {}
        self.template_form.set_opted_out(contact.get("marketing_opt_out") is not None)
        self.refresh()

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        self.template_form.set_templates(templates)

    def set_guidelines(self, guidelines: Guidelines) -> None:
        self._guidelines = guidelines
        self._update_canned_replies()
        self.judge_draft()

    def set_agent_name(self, name: str) -> None:
        """What ``{{agent_name}}`` becomes in a canned reply."""
        self._agent_name = name
        self._update_canned_replies()

    def set_reply(self, quote: ReplyQuote | None) -> None:
        """Answer ``quote``'s message with the next text (None: a plain message again)."""
        self._reply = quote
        if quote is None:
            self.reply_bar.hide()
            return
        self.reply_bar.show_quote(quote)
        self.focus_editor()

    def reply(self) -> ReplyQuote | None:
        return self._reply

    def can_write(self) -> bool:
        """Whether the agent can write a text here now (theirs, open, in the window)."""
        return self.pages.currentWidget() is self.write_page and self.editor.isEnabled()

    def focus_editor(self) -> None:
        if self.pages.currentWidget() is self.write_page and self.editor.isEnabled():
            self.editor.setFocus()

    def open_templates(self) -> None:
        if self.pages.currentWidget() is self.write_page:
            self.templates_button.setChecked(True)
            self.template_form.search.setFocus()

    # -- state ----------------------------------------------------------------------------

    def window_open(self) -> bool:
        c = self._conversation or {}
        return window_is_open(parse_ms(c.get("last_inbound_at")), self._clock())

    def refresh(self) -> None:
        c = self._conversation
        if c is None:
            self._show_page(self.empty_page)
            return
        state = c.get("state")
        if state == "closed":
            self.reopen_button.setEnabled(ConversationAction.REOPEN in self._allowed)
            self._show_page(self.closed_page)
            return
        if state != "assigned" or c.get("assignee") != self._user_id:
            if state == "assigned":
                who = assignee_name(c)
                self.claim_reason.setText(
                    self.tr("%1 is answering this conversation.").replace("%1", isolated(str(who)))
                )
                self.claim_button.setEnabled(False)
            else:
                self.claim_reason.setText(
                    self.tr("This conversation is waiting in the queue. Claim it to answer.")
                )
                self.claim_button.setEnabled(ConversationAction.CLAIM in self._allowed)
            self._show_page(self.claim_page)
            return
        self._show_page(self.write_page)
        is_open = self.window_open()
        self.editor.setEnabled(is_open)
        # Closed, the editor can take no text: its room goes to the template form.
        self.editor.setVisible(is_open)
        self._update_send()
        self.canned_button.setEnabled(is_open and bool(self.canned_replies()))
        if not is_open:
            self.canned_picker.hide()
        if is_open:
            self.window_reason.setVisible(False)
            self.templates_button.setEnabled(True)
            self.template_box.setVisible(self.templates_button.isChecked())
        else:
            self.window_reason.setText(
                self.tr(
                    "More than 24 hours have passed since the customer last wrote, so WhatsApp "
                    "only allows approved templates. Send one to restart the conversation."
                )
            )
            self.window_reason.setVisible(True)
            self.templates_button.setEnabled(False)
            self.template_box.setVisible(True)
        self._update_template_send()

    def _show_page(self, page: QWidget) -> None:
        # A stack is as tall as its tallest page; hidden pages must not count.
        for i in range(self.pages.count()):
            other = self.pages.widget(i)
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            if other is not None:
                other.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(page)
        # Not adjustSize(): that shrinks the stack to its hint, and a layout that sees no
        # change of the composer's own size never widens it again (a squeezed editor).
        self.pages.updateGeometry()
        self.updateGeometry()

    # -- actions ----------------------------------------------------------------------

    def send_text(self) -> None:
        c = self._conversation
        text = self.editor.toPlainText().strip()
        if c is None or not text or not self._text_ok() or not self.window_open():
            return
        self.judge_draft()  # Enter may come before the typing pause
        if self.blocked_by() is not None:
            return
        if self.missing_values():
            self.canned.select_first_variable()
            return
        warned = self.warned_by()
        if warned and not self.send_anyway.isChecked():
            self.send_anyway.setFocus()
            return
        overridden = [r.id for r in warned]
        canned = self.canned.reply()
        # Cleared first: a send the app cannot record puts the text back (restore_draft).
        # Not an edit: the store forgets the draft with the recorded send, and only then.
        self._set_text("")
        self._new_draft()
        reply, self._reply = self._reply, None
        if canned is not None:
            self._canned_texts[str(c["id"])] = (text, canned)
            if reply is not None:
                self.set_reply(None)
            used = {"name": canned.name, "language": canned.language}
            wamid = reply.wamid if reply is not None else ""
            self.sendCannedRequested.emit(str(c["id"]), text, wamid, overridden, used)
        elif reply is not None:
            self.set_reply(None)
            self.sendReplyRequested.emit(str(c["id"]), text, reply.wamid, overridden)
        elif overridden:
            self.sendTextOverriding.emit(str(c["id"]), text, overridden)
        else:
            self.sendTextRequested.emit(str(c["id"]), text)

    def restore_draft(self, conversation_id: str, text: str) -> None:
        """The agent's text back in the editor: their kept draft when the conversation
        is shown again, or a send the app could not record (a full disk); unless they
        have moved on to another conversation or started another draft. It is judged
        at once, as a pause in typing would."""
        c = self._conversation
        if c is None or str(c["id"]) != conversation_id or self.editor.toPlainText():
            return
        if not text:
            return
        self._set_text(text)
        kept = self._canned_texts.pop(conversation_id, None)
        if kept is not None and kept[0] == text:
            self.canned.adopt(kept[1])  # its send is still to be logged with it
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.judge_draft()

    def _set_text(self, text: str) -> None:
        self._quiet = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._quiet = False

    def _edited(self) -> None:
        c = self._conversation
        if not self._quiet and c is not None:
            self.draftEdited.emit(str(c["id"]), self.editor.toPlainText())

    def send_template(self) -> None:
        """One click, one send: the form is cleared before the send is asked for, so a
        second click or Enter finds nothing to send (and the outbox entry's idempotency
        key makes its retries one send at the server). A send the app could not record
        puts the values back (``restore_template``)."""
        c = self._conversation
        form = self.template_form
        template = form.current()
        if c is None or template is None or not form.is_complete():
            return
        params = form.params().to_json()
        form.clear()
        if self.window_open():
            self.templates_button.setChecked(False)
        else:
            form.search.setFocus()  # the next template, if any, starts here
        self.sendTemplateRequested.emit(str(c["id"]), template.name, template.language, params)

    def restore_template(
        self, conversation_id: str, name: str, language: str, params: dict[str, Any]
    ) -> None:
        """A template send that could not be recorded, back in the form as it was filled
        in, unless the agent has moved on to another conversation or template."""
        c = self._conversation
        if c is None or str(c["id"]) != conversation_id:
            return
        if self.template_form.restore(name, language, params):
            self.templates_button.setChecked(True)
            self.refresh()

    def _claim(self) -> None:
        if self._conversation is not None:
            self.claimRequested.emit(str(self._conversation["id"]))

    def _reopen(self) -> None:
        if self._conversation is not None:
            self.reopenRequested.emit(str(self._conversation["id"]))

    def _toggle_templates(self, checked: bool) -> None:
        if self.window_open():
            self.template_box.setVisible(checked)

    def _text_ok(self) -> bool:
        return 0 < len(self.editor.toPlainText()) <= MAX_TEXT_CHARS

    # -- guidelines -------------------------------------------------------------------

    def blocked_by(self) -> Rule | None:
        return first_block(self._matched)

    def warned_by(self) -> tuple[Rule, ...]:
        return tuple(r for r in self._matched if r.severity is RuleSeverity.WARN)

    def judge_draft(self) -> None:
        """Judge the draft now: show what it breaks, report each rule once per draft."""
        self._judge_timer.stop()
        text = self.editor.toPlainText()
        if not text.strip():
            self._new_draft()
            return
        before = {r.id for r in self.warned_by()}
        self._matched = matching_rules(self._guidelines.rules, text)
        if {r.id for r in self.warned_by()} - before:
            self.send_anyway.setChecked(False)  # a new warning needs its own decision
        c = self._conversation
        for rule in self._matched:
            blocks = rule.severity is RuleSeverity.BLOCK
            kind = "guideline.blocked" if blocks else "guideline.warned"
            if c is not None and (kind, rule.id) not in self._reported:
                self._reported.add((kind, rule.id))
                self.guidelineEvent.emit(kind, str(c["id"]), {"rule": rule.id, **draft_facts(text)})
        self._show_guidance()

    def _new_draft(self) -> None:
        self._judge_timer.stop()
        self.canned.forget()
        self._matched = ()
        self._reported.clear()
        self.send_anyway.setChecked(False)
        self._show_guidance()

    def _schedule_judge(self) -> None:
        if self._guidelines.rules:
            self._judge_timer.start()

    def _show_guidance(self) -> None:
        blocked, warned, missing = self.blocked_by(), self.warned_by(), self.missing_values()
        tone: Callable[[theme.Colors], QColor]
        if blocked is not None:
            text = self.tr("Cannot be sent: %1").replace("%1", blocked.message)
            tone = lambda c: c.failed  # noqa: E731
        elif missing:
            names = ", ".join("{{" + m + "}}" for m in missing)
            text = self.tr(
                "Not sent yet: write the value of %1 in its place (highlighted) first."
            ).replace("%1", names)
            tone = lambda c: c.warning_text  # noqa: E731
        elif warned:
            text = self.tr("Check before sending: %1").replace(
                "%1", " ".join(r.message for r in warned)
            )
            tone = lambda c: c.warning_text  # noqa: E731
        else:
            text, tone = "", lambda c: c.muted
        self.guidance.setText(text)
        self._guidance_tone = tone  # the colour follows the theme from here on
        self._guidance_color.apply()
        self.guidance.setVisible(bool(text))
        self.send_anyway.setVisible(blocked is None and not missing and bool(warned))
        self._update_send()

    def _update_send(self) -> None:
        ok = self.editor.isEnabled() and self._text_ok() and self.blocked_by() is None
        ok = ok and not self.missing_values()
        if self.warned_by() and not self.send_anyway.isChecked():
            ok = False
        self.send_button.setEnabled(ok)
        self.send_button.setToolTip(
            self.guidance.text() if not ok and self.guidance.isVisibleTo(self) else ""
        )

    def _update_counter(self) -> None:
        n = len(self.editor.toPlainText())
        self.counter.setText(f"{n} / {MAX_TEXT_CHARS}")
        over = n > MAX_TEXT_CHARS
        self._counter_tone = (lambda c: c.failed) if over else (lambda c: c.muted)
        self._counter_color.apply()
        self._update_send()

    def _update_template_send(self) -> None:
        problem = self.template_form.problem()
        self.template_send.setEnabled(problem is None)
        self.template_send.setToolTip(problem or "")
        self.template_reason.setText(problem or "")
        # A template that can no longer be sent is news, not a step still to take.
        c = theme.colors(self.palette())
        palette = self.template_reason.palette()
        normal = self.palette().color(QPalette.ColorRole.WindowText)
        color = c.failed if self.template_form.unavailable() else normal
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.template_reason.setPalette(palette)

    # -- canned replies ---------------------------------------------------------------

    def canned_replies(self) -> tuple[CannedReply, ...]:
        """The canned replies of the shown conversation's queue."""
        queue = str((self._conversation or {}).get("queue") or "")
        return self._guidelines.canned_replies_for(queue)

    def canned_values(self) -> dict[str, str]:
        """The variables the desktop fills in: the customer's profile name (none: the
        agent completes it), the agent's name, the queue."""
        c = self._conversation or {}
        return {
            CUSTOMER_NAME: profile_name(c.get("contact") or {}),
            AGENT_NAME: self._agent_name,
            QUEUE: str(c.get("queue") or ""),
        }

    def missing_values(self) -> tuple[str, ...]:
        """The variables of the inserted canned reply still to complete."""
        return self.canned.missing_values()

    def open_canned(self, query: str) -> None:
        """The picker, searching ``query``; the chosen reply goes where the cursor is."""
        self.canned.open(query)

    def _update_canned_replies(self) -> None:
        self.canned.offer(self.canned_replies(), self.canned_values())
        self.canned_button.setEnabled(self.can_write() and bool(self.canned.replies()))

    def _canned_text_changed(self) -> None:
        self.canned.text_changed(by_the_agent=not self._quiet)

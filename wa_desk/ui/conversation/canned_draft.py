"""A canned reply in the draft: what opens the picker while the agent types (``/`` at the
start of the draft, ``/shortcut`` after a space), the chosen reply put in place of it,
its values still to complete highlighted and the first one selected (what the agent types
replaces it), and which reply the draft came from, for the send to log.

The composer owns the editor, the picker and the send; this keeps the draft's side of a
canned reply in one place."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from wa_desk.core.canned_replies import CannedReply, by_shortcut, unfilled, variable_spans
from wa_desk.ui.common import theme
from wa_desk.ui.conversation.canned_picker import CannedPicker

# "/shortcut" just typed, at the start of the draft or after a space.
_SHORTCUT_TYPED = re.compile(r"(?:^|(?<=\s))/([a-z0-9][a-z0-9_-]*)$")

Offered = tuple[tuple[CannedReply, ...], dict[str, str]]


class CannedDraft(QObject):
    # The draft's reply or its values to complete changed: what the composer says of the
    # draft, and whether it can be sent, must be worked out again.
    changed = Signal()

    def __init__(
        self, editor: QPlainTextEdit, picker: CannedPicker, can_write: Callable[[], bool]
    ) -> None:
        super().__init__(editor)
        self._editor = editor
        self._picker = picker
        self._can_write = can_write
        self._offered: Offered = ((), {})
        self._reply: CannedReply | None = None  # the reply this draft came from
        self._span = (0, 0)  # what the chosen reply replaces: "/" or "/shortcut"
        self._last_text = ""
        picker.chosen.connect(self._insert)

    # -- inputs ---------------------------------------------------------------------------

    def offer(self, replies: tuple[CannedReply, ...], values: dict[str, str]) -> None:
        """The conversation's replies and the values the desktop fills in. Only a change
        reaches the picker: the conversation is updated often (the stream), and the picker
        must not jump back to its first row while the agent browses it."""
        if (replies, values) != self._offered:
            self._offered = (replies, values)
            self._picker.set_replies(replies, values)

    def replies(self) -> tuple[CannedReply, ...]:
        return self._offered[0]

    def reply(self) -> CannedReply | None:
        return self._reply

    def adopt(self, reply: CannedReply) -> None:
        """The draft came back from a send the app could not record: its reply with it."""
        self._reply = reply
        self._highlight()
        self.changed.emit()

    def forget(self) -> None:
        """A new draft: whatever comes next is the agent's own."""
        self._reply = None
        self._highlight()

    def missing_values(self) -> tuple[str, ...]:
        """The variables of the inserted reply still to complete."""
        return unfilled(self._editor.toPlainText()) if self._reply is not None else ()

    # -- the picker -------------------------------------------------------------------

    def open(self, query: str, span: tuple[int, int] | None = None) -> None:
        """The picker, searching ``query``; the chosen reply replaces ``span`` of the
        draft (None: the selection, or goes where the cursor is)."""
        if not self._can_write() or not self.replies():
            return
        if span is None:
            cursor = self._editor.textCursor()
            span = (cursor.selectionStart(), cursor.selectionEnd())
        self._span = span
        self._picker.open_with(query)

    def text_changed(self, by_the_agent: bool) -> None:
        """After each change of the editor's text: the highlights follow it, and a ``/`` or
        a ``/shortcut`` the agent has just typed opens the picker."""
        text = self._editor.toPlainText()
        typed_one = len(text) == len(self._last_text) + 1
        self._last_text = text
        if self._reply is not None:
            if not text.strip():
                self._reply = None  # all of it deleted: what comes next is the agent's own
            self._highlight()
            self.changed.emit()
        if not by_the_agent or not typed_one:
            return
        at = self._editor.textCursor().position()
        if text == "/" and at == 1:
            self.open("", (0, 1))
            return
        typed = _SHORTCUT_TYPED.search(text[:at])
        if typed and by_shortcut(self.replies(), typed.group(1)) is not None:
            self.open(typed.group(1), (typed.start(), at))

    def _insert(self, reply: CannedReply, shown: str) -> None:
        """``shown`` (what the picker previewed) in place of what opened the picker."""
        start, end = self._span
        length = len(self._editor.toPlainText())
        cursor = self._editor.textCursor()
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        self._reply = reply
        cursor.insertText(shown)
        self._editor.setTextCursor(cursor)
        self._editor.setFocus()
        self.select_first_variable()

    def select_first_variable(self) -> None:
        """The first value to complete selected: what the agent types replaces it."""
        spans = variable_spans(self._editor.toPlainText()) if self._reply is not None else []
        if spans:
            cursor = self._editor.textCursor()
            cursor.setPosition(spans[0][0])
            cursor.setPosition(spans[0][1], QTextCursor.MoveMode.KeepAnchor)
            self._editor.setTextCursor(cursor)
            self._editor.setFocus()

    def _highlight(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        if self._reply is not None:
            # A tint of the warning colour over the editor's own background, in either
            # theme, with the text in the editor's own colour (readable on both).
            tint = QColor(theme.colors(self._editor.palette()).warning_text)
            tint.setAlpha(70)
            fmt = QTextCharFormat()
            fmt.setBackground(tint)
            fmt.setFontUnderline(True)
            for start, end in variable_spans(self._editor.toPlainText()):
                selection = QTextEdit.ExtraSelection()
                cursor = self._editor.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        self._editor.setExtraSelections(selections)

"""The list of a conversation's messages: a list view that lays its rows out again only
when a row's height changed.

In list mode, ``QListView`` lays every row out again on any ``dataChanged``
(``QListModeViewBase::dataChanged`` calls ``doDelayedItemsLayout``), which, over a
10,000-message history, asks for 10,000 size hints for one tick. Here a changed row is
only repainted (and announced to accessibility) by ``QAbstractItemView``; when its
height did change, the message delegate emits ``sizeHintChanged``, which lays the rows
out again.

The list also lets the agent select words in a message (press and drag, or double-click
a word), copy them (Ctrl+C, or the context menu the view builds), open a link in them,
and open a long message whole: the delegate says what is under the pointer, the list
keeps the gesture.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyleOptionViewItem, QWidget

from wa_desk.ui.conversation.message_delegate import MessageDelegate
from wa_desk.ui.conversation.model import MessageRoles

Index = QModelIndex | QPersistentModelIndex


class MessageList(QListView):
    linkClicked = Signal(str)  # a link in a message's words (the view decides to open it)
    expandToggled = Signal(str, bool)  # message id, shown whole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anchor: QPersistentModelIndex | None = None  # the row a selection began in
        self._anchor_at = 0
        self._dragged = False
        self._pressed_link: str | None = None
        self._pressed_more: QPersistentModelIndex | None = None

    # -- selecting, copying, links -------------------------------------------------------

    def _message_delegate(self) -> MessageDelegate | None:
        delegate = self.itemDelegate()
        return delegate if isinstance(delegate, MessageDelegate) else None

    def _option(self, index: Index) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        if isinstance(index, QPersistentModelIndex):
            index = self.model().index(index.row(), index.column())
        option.rect = self.visualRect(index)
        return option

    def _set_selection(self, selection: tuple[str, int, int] | None) -> None:
        delegate = self._message_delegate()
        if delegate is not None and delegate.selection != selection:
            delegate.selection = selection
            self.viewport().update()

    def selected_text(self) -> str:
        """The agent's selection in a message, as written; "" when there is none."""
        delegate = self._message_delegate()
        if delegate is None or delegate.selection is None or self.model() is None:
            return ""
        message_id = delegate.selection[0]
        for row in range(self.model().rowCount()):
            index = self.model().index(row, 0)
            if index.data(MessageRoles.ID) == message_id:
                return delegate.selected_text(index)
        return ""

    def copy_selection(self) -> bool:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._anchor, self._pressed_link, self._pressed_more = None, None, None
        delegate = self._message_delegate()
        pos = e.position().toPoint()
        index = self.indexAt(pos)
        if e.button() != Qt.MouseButton.LeftButton or delegate is None or not index.isValid():
            if e.button() == Qt.MouseButton.LeftButton:
                self._set_selection(None)
            super().mousePressEvent(e)
            return
        option = self._option(index)
        if delegate.on_more(option, index, pos):
            self._pressed_more = QPersistentModelIndex(index)
            return
        found = delegate.words_at(option, index, pos)
        if found is None or not found[2]:
            self._set_selection(None)
            super().mousePressEvent(e)
            return
        words, point, _ = found
        at = words.position_at(point)
        link = words.link_at(point)
        self._pressed_link = link.url if link is not None else None
        self._anchor, self._anchor_at, self._dragged = QPersistentModelIndex(index), at, False
        self._set_selection((str(index.data(MessageRoles.ID)), at, at))
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        delegate = self._message_delegate()
        pos = e.position().toPoint()
        if delegate is None:
            super().mouseMoveEvent(e)
            return
        anchor = self._anchor
        if anchor is not None and anchor.isValid() and e.buttons() & Qt.MouseButton.LeftButton:
            found = delegate.words_at(self._option(anchor), anchor, pos)
            if found is not None:
                at = found[0].position_at(found[1])
                if at != self._anchor_at:
                    self._dragged = True
                start, end = sorted((self._anchor_at, at))
                self._set_selection((str(anchor.data(MessageRoles.ID)), start, end))
            return
        self._update_pointer(delegate, pos)
        super().mouseMoveEvent(e)

    def _update_pointer(self, delegate: MessageDelegate, pos: QPoint) -> None:
        index = self.indexAt(pos)
        shape = None
        if index.isValid():
            option = self._option(index)
            found = delegate.words_at(option, index, pos)
            if delegate.clickable_at(option, index, pos):
                shape = Qt.CursorShape.PointingHandCursor
            elif found is not None and found[2]:
                on_link = found[0].link_at(found[1]) is not None
                shape = Qt.CursorShape.PointingHandCursor if on_link else Qt.CursorShape.IBeamCursor
        if shape is None:
            self.viewport().unsetCursor()
        else:
            self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        more, self._pressed_more = self._pressed_more, None
        if more is not None:
            delegate = self._message_delegate()
            pos = e.position().toPoint()
            if (
                more.isValid()
                and delegate is not None
                and self.indexAt(pos).row() == more.row()
                and delegate.on_more(self._option(more), more, pos)
            ):
                expanded = bool(more.data(MessageRoles.EXPANDED))
                self.expandToggled.emit(str(more.data(MessageRoles.ID)), not expanded)
            return
        anchor, self._anchor = self._anchor, None
        if anchor is None:
            super().mouseReleaseEvent(e)
            return
        link, self._pressed_link = self._pressed_link, None
        if link is not None and not self._dragged and e.button() == Qt.MouseButton.LeftButton:
            self._set_selection(None)
            self.linkClicked.emit(link)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        delegate = self._message_delegate()
        pos = e.position().toPoint()
        index = self.indexAt(pos)
        if delegate is not None and index.isValid() and e.button() == Qt.MouseButton.LeftButton:
            found = delegate.words_at(self._option(index), index, pos)
            if found is not None and found[2]:
                start, end = found[0].word_at(found[0].character_at(found[1]))
                if start == end or found[0].text[start].isspace():
                    return
                self._set_selection((str(index.data(MessageRoles.ID)), start, end))
                self._anchor, self._pressed_link = None, None
                return
        super().mouseDoubleClickEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.matches(QKeySequence.StandardKey.Copy) and self.copy_selection():
            e.accept()
            return
        super().keyPressEvent(e)

    # -- rows' heights -------------------------------------------------------------------
    def dataChanged(
        self,
        topLeft: Index,
        bottomRight: Index,
        roles: Sequence[int] = (),
    ) -> None:
        QAbstractItemView.dataChanged(self, topLeft, bottomRight, list(roles))

    def resizeEvent(self, e: QResizeEvent) -> None:
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        super().resizeEvent(e)
        if e.size().width() != e.oldSize().width():
            # A top-to-bottom list lays out again only when its height changes; wrapped
            # text is taller in a narrower list (each row measured once per width).
            self.scheduleDelayedItemsLayout()
        if at_bottom and e.size() != e.oldSize():
            # Also when only its height changed (the reply bar above the editor came or
            # went): the newest message stays in view.
            QTimer.singleShot(0, self, self.scrollToBottom)

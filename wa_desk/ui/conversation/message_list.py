"""The list of a conversation's messages: a list view that lays its rows out again only
when a row's height changed.

In list mode, ``QListView`` lays every row out again on any ``dataChanged``
(``QListModeViewBase::dataChanged`` calls ``doDelayedItemsLayout``), which, over a
10,000-message history, asks for 10,000 size hints for one tick. Here a changed row is
only repainted (and announced to accessibility) by ``QAbstractItemView``; when its
height did change, the message delegate emits ``sizeHintChanged``, which lays the rows
out again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

Index = QModelIndex | QPersistentModelIndex


class MessageList(QListView):
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
            if at_bottom:
                QTimer.singleShot(0, self, self.scrollToBottom)

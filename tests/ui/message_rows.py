"""Where a conversation view puts a message's row, and how tall its bubble really is."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyleOptionViewItem

from wa_desk.ui.conversation.message_delegate import MessageDelegate
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.conversation.view import ConversationView


def row_saying(view: ConversationView, text: str) -> int:
    """The list's row of the message whose words are ``text``."""
    model = view.list.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(MessageRoles.BODY) == text:
            return row
    raise AssertionError(f"no row says {text!r}")


def slot(view: ConversationView, message_id: str) -> QRect:
    """The message's row as the list shows it."""
    row = view.model.row_of(message_id)
    assert row is not None
    return view.list.visualRect(view.model.index(row, 0))


def bubble_height(view: ConversationView, message_id: str) -> int:
    """Laid out afresh at the list's width by a delegate that reads every role through
    ``data``, as any view would (no cached size, no bubble snapshot)."""
    row = view.model.row_of(message_id)
    assert row is not None
    option = QStyleOptionViewItem()
    option.initFrom(view.list)
    option.font = QFont(view.list.font())
    option.rect = QRect(0, 0, view.list.viewport().width(), 100)
    option.widget = view.list
    return MessageDelegate(view.list).layout(option, view.model.index(row, 0)).height

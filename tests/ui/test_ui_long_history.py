"""A conversation with a long history open: a status, a reaction or a new message costs
the rows it touches, not the whole history, and every bubble still gets a slot as tall as
itself (after a status that adds a reason, a font change, or coming back to it)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from message_rows import bubble_height, slot
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.conversation.message_delegate import MessageDelegate
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles
from wa_desk.ui.conversation.view import ConversationView

ROWS = 2000
FAILED = {"code": 131026, "title": "Message undeliverable", "meaning": "número sin WhatsApp"}


class SizeHintCounter(MessageDelegate):
    """The view's delegate as the view sets it up, counting the sizes Qt asks for."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.asked = 0

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.asked += 1
        return super().sizeHint(option, index)


def _history(n: int = ROWS) -> list[dict[str, Any]]:
    """Alternating customer and agent messages over several days, some long."""
    out = []
    for i in range(n):
        text = f"mensaje {i} " + ("con bastante texto para ocupar varias líneas " * (i % 4))
        direction = "out" if i % 2 else "in"
        status = "delivered" if direction == "out" else "received"
        out.append(
            sd._msg(
                f"h{i:05d}",
                (i - n) * 600_000,
                "text",
                text=text,
                direction=direction,
                status=status,
            )
        )
    return out


def _view(qtbot: QtBot, clock: list[int]) -> tuple[ConversationView, SizeHintCounter]:
    model = ConversationModel(clock=lambda: clock[0])
    # The whole history held (the window is tested in test_ui_history_window.py): what a
    # change costs is counted against every row a list may hold.
    model.window_rows = 2 * ROWS
    view = ConversationView(model, clock=lambda: clock[0])
    delegate = SizeHintCounter(view.list)
    delegate.size_slot = model.size_slot
    delegate.bubble_of = model.bubble
    view.delegate = delegate
    view.list.setItemDelegate(delegate)
    qtbot.addWidget(view)
    view.resize(1000, 600)  # wide enough for any header: the list keeps its width
    view.show()
    qtbot.waitExposed(view)
    view.show_conversation(sd.conversations()[0], _history())
    qtbot.wait(1)
    return view, delegate


def _contiguous(view: ConversationView, first: int, last: int) -> None:
    rows = [view.list.visualRect(view.model.index(r, 0)) for r in range(first, last + 1)]
    for upper, lower in itertools.pairwise(rows):
        assert lower.top() == upper.bottom() + 1


def _top_row(view: ConversationView) -> tuple[int, int]:
    """The row at the top of the viewport and where it starts."""
    index = view.list.indexAt(QPoint(view.list.viewport().width() // 2, 1))
    return index.row(), view.list.visualRect(index).top()


def test_a_status_that_keeps_the_height_asks_for_no_layout_of_the_history(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, delegate = _view(qtbot, clock)
    delegate.asked = 0
    assert view.model.apply_status({"id": "h00101", "status": "read"})
    assert view.model.apply_status({"id": "h01999", "status": "read"})
    qtbot.wait(1)
    assert delegate.asked < 20  # the changed rows (and a repaint), not 2,000 rows


def test_a_failure_reason_on_an_old_message_gets_its_line_and_moves_the_rows_below(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    bar = view.list.verticalScrollBar()
    before = slot(view, "h00101").height()
    below = slot(view, "h00102").top() + bar.value()  # in the list's contents
    assert view.model.apply_status({"id": "h00101", "status": "failed", "error": FAILED})
    qtbot.waitUntil(lambda: slot(view, "h00101").height() != before)
    qtbot.wait(1)  # the size is known at once, the positions after the delayed layout
    after = slot(view, "h00101").height()
    assert after > before
    assert after == bubble_height(view, "h00101")
    assert slot(view, "h00102").top() + bar.value() == below + after - before
    _contiguous(view, 95, 110)


def test_a_reader_in_the_middle_stays_put_when_a_message_arrives_or_a_row_above_grows(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    view.list.scrollTo(view.model.index(1000, 0))
    qtbot.wait(1)
    row, top = _top_row(view)
    view.model.upsert([sd._msg("new", 0, "text", text="¿Y el pedido?")])
    qtbot.waitUntil(lambda: view.model.rowCount() == ROWS + 1)
    qtbot.wait(1)
    assert _top_row(view) == (row, top)
    assert bar.value() < bar.maximum()  # not pulled to the bottom


def test_the_newest_message_stays_at_the_bottom_when_it_grows_a_failure_reason(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    assert view.model.apply_status({"id": "h01999", "status": "failed", "error": FAILED})
    qtbot.waitUntil(lambda: slot(view, "h01999").height() == bubble_height(view, "h01999"))
    qtbot.wait(1)
    assert bar.value() == bar.maximum()
    viewport = view.list.viewport()
    bottom = view.list.indexAt(QPoint(viewport.width() // 2, viewport.height() - 2))
    assert bottom.row() == ROWS - 1


def test_coming_back_reuses_sizes_but_measures_a_message_that_changed_meanwhile(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, delegate = _view(qtbot, clock)
    other = sd.conversations()[1]
    view.show_conversation(other, [])
    qtbot.wait(1)
    width = view.list.viewport().width()
    history = _history()
    history[1999] = {**history[1999], "status": "failed", "error": FAILED}  # while away
    measured: list[str] = []
    layout = delegate.layout
    delegate.layout = lambda option, index: (  # type: ignore[method-assign]
        measured.append(str(index.data(MessageRoles.ID))) or layout(option, index)
    )
    view.show_conversation(sd.conversations()[0], history)
    qtbot.wait(1)
    qtbot.waitUntil(lambda: slot(view, "h01999").height() == bubble_height(view, "h01999"))
    # Painting lays out the visible rows too; measuring would lay out all 2,000.
    assert view.list.viewport().width() == width
    assert len(measured) < 100
    assert "h01999" in measured
    _contiguous(view, ROWS - 20, ROWS - 1)


def test_a_larger_font_measures_the_rows_again(qtbot: QtBot, clock: list[int]) -> None:
    view, _ = _view(qtbot, clock)
    before = slot(view, "h01999").height()
    font = QFont(view.list.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.list.setFont(font)
    qtbot.waitUntil(lambda: slot(view, "h01999").height() != before)
    assert slot(view, "h01999").height() == bubble_height(view, "h01999")
    _contiguous(view, ROWS - 20, ROWS - 1)


@pytest.mark.parametrize("row", range(16))
def test_a_bubble_snapshot_is_what_each_role_says(clock: list[int], row: int) -> None:
    model = ConversationModel(clock=lambda: clock[0])
    model.show("c-lucia", sd.messages())
    model.set_names({"u-ana": "Ana Martín"})
    model.apply_status({"id": "m16", "status": "failed", "error": FAILED})
    index = model.index(row)
    b = model.bubble(row)
    assert b.day == index.data(MessageRoles.DAY)
    assert b.content == index.data(MessageRoles.CONTENT)
    assert b.body == index.data(MessageRoles.BODY)
    assert b.deleted == index.data(MessageRoles.DELETED)
    assert b.outgoing == (index.data(MessageRoles.DIRECTION) == "out")
    assert b.sender == index.data(MessageRoles.SENDER)
    assert b.quote == index.data(MessageRoles.QUOTE)
    assert b.downloadable == index.data(MessageRoles.DOWNLOADABLE)
    assert b.flagged == index.data(MessageRoles.FLAGGED)
    assert b.problems == index.data(MessageRoles.PROBLEMS)
    assert b.time == index.data(MessageRoles.TIME)
    assert b.edited == index.data(MessageRoles.EDITED)
    assert b.reactions == index.data(MessageRoles.REACTIONS)
    assert b.status_text == index.data(MessageRoles.STATUS_TEXT)


def test_a_narrower_list_measures_wrapped_rows_again_and_keeps_the_reader_at_the_bottom(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    wide = slot(view, "h01999").height()
    view.resize(520, 600)
    qtbot.waitUntil(lambda: slot(view, "h01999").height() != wide)
    qtbot.wait(1)
    assert slot(view, "h01999").height() == bubble_height(view, "h01999")
    _contiguous(view, ROWS - 20, ROWS - 1)
    assert bar.value() == bar.maximum()


def _read_in_the_middle(qtbot: QtBot, view: ConversationView) -> None:
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    view.list.scrollTo(view.model.index(1000, 0))
    qtbot.wait(1)


def test_messages_arriving_while_reading_above_are_counted_on_a_button_that_takes_you_down(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    _read_in_the_middle(qtbot, view)
    bar = view.list.verticalScrollBar()
    place = _top_row(view)
    assert view.new_messages.isHidden()
    view.model.upsert([sd._msg("new1", 0, "text", text="¿Y el pedido?")])
    qtbot.wait(1)
    assert view.new_messages.isVisible()
    assert view.new_messages.text() == "1 new message ↓"
    view.model.upsert([sd._msg("new2", 1000, "text", text="¿Hola?")])
    qtbot.wait(1)
    assert view.new_messages.text() == "2 new messages ↓"
    assert _top_row(view) == place  # the reader stays where they were
    # Over the bottom of the list, whole and centred.
    button, area = view.new_messages.geometry(), view.list.viewport().geometry()
    assert area.contains(button)
    assert abs(button.center().x() - area.center().x()) <= 1

    qtbot.mouseClick(view.new_messages, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert view.new_messages.isHidden()
    assert view.unseen_count() == 0
    view.model.upsert([sd._msg("new3", 2000, "text", text="Gracias")])
    qtbot.wait(1)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())  # at the bottom: followed
    assert view.new_messages.isHidden()


def test_scrolling_down_by_hand_puts_the_button_away_and_an_older_page_never_counts(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    _read_in_the_middle(qtbot, view)
    view.model.prepend_page([sd._msg("old", -(ROWS + 10) * 600_000, "text", text="antiguo")])
    qtbot.wait(1)
    assert view.new_messages.isHidden()
    view.model.upsert([sd._msg("new1", 0, "text", text="¿Y el pedido?")])
    qtbot.wait(1)
    assert view.new_messages.isVisible()
    bar = view.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert view.new_messages.isHidden()
    # Another conversation starts with nothing unseen.
    _read_in_the_middle(qtbot, view)
    view.model.upsert([sd._msg("new2", 1000, "text", text="¿Hola?")])
    qtbot.wait(1)
    assert view.new_messages.isVisible()
    view.show_conversation(sd.conversations()[1], _history(10))
    assert view.new_messages.isHidden()


def test_the_agents_own_reply_takes_them_down_to_it_from_anywhere(
    qtbot: QtBot, clock: list[int]
) -> None:
    view, _ = _view(qtbot, clock)
    _read_in_the_middle(qtbot, view)
    view.model.upsert([sd._msg("new1", 0, "text", text="¿Y el pedido?")])
    qtbot.wait(1)
    mine = sd._msg("local-1", 1000, "text", text="Sale hoy", direction="out", status="pending")
    view.show_sent(mine)
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert view.new_messages.isHidden()
    last = view.model.index(view.model.rowCount() - 1, 0)
    assert view.list.viewport().rect().contains(view.list.visualRect(last))

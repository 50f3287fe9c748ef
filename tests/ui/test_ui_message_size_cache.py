"""Message rows keep their measured size until they change, and a changed row's slot
follows its bubble: a status, an edit or a narrower window never leaves a bubble
clipped or overlapping its neighbour."""

from __future__ import annotations

import itertools
from typing import Any

from message_rows import bubble_height, slot
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.conversation.message_delegate import MessageDelegate, _Layout
from wa_desk.ui.conversation.model import WINDOW_ROWS, ConversationModel, MessageRoles
from wa_desk.ui.conversation.view import ConversationView

LONG_TEXT = " ".join(["una frase bastante larga que ocupa varias líneas"] * 6)


class CountingDelegate(MessageDelegate):
    """The real delegate, noting the rows it lays out to measure them (painting lays
    out the visible rows too; that is not measuring)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.layouts: list[str] = []
        self._measuring = False

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self._measuring = True
        try:
            return super().sizeHint(option, index)
        finally:
            self._measuring = False

    def layout(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> _Layout:
        if self._measuring:
            self.layouts.append(str(index.data(MessageRoles.ID)))
        return super().layout(option, index)


def _view(qtbot: QtBot, clock: list[int], messages: list[dict[str, Any]]) -> ConversationView:
    model = ConversationModel(clock=lambda: clock[0])
    view = ConversationView(model, clock=lambda: clock[0])
    delegate = CountingDelegate(view.list)
    delegate.size_slot = model.size_slot
    view.delegate = delegate
    view.list.setItemDelegate(delegate)
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_conversation(sd.conversations()[0], messages)
    _settle(qtbot)
    return view


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(1)  # one turn of the loop: Qt's delayed layout runs


def _many(n: int) -> list[dict[str, Any]]:
    return [
        sd._msg(f"x{i:04d}", -n * 60_000 + i * 60_000, "text", text=f"mensaje {i}")
        for i in range(n)
    ]


def test_a_failed_status_makes_the_slot_as_tall_as_the_bubble_with_its_reason(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, sd.messages())
    before = slot(view, "m16").height()
    assert before == bubble_height(view, "m16")
    error = {"code": 131026, "title": "Message undeliverable", "meaning": "número sin WhatsApp"}
    assert view.model.apply_status({"id": "m16", "status": "failed", "error": error})
    _settle(qtbot)
    after = slot(view, "m16").height()
    assert after > before  # the reason takes a line of its own under the bubble
    assert after == bubble_height(view, "m16")
    # Each row starts where the one above ends: nothing overlaps.
    rows = [view.list.visualRect(view.model.index(r, 0)) for r in range(view.model.rowCount())]
    for upper, lower in itertools.pairwise(rows):
        assert lower.top() == upper.bottom() + 1


def test_an_edit_from_the_customer_resizes_its_bubble(qtbot: QtBot, clock: list[int]) -> None:
    view = _view(qtbot, clock, sd.messages())
    before = slot(view, "m15").height()
    edit = sd._msg(
        "e01",
        -30_000,
        "edit",
        text=LONG_TEXT,
        payload={"type": "edit", "edit": {"original_message_id": "wamid.m15"}},
    )
    view.model.upsert([edit])
    _settle(qtbot)
    assert slot(view, "m15").height() > before
    assert slot(view, "m15").height() == bubble_height(view, "m15")


def test_an_incoming_message_measures_only_itself_and_its_neighbour(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, _many(view_rows := WINDOW_ROWS))
    delegate = view.delegate
    assert isinstance(delegate, CountingDelegate)
    assert len(set(delegate.layouts)) == view_rows  # each row measured once to open
    delegate.layouts.clear()
    view.model.upsert([sd._msg("x9999", 0, "text", text="¿Y el pedido?")])
    _settle(qtbot)
    measured = set(delegate.layouts)
    assert "x9999" in measured
    # The new row, and maybe the one it follows.
    assert measured <= {"x9999", f"x{view_rows - 1:04d}"}
    assert slot(view, "x9999").height() == bubble_height(view, "x9999")


def test_a_status_that_keeps_the_height_does_not_measure_other_rows(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, [*_many(200), *sd.messages()])
    delegate = view.delegate
    assert isinstance(delegate, CountingDelegate)
    delegate.layouts.clear()
    assert view.model.apply_status({"id": "m16", "status": "delivered"})
    _settle(qtbot)
    assert set(delegate.layouts) <= {"m16"}


def test_a_narrower_window_measures_rows_again_at_the_new_width(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, [sd._msg("long", -60_000, "text", text=LONG_TEXT)])
    wide = slot(view, "long").height()
    view.resize(380, 600)
    _settle(qtbot)
    qtbot.waitUntil(lambda: slot(view, "long").height() != wide)
    narrow = slot(view, "long").height()
    assert narrow > wide  # the same words on more lines
    assert narrow == bubble_height(view, "long")


def test_a_reader_at_the_bottom_sees_the_new_message_once_the_list_is_laid_out(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, _many(300))
    bar = view.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    before = bar.maximum()
    view.model.upsert([sd._msg("x9999", 0, "text", text="¿Y el pedido?")])
    qtbot.waitUntil(lambda: bar.maximum() > before)
    _settle(qtbot)
    assert bar.value() == bar.maximum()
    viewport = view.list.viewport()
    bottom = view.list.indexAt(QPoint(viewport.width() // 2, viewport.height() - 2))
    assert bottom.row() == view.model.row_of("x9999")

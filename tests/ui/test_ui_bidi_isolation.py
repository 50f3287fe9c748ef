"""A customer's string cannot reorder what is drawn around it, nor reverse its own
digits: names in the inbox and the conversation header, previews, quotes and message
text, with strings that try to pass 12345 off as 54321."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.conversation.model import ConversationModel
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.inbox.delegate import InboxDelegate
from wa_desk.ui.inbox.model import InboxModel

SPOOF = "Pedido \u202e12345"  # shown naively: "Pedido 54321"


def _reads_in_order(text: str, *pieces: str) -> bool:
    """Whether ``pieces`` of ``text`` appear left to right, each left to right."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()

    def x(position: int) -> float:
        return float(line.cursorToX(position)[0])

    # Cursor places between characters inside each piece, away from the edges of
    # directional runs (where a cursor has two visual places).
    xs = []
    for piece in pieces:
        at = text.index(piece)
        first, last = x(at + 1), x(at + len(piece) - 1)
        if first >= last:
            return False
        xs.append(first)
    return xs == sorted(xs)


def test_the_check_sees_a_spoof(qapp: QApplication) -> None:
    assert not _reads_in_order(SPOOF, "12345")  # what the tests below rule out
    assert _reads_in_order("Pedido 12345", "Pedido", "12345")


def test_inbox_rows_draw_names_and_previews_in_the_order_they_were_written(
    qapp: QApplication,
) -> None:
    model = InboxModel()
    model.upsert(
        [
            sd.conversation(
                "c-1",
                SPOOF,
                "34600000001",
                assignee_name="\u202eAna Martín",
                preview="Mi pedido es el \u202e98765\u202c, gracias",
            )
        ]
    )
    index = model.index(0, 0)
    name = InboxDelegate.name_text(index)
    preview = InboxDelegate.preview_text(index)
    assert "\u202e" not in name + preview
    assert _reads_in_order(name, "Pedido", "12345")
    assert _reads_in_order(preview, "Mi pedido", "98765", "gracias")
    # Set inside other text, the name is isolated: what follows keeps its place.
    assert _reads_in_order(f"{name} · ventas", "12345", "ventas")


def test_the_header_and_the_bubble_keep_the_order_number_as_written(
    qtbot: QtBot, clock: list[int]
) -> None:
    model = ConversationModel(clock=lambda: clock[0])
    view = ConversationView(model, clock=lambda: clock[0])
    qtbot.addWidget(view)
    view.resize(700, 500)
    conversation = sd.conversation(
        "c-lucia", SPOOF, "34612345678", assignee="u-luis", assignee_name="\u202eLuis"
    )
    text = "Tu pedido \u202e12345\nsiguiente línea 6789"
    view.show_conversation(conversation, [sd._msg("b1", -sd.MIN, "text", text=text)])
    view.show()
    qtbot.waitExposed(view)
    title, subtitle = view.title.text(), view.subtitle.text()
    assert "\u202e" not in title + subtitle
    assert _reads_in_order(title, "Pedido", "12345")
    assert _reads_in_order(subtitle, "+34612345678", "Luis")
    # The message: its override does not reverse the digits, nor leak to the next line.
    option = QStyleOptionViewItem()
    view.list.initViewItemOption(option)
    option.rect = view.list.visualRect(view.list.model().index(0, 0))
    lay = view.delegate.layout(option, view.list.model().index(0, 0))
    assert lay.body_words is not None
    first, second = (p.layout for p in lay.body_words.paragraphs)
    for layout, piece in ((first, "12345"), (second, "6789")):
        at = layout.text().index(piece)
        line = layout.lineForTextPosition(at)
        assert line.cursorToX(at + 1)[0] < line.cursorToX(at + len(piece) - 1)[0]
    assert lay.body_words.position_at(QPointF(0, 0)) == 0

"""A message's label ("Mensaje de voz", "Documento") and its sender's name are laid out
wide enough to be painted whole, in both languages: the bubble is measured in fractional
pixels rounded up, never rounded down to a width the painter then elides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.conversation import message_delegate as md
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles
from wa_desk.ui.conversation.view import ConversationView


def _labels_cut(qtbot: QtBot) -> list[str]:
    model = ConversationModel()
    view = ConversationView(model)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    conversation = next(c for c in sd.conversations() if c["id"] == "c-lucia")
    view.show_conversation(conversation, sd.messages(), older_cursor=None)
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, md.MessageDelegate)
    label_metrics = QFontMetrics(md._scaled(view.list.font(), 0.9, bold=True))
    cut: list[str] = []
    for row in range(model.rowCount()):
        index = view.list.model().index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = view.list.visualRect(index)
        option.font = view.list.font()
        option.widget = view.list
        lay = delegate.layout(option, index)
        label = index.data(MessageRoles.LABEL)
        if lay.label is not None and label:
            shown = label_metrics.elidedText(label, Qt.TextElideMode.ElideRight, lay.label.width())
            if shown != label:
                cut.append(label)
    return cut


def test_every_label_is_painted_whole_in_english(qtbot: QtBot) -> None:
    assert _labels_cut(qtbot) == []


@pytest.mark.usefixtures("spanish")
def test_every_label_is_painted_whole_in_spanish(qtbot: QtBot) -> None:
    assert _labels_cut(qtbot) == []

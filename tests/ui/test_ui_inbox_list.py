"""The inbox's list with thousands of conversations: a message that moves one to the top
costs a repaint of what is on screen, not a call into Python for every row; rows keep
the delegate's height in any font; the keyboard walks the list and Tab leaves it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from devtools import sample_data as sd
from wa_desk.ui.inbox.filter import InboxFilter
from wa_desk.ui.inbox.model import InboxModel, InboxOrder, InboxRoles
from wa_desk.ui.inbox.view import InboxView

ROWS = 5000


def _conversations(n: int) -> list[dict[str, Any]]:
    return [
        sd.conversation(f"c-{i}", f"Cliente {i}", f"34{600_000_000 + i}", last=-i * sd.MIN)
        for i in range(n)
    ]


class CountingFilter(InboxFilter):
    """The inbox's filter, counting the indexes the view asks it for."""

    asked = 0

    def index(self, row: int, column: int = 0, parent: Any = QModelIndex()) -> QModelIndex:  # noqa: B008
        CountingFilter.asked += 1
        return super().index(row, column, parent)


def _shown(qapp: QApplication) -> InboxView:
    view = InboxView(InboxModel())
    counting = CountingFilter(view)
    counting.setSourceModel(view.model)
    view.filter = counting
    view.list.setModel(counting)
    view.resize(360, 700)
    view.show()
    view.model.upsert(_conversations(ROWS))
    qapp.processEvents()
    return view


def test_a_message_that_moves_a_conversation_up_asks_for_few_rows(qapp: QApplication) -> None:
    view = _shown(qapp)
    assert view.list.model().rowCount() == ROWS
    view.set_order(InboxOrder.ACTIVITY)
    qapp.processEvents()
    for step in range(20):  # the last one jumps to the top, as a new message moves it
        last = view.list.model().index(ROWS - 1, 0).data(InboxRoles.ID)
        CountingFilter.asked = 0
        i = int(str(last).removeprefix("c-"))
        moved = sd.conversation(
            last, f"Cliente {i}", f"34{600_000_000 + i}", last=(step + 1) * 1000, preview="hola"
        )
        view.model.upsert([moved])
        qapp.processEvents()
        view.list.viewport().repaint()
        assert view.list.model().index(0, 0).data(InboxRoles.ID) == last
        # The rows on screen (about a dozen) and the moved one; a list view laying out
        # every row asked for all 5,000.
        assert CountingFilter.asked < ROWS // 10, CountingFilter.asked
    view.close()


def test_rows_take_the_delegates_height_in_any_font(qapp: QApplication) -> None:
    view = _shown(qapp)
    first = view.list.model().index(0, 0)
    normal = view.list.visualRect(first).height()
    assert normal == view.list.verticalHeader().defaultSectionSize() > 0
    bigger = QFont(view.list.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5)
    view.list.setFont(bigger)
    qapp.processEvents()
    assert view.list.visualRect(first).height() > normal * 1.3
    assert view.list.visualRect(first).width() == view.list.viewport().width()
    view.close()


def test_the_keyboard_walks_the_list_and_tab_leaves_it(qapp: QApplication) -> None:
    view = _shown(qapp)
    after = QLineEdit(view)  # something after the list in the focus chain
    view.setTabOrder(view.list, after)
    view.list.setFocus()
    view.list.setCurrentIndex(view.list.model().index(0, 0))
    QTest.keyClick(view.list, Qt.Key.Key_Down)
    QTest.keyClick(view.list, Qt.Key.Key_Down)
    assert view.current_id() == view.list.model().index(2, 0).data(InboxRoles.ID)
    QTest.keyClick(view.list, Qt.Key.Key_End)
    assert view.list.currentIndex().row() == ROWS - 1
    QTest.keyClick(view.list, Qt.Key.Key_Home)
    assert view.list.currentIndex().row() == 0
    QTest.keyClick(view.list, Qt.Key.Key_End)
    QTest.keyClick(view.list, Qt.Key.Key_Tab)
    assert view.list.currentIndex().row() == ROWS - 1  # Tab did not move the selection
    view.close()

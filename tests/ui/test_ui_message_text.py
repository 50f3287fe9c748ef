"""A message's words in the open conversation: WhatsApp's formatting painted, text the
agent selects (drag, double-click) and copies as written (Ctrl+C, context menu), links
that change the pointer and open only for web, mail and phone, the message's time
copied, and very long messages shown to a screenful with Show more / Show less."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.message_text import Style
from wa_desk.ui.common.timefmt import format_full
from wa_desk.ui.conversation.body_text import COLLAPSED_LINES
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles
from wa_desk.ui.conversation.view import ConversationView

GREETING = "Hola *Ana*, tu pedido _4417_ está listo: https://tienda.es/p/4417."
QUOTED = "> Tu pedido llega hoy\nSí, gracias"
CALL = "Llámanos al +34 611 22 33 44 o escribe a ayuda@tienda.es (no javascript:alert(1))"


class _Opened(QObject):
    """What ``QDesktopServices.openUrl`` would have opened (Qt's own URL handlers)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened(qapp: QApplication) -> Iterator[_Opened]:
    catcher = _Opened()
    schemes = ("http", "https", "mailto", "tel", "javascript", "file")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        yield catcher
    finally:
        for scheme in schemes:
            QDesktopServices.unsetUrlHandler(scheme)


def _view(qtbot: QtBot, clock: list[int], texts: list[str]) -> ConversationView:
    model = ConversationModel(clock=lambda: clock[0])
    view = ConversationView(model, clock=lambda: clock[0])
    qtbot.addWidget(view)
    view.resize(760, 900)
    messages = [
        sd._msg(f"t{i}", -(len(texts) - i) * sd.MIN, "text", text=t) for i, t in enumerate(texts)
    ]
    conversation = sd.conversation("c-lucia", "Lucía Pérez", "34612345678")
    view.set_user_id("u-ana")
    view.show_conversation(conversation, messages)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    qtbot.wait(1)  # the first layout pass
    view.list.scrollToTop()
    return view


def _row(view: ConversationView, text: str) -> int:
    model = view.list.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)


def _option(view: ConversationView, row: int) -> QStyleOptionViewItem:
    index = view.list.model().index(row, 0)
    option = QStyleOptionViewItem()
    view.list.initViewItemOption(option)
    option.rect = view.list.visualRect(index)
    return option


def _corner(view: ConversationView, row: int) -> QPoint:
    option = _option(view, row)
    return QPoint(option.rect.topLeft())


def _point(view: ConversationView, row: int, shown_at: int, *, after: bool = False) -> QPoint:
    """Where shown character ``shown_at`` of the row's words is in the viewport (its
    left edge, or just inside its right edge with ``after``)."""
    index = view.list.model().index(row, 0)
    option = _option(view, row)
    lay = view.delegate.layout(option, index)
    assert lay.body is not None and lay.body_words is not None
    for paragraph in lay.body_words.paragraphs:
        layout = paragraph.layout
        offset = shown_at - paragraph.start
        if 0 <= offset <= len(layout.text()):
            line = layout.lineForTextPosition(offset)
            x = paragraph.indent + line.cursorToX(offset + (1 if after else 0))[0]
            x += -2 if after else 2
            y = paragraph.top + line.y() + line.height() / 2
            return option.rect.topLeft() + lay.body + QPoint(int(x), int(y))
    raise AssertionError(shown_at)


def _mouse(view: ConversationView, kind: QEvent.Type, at: QPoint, buttons: Any = None) -> None:
    button = Qt.MouseButton.LeftButton
    held = Qt.MouseButton.LeftButton if buttons is None else buttons
    if kind == QEvent.Type.MouseButtonRelease:
        held = Qt.MouseButton.NoButton
    if kind == QEvent.Type.MouseMove:
        button = Qt.MouseButton.NoButton
    viewport = view.list.viewport()
    event = QMouseEvent(
        kind,
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        button,
        held,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def _drag(view: ConversationView, start: QPoint, end: QPoint) -> None:
    _mouse(view, QEvent.Type.MouseButtonPress, start)
    _mouse(view, QEvent.Type.MouseMove, (start + end) / 2)
    _mouse(view, QEvent.Type.MouseMove, end)
    _mouse(view, QEvent.Type.MouseButtonRelease, end)


def _shown(view: ConversationView, row: int) -> str:
    lay = view.delegate.layout(_option(view, row), view.list.model().index(row, 0))
    assert lay.body_words is not None
    return lay.body_words.text


def test_formatting_is_painted_from_format_ranges_not_markup(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, [GREETING, "```código```, ~tachado~ y 2*3*4", QUOTED])
    shown = _shown(view, 0)
    assert shown == "Hola Ana, tu pedido 4417 está listo: https://tienda.es/p/4417."
    lay = view.delegate.layout(_option(view, 0), view.list.model().index(0, 0))
    assert lay.body_words is not None
    formats = lay.body_words.paragraphs[0].layout.formats()
    bold = [f for f in formats if f.format.fontWeight() == QFont.Weight.Bold]
    assert [shown[f.start : f.start + f.length] for f in bold] == ["Ana"]
    italic = [f for f in formats if f.format.fontItalic()]
    assert [shown[f.start : f.start + f.length] for f in italic] == ["4417"]
    underlined = [f for f in formats if f.format.fontUnderline()]
    assert [shown[f.start : f.start + f.length] for f in underlined] == ["https://tienda.es/p/4417"]
    second = view.delegate.layout(_option(view, 1), view.list.model().index(1, 0)).body_words
    assert second is not None and second.text == "código, tachado y 2*3*4"
    assert [s.style for s in second.rendered.spans] == [Style.MONO, Style.STRIKE]
    # A quoted line ("> ", 2024) sits right of a bar; the line after it does not.
    third = view.delegate.layout(_option(view, 2), view.list.model().index(2, 0)).body_words
    assert third is not None and third.text == "Tu pedido llega hoy\nSí, gracias"
    assert third.paragraphs[0].indent > 0 and third.paragraphs[1].indent == 0


def test_drag_selects_paints_highlighted_and_copies_as_written(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock, [GREETING])
    shown = _shown(view, 0)
    start = shown.index("Ana")
    end = shown.index("4417") + 4
    before = view.list.viewport().grab().toImage()
    _drag(view, _point(view, 0, start), _point(view, 0, end - 1, after=True))
    assert view.delegate.selection == ("t0", start, end)
    after = view.list.viewport().grab().toImage()
    highlight = view.palette().highlight().color()
    top, bottom = _point(view, 0, start), _point(view, 0, end - 1, after=True)

    def highlighted(image: Any) -> int:
        return sum(
            image.pixelColor(x, y) == highlight
            for x in range(top.x(), bottom.x())
            for y in range(top.y() - 4, top.y() + 4)
        )

    assert highlighted(before) == 0
    assert highlighted(after) > (bottom.x() - top.x()) * 3  # highlight behind the glyphs
    # Ctrl+C copies the text as written, WhatsApp's marks included (as WhatsApp Web does).
    QGuiApplication.clipboard().clear()
    assert view.list.hasFocus()  # the press on the words gave the list the keyboard
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "*Ana*, tu pedido _4417_"
    # The context menu's Copy copies the selection too; a click elsewhere drops it.
    menu = view.message_menu(view.list.model().index(0, 0))
    QGuiApplication.clipboard().clear()
    next(a for a in menu.actions() if a.text() == "Copy").trigger()
    assert QGuiApplication.clipboard().text() == "*Ana*, tu pedido _4417_"
    _mouse(view, QEvent.Type.MouseButtonPress, QPoint(5, 5))
    _mouse(view, QEvent.Type.MouseButtonRelease, QPoint(5, 5))
    assert view.delegate.selection is None
    QGuiApplication.clipboard().clear()
    next(a for a in menu.actions() if a.text() == "Copy").trigger()
    assert QGuiApplication.clipboard().text() == GREETING  # the whole message, as written


def test_double_click_selects_a_word(qtbot: QtBot, clock: list[int]) -> None:
    view = _view(qtbot, clock, [GREETING])
    shown = _shown(view, 0)
    at = _point(view, 0, shown.index("pedido") + 2)
    _mouse(view, QEvent.Type.MouseButtonPress, at)
    _mouse(view, QEvent.Type.MouseButtonRelease, at)
    _mouse(view, QEvent.Type.MouseButtonDblClick, at)
    _mouse(view, QEvent.Type.MouseButtonRelease, at)
    assert view.list.selected_text() == "pedido"


def test_copy_time_copies_the_full_local_date_and_time(qtbot: QtBot, clock: list[int]) -> None:
    view = _view(qtbot, clock, [GREETING])
    index = view.list.model().index(0, 0)
    menu = view.message_menu(index)
    assert [a.text() for a in menu.actions()] == ["Copy", "Reply", "Copy time"]
    next(a for a in menu.actions() if a.text() == "Copy time").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied == format_full(index.data(MessageRoles.TIMESTAMP))
    assert copied.count(":") == 2  # to the second


def test_links_change_the_pointer_and_open_only_allowed_schemes(
    qtbot: QtBot, clock: list[int], opened: _Opened
) -> None:
    view = _view(qtbot, clock, [GREETING, CALL, "> mira https://a.es/x"])
    viewport = view.list.viewport()
    shown = _shown(view, 0)
    on_link = _point(view, 0, shown.index("tienda.es"))
    _mouse(view, QEvent.Type.MouseMove, on_link, Qt.MouseButton.NoButton)
    assert viewport.cursor().shape() == Qt.CursorShape.PointingHandCursor
    _mouse(view, QEvent.Type.MouseMove, _point(view, 0, 1), Qt.MouseButton.NoButton)
    assert viewport.cursor().shape() == Qt.CursorShape.IBeamCursor
    _mouse(view, QEvent.Type.MouseButtonPress, on_link)
    _mouse(view, QEvent.Type.MouseButtonRelease, on_link)
    assert opened.urls == ["https://tienda.es/p/4417"]
    # A drag that starts on a link selects instead of opening it.
    _drag(view, on_link, _point(view, 0, len(shown) - 3))
    assert opened.urls == ["https://tienda.es/p/4417"]
    call = _shown(view, 1)
    phone = _point(view, 1, call.index("611"))
    _mouse(view, QEvent.Type.MouseButtonPress, phone)
    _mouse(view, QEvent.Type.MouseButtonRelease, phone)
    mail = _point(view, 1, call.index("ayuda"))
    _mouse(view, QEvent.Type.MouseButtonPress, mail)
    _mouse(view, QEvent.Type.MouseButtonRelease, mail)
    script = _point(view, 1, call.index("javascript") + 3)
    _mouse(view, QEvent.Type.MouseMove, script, Qt.MouseButton.NoButton)
    assert viewport.cursor().shape() == Qt.CursorShape.IBeamCursor  # not a link
    _mouse(view, QEvent.Type.MouseButtonPress, script)
    _mouse(view, QEvent.Type.MouseButtonRelease, script)
    assert opened.urls == ["https://tienda.es/p/4417", "tel:+34611223344", "mailto:ayuda@tienda.es"]
    # In a quoted line, right of its bar, too.
    quoted = _point(view, 2, _shown(view, 2).index("a.es"))
    _mouse(view, QEvent.Type.MouseButtonPress, quoted)
    _mouse(view, QEvent.Type.MouseButtonRelease, quoted)
    assert opened.urls[-1] == "https://a.es/x"
    del opened.urls[-1]
    # Whatever asks, the view opens nothing but web, mail and phone links.
    for url in ("javascript:alert(1)", "file:///etc/passwd"):
        view.open_link(url)
    assert len(opened.urls) == 3


def test_a_long_message_shows_a_screenful_then_all_of_it(qtbot: QtBot, clock: list[int]) -> None:
    lines = [f"línea {i}" for i in range(60)]
    written = "\n".join(lines[:10]) + "\n\n\n\n\n" + "\n".join(lines[10:])
    view = _view(qtbot, clock, [written, "después"])
    index = view.list.model().index(0, 0)
    lay = view.delegate.layout(_option(view, 0), index)
    assert lay.body_words is not None and lay.more is not None
    # The five line breaks (four blank lines) are shown as one blank line.
    assert "línea 9\n\nlínea 10" in lay.body_words.text
    fm = view.list.fontMetrics()
    assert lay.body_words.shown_height(False) <= (COLLAPSED_LINES + 1) * fm.lineSpacing()
    collapsed = view.list.visualRect(index).height()
    more = _corner(view, 0) + lay.more.center()
    _mouse(view, QEvent.Type.MouseMove, more, Qt.MouseButton.NoButton)
    assert view.list.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    _mouse(view, QEvent.Type.MouseButtonPress, more)
    _mouse(view, QEvent.Type.MouseButtonRelease, more)
    assert index.data(MessageRoles.EXPANDED)
    qtbot.waitUntil(lambda: view.list.visualRect(index).height() > collapsed * 2)
    lay = view.delegate.layout(_option(view, 0), index)
    assert lay.more is not None
    assert view.delegate.more_text(True) == "Show less"
    view.list.scrollToBottom()  # "Show less" is under the message's last line
    qtbot.waitUntil(
        lambda: view.list.viewport().rect().contains(_corner(view, 0) + lay.more.center())
    )
    less = _corner(view, 0) + lay.more.center()
    _mouse(view, QEvent.Type.MouseButtonPress, less)
    _mouse(view, QEvent.Type.MouseButtonRelease, less)
    qtbot.waitUntil(lambda: view.list.visualRect(index).height() == collapsed)
    assert not index.data(MessageRoles.EXPANDED)
    # A copy copies the message as written: every line, every blank line.
    menu = view.message_menu(index)
    next(a for a in menu.actions() if a.text() == "Copy").trigger()
    assert QGuiApplication.clipboard().text() == written


def test_the_pointer_shows_what_a_click_opens_beyond_words(qtbot: QtBot, clock: list[int]) -> None:
    model = ConversationModel(clock=lambda: clock[0])
    view = ConversationView(model, clock=lambda: clock[0])
    qtbot.addWidget(view)
    view.resize(760, 600)
    location = next(m for m in sd.messages() if m["type"] == "location")
    view.show_conversation(sd.conversation("c-lucia", "Lucía", "34612345678"), [location])
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(1)
    lay = view.delegate.layout(_option(view, 0), view.list.model().index(0, 0))
    assert lay.link is not None
    _mouse(
        view, QEvent.Type.MouseMove, _corner(view, 0) + lay.link.center(), Qt.MouseButton.NoButton
    )
    assert view.list.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    _mouse(view, QEvent.Type.MouseMove, QPoint(2, 2), Qt.MouseButton.NoButton)
    assert view.list.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor

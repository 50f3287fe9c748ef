"""The heat-map tab's timeline as a person reads it: each entry apart from the next, and
a message's text whole on its own line under who wrote it."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.clock import to_rfc3339
from wa_desk.ui.common import theme
from wa_desk.ui.supervisor.conversation_timeline_delegate import (
    BUBBLE_SHARE,
    ConversationTimelineDelegate,
)
from wa_desk.ui.supervisor.conversation_timeline_model import ConversationTimelineRoles
from wa_desk.ui.supervisor.drilldown_model import AGENTS_COLUMN, two_lines
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.timeline_words import action_text, message_body, message_heading

AT = 1_780_000_000_000


def _items() -> list[dict[str, Any]]:
    return [
        {
            "source": "message",
            "direction": "in",
            "at_ms": AT,
            "sender": {"name": "Sofía Ramos"},
            "type": "text",
            "text": "No puedo entrar en mi cuenta, dice contraseña incorrecta.",
        },
        {
            "source": "hub",
            "kind": AuditKind.CONVERSATION_CLAIMED.value,
            "at_ms": AT + 60_000,
            "received_at_ms": AT + 60_000,
            "actor": {"id": "u2", "name": "carla"},
            "data": {},
        },
        {
            "source": "message",
            "direction": "out",
            "at_ms": AT + 120_000,
            "sender": {"id": "u2", "name": "carla"},
            "type": "text",
            "text": "¡Hola! Claro, te ayudo con eso.",
        },
    ]


def test_timeline_entries_stand_apart_and_show_a_message_whole(
    qapp: QApplication, qtbot: QtBot
) -> None:
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.timeline_model.show_first("c1", {"items": _items(), "next": None})
    view, model = panel.timeline, panel.timeline_model
    rects = [view.visualRect(model.index(r)) for r in range(model.rowCount())]
    for above, below in pairwise(rects):
        assert below.top() > above.bottom() + 1, (above, below)  # a gap between entries
    line = QFontMetrics(view.font()).lineSpacing()
    for r in (0, 2):  # the messages: who and when, then the text, each a whole line
        assert rects[r].height() >= 2 * line, rects[r]
        assert rects[r].width() >= QFontMetrics(view.font()).horizontalAdvance(
            str(model.item(r)["text"])
        )


def _report_rows(count: int) -> list[dict[str, Any]]:
    """Conversations as the hub lists them behind a cell, with the widest figures a day
    gives: a date from another day, two agents, hours of resolution."""
    states = ("assigned", "closed", "queued")
    return [
        {
            "id": f"c{n}",
            "opened_at": to_rfc3339(AT - n * 3_700_000 - 86_400_000),
            "queue": ("ventas", "postventa")[n % 2],
            "agents": ["carla", "diego"] if n % 2 else ["ana"],
            "state": states[n % 3],
            "first_response_ms": 95_000 * n or None,
            "resolution_ms": 36_061_000 if n % 3 == 1 else None,
            "handle_ms": 1_020_000,
            "sla_breached": n % 2,
            "abandoned": 0,
            "transfers": n % 4,
        }
        for n in range(count)
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_drill_down_shows_every_column_whole_without_scrolling_sideways(
    qapp: QApplication, qtbot: QtBot, request: pytest.FixtureRequest, language: str
) -> None:
    """At the window's default size, the list of conversations behind a cell, rows and
    all, needs no sideways scrolling in either language, and each header is whole on
    its lines ("1.ª respuesta", "SLA incumplidos" on two)."""
    if language == "es":
        request.getfixturevalue("spanish")
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 760)  # the page of a window at its default size
    panel.show()
    table = panel.conversations
    header = table.horizontalHeader()
    # Empty, before any cell is chosen: the headers fit already.
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    panel.drilldown_model.show_first(_report_rows(14), None)
    # Laid out (the agents' column takes the room left): nothing beyond the right edge.
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)  # its range follows
    metrics = QFontMetrics(header.font())
    model = panel.drilldown_model
    for column in range(header.count()):
        shown = str(model.headerData(column, Qt.Orientation.Horizontal))
        for line in shown.splitlines():
            assert header.sectionSize(column) >= metrics.horizontalAdvance(line), shown
        whole = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert shown.replace("\n", " ") == whole  # read out and hovered on one line
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data())
            if column == AGENTS_COLUMN:  # may be cut short: its tooltip holds it whole
                assert index.data(Qt.ItemDataRole.ToolTipRole) == text
            else:
                assert header.sectionSize(column) > metrics.horizontalAdvance(text), text
    agents = header.sectionSize(AGENTS_COLUMN)
    assert agents >= metrics.horizontalAdvance("carla, diego"), agents  # here, room to spare


def test_a_header_breaks_at_the_space_nearest_its_middle() -> None:
    assert two_lines("SLA incumplidos") == "SLA\nincumplidos"
    assert two_lines("First response") == "First\nresponse"
    assert two_lines("Time to first response") == "Time to first\nresponse"
    assert two_lines("Traspasos") == "Traspasos"


def test_a_message_without_text_says_what_it_is_in_the_users_language(
    qapp: QApplication, spanish: None
) -> None:
    assert message_body({"type": "template", "text": None}) == "[mensaje de plantilla]"
    assert message_body({"type": "image"}) == "[foto]"
    assert message_body({"type": "image", "text": "Mi ticket"}) == "Mi ticket"  # its caption
    unknown = message_body({"type": "order"})
    assert unknown.startswith("[un mensaje de tipo ") and "order" in unknown


def test_a_canned_reply_in_the_timeline_names_the_reply_never_its_text(
    qapp: QApplication, spanish: None
) -> None:
    item = {
        "kind": AuditKind.CANNED_REPLY_USED.value,
        "source": "device",
        "actor": {"id": "u1", "name": "Ana"},
        "data": {"name": "Estado del pedido", "language": "es", "idempotency_key": "k"},
    }
    text = action_text(item)
    assert text.startswith("\u2068Ana\u2069 envió una respuesta rápida · ")
    assert "Estado del pedido" in text


def test_the_servers_automatic_reply_in_the_timeline_is_named_as_such(
    qapp: QApplication, spanish: None
) -> None:
    fact = {
        "kind": AuditKind.MESSAGE_AUTO_SENT.value,
        "source": "hub",
        "actor": {"id": AUTOMATIC_SENDER, "name": None},
        "data": {"message": "m1", "kind": "greeting", "type": "text"},
    }
    assert action_text(fact).startswith("\u2068El servidor (automático)\u2069 respondió automát")
    message = {"direction": "out", "sender": {"id": AUTOMATIC_SENDER, "name": None}}
    assert message_heading(message) == "\u2068El servidor (automático)\u2069"


def _painted_timeline(qtbot: QtBot, items: list[dict[str, Any]]) -> tuple[HeatmapPanel, QImage]:
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 760)
    panel.show()
    panel.timeline_model.show_first("c1", {"items": items, "next": None})
    qtbot.waitUntil(lambda: panel.timeline.visualRect(panel.timeline_model.index(0)).height() > 0)
    return panel, panel.timeline.viewport().grab().toImage()


def test_messages_are_bubbles_by_side_and_actions_quiet_lines(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """The customer's words in a bubble on the left, the agent's on the right, each in
    the colours of the agent's own conversation view; an action is one line with no
    bubble. What a customer wrote is painted as written, markup and all."""
    items = _items()
    items[0]["text"] = "<b>No puedo entrar</b> en mi cuenta"
    panel, image = _painted_timeline(qtbot, items)
    view, model = panel.timeline, panel.timeline_model
    delegate = view.itemDelegate()
    assert isinstance(delegate, ConversationTimelineDelegate)
    colours = theme.colors(view.palette())

    def laid(row: int) -> QRect:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(model.index(row))
        return delegate.message_layout(option, model.index(row))[0].bubble

    row_rect = view.visualRect(model.index(0))
    customer, agent = laid(0), laid(2)
    assert customer.left() - row_rect.left() < 10  # at the left
    assert row_rect.right() - agent.right() < 10  # at the right
    assert customer.width() <= row_rect.width() * BUBBLE_SHARE
    inside = QPoint(customer.left() + 3, customer.center().y())
    assert image.pixelColor(inside).rgb() == colours.bubble_in.rgb()
    inside = QPoint(agent.right() - 3, agent.center().y())
    assert image.pixelColor(inside).rgb() == colours.bubble_out.rgb()
    line = QFontMetrics(view.font()).lineSpacing()
    assert view.visualRect(model.index(1)).height() < 2 * line  # the action: one line
    assert model.index(0).data(ConversationTimelineRoles.BODY) == items[0]["text"]


def test_a_word_longer_than_the_bubble_breaks_inside_it(qapp: QApplication, qtbot: QtBot) -> None:
    link = "https://example.com/pedidos/" + "x" * 300
    items = _items()
    items[0]["text"] = link
    panel, _image = _painted_timeline(qtbot, items)
    view, model = panel.timeline, panel.timeline_model
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(model.index(0))
    delegate = view.itemDelegate()
    assert isinstance(delegate, ConversationTimelineDelegate)
    lay, _heading, body = delegate.message_layout(option, model.index(0))
    assert body.lineCount() > 2
    assert lay.bubble.right() <= option.rect.right()
    assert option.rect.height() >= lay.bubble.height()  # the row holds all of it

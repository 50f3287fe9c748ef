"""The heat-map tab's timeline as a person reads it: each entry apart from the next, and
a message's text whole on its own line under who wrote it."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.timeline_words import message_body

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


def test_the_drill_down_shows_every_column_whole_in_spanish(
    qapp: QApplication, qtbot: QtBot, spanish: None
) -> None:
    """At the window's default size, the list of conversations behind a cell needs no
    sideways scrolling: each of its headers is whole ("1.ª respuesta", "Traspasos")."""
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 760)  # the page of a window at its default size
    panel.show()
    panel.drilldown_model.show_first([], None)
    header = panel.conversations.horizontalHeader()
    # Laid out (the last column takes the room left): nothing beyond the right edge.
    qtbot.waitUntil(lambda: header.length() == panel.conversations.viewport().width())
    metrics = QFontMetrics(header.font())
    for column in range(header.count()):
        title = str(panel.drilldown_model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title


def test_a_message_without_text_says_what_it_is_in_the_users_language(
    qapp: QApplication, spanish: None
) -> None:
    assert message_body({"type": "template", "text": None}) == "[mensaje de plantilla]"
    assert message_body({"type": "image"}) == "[foto]"
    assert message_body({"type": "image", "text": "Mi ticket"}) == "Mi ticket"  # its caption
    unknown = message_body({"type": "order"})
    assert unknown.startswith("[un mensaje de tipo ") and "order" in unknown

"""The heat-map tab's timeline as a person reads it: each entry apart from the next, and
a message's text whole on its own line under who wrote it."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import to_rfc3339
from wa_desk.ui.supervisor.drilldown_model import AGENTS_COLUMN, two_lines
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
    panel.drilldown_model.show_first(_report_rows(14), None)
    table = panel.conversations
    header = table.horizontalHeader()
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

"""The routing's facts in a conversation's timeline, in Spanish and in English: who the
queue's routing gave the conversation to and why, and a return to the queue after the
customer waited on a silent agent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.routing import ROUTING_ACTOR
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.timeline_words import action_text

AT = 1_780_000_000_000


def _fact(kind: AuditKind, **data: Any) -> dict[str, Any]:
    return {
        "source": "hub",
        "kind": kind.value,
        "actor": {"id": ROUTING_ACTOR, "name": None},
        "data": {"queue": "ventas", **data},
    }


STICKY = _fact(AuditKind.CONVERSATION_ASSIGNED, to_user="u1", mode="round_robin", reason="sticky")
IN_TURN = _fact(
    AuditKind.CONVERSATION_ASSIGNED, to_user="u1", mode="round_robin", reason="round_robin"
)
LEAST = _fact(AuditKind.CONVERSATION_ASSIGNED, to_user="u1", mode="least_busy", reason="least_busy")
BACK = _fact(AuditKind.CONVERSATION_REQUEUED, from_user="u1", after_minutes=10)
BACK_1 = _fact(AuditKind.CONVERSATION_REQUEUED, from_user="u1", after_minutes=1)
# As the server names the agent (an older server's timeline does not).
NAMED = {"people": {"u1": "Bruno Díaz"}}


def test_the_routing_names_the_agent_when_the_server_does(qapp: QApplication) -> None:
    who, bruno = isolated("Automatic routing"), isolated("Bruno Díaz")
    assert action_text({**LEAST, **NAMED}) == (
        f"{who} assigned it to {bruno} · the least busy agent"
    )
    assert action_text({**BACK, **NAMED}) == (
        f"{who} took it back to the queue from {bruno} · the customer waited 10 minutes"
        " for an answer"
    )


def test_the_routing_names_the_agent_in_spanish(qapp: QApplication, spanish: None) -> None:
    who, bruno = isolated("Reparto automático"), isolated("Bruno Díaz")
    assert action_text({**STICKY, **NAMED}) == (
        f"{who} la asignó a {bruno} · el agente que atendió a este cliente la última vez"
    )
    assert action_text({**BACK, **NAMED}) == (
        f"{who} se la quitó a {bruno} y la devolvió a la cola · el cliente esperó 10 minutos"
        " una respuesta"
    )


def test_the_routing_in_english(qapp: QApplication) -> None:
    who = isolated("Automatic routing")
    assert action_text(IN_TURN) == f"{who} assigned it to an agent · in turn"
    assert action_text(LEAST) == f"{who} assigned it to an agent · the least busy agent"
    assert action_text(STICKY) == (
        f"{who} assigned it to an agent · the agent who served this customer last"
    )
    assert action_text(BACK) == (
        f"{who} took it back to the queue · the customer waited 10 minutes for an answer"
    )
    assert action_text(BACK_1).endswith("the customer waited 1 minute for an answer")


def test_the_routing_in_spanish(qapp: QApplication, spanish: None) -> None:
    who = isolated("Reparto automático")
    assert action_text(IN_TURN) == f"{who} la asignó a un agente · por turno"
    assert action_text(LEAST) == f"{who} la asignó a un agente · el agente menos ocupado"
    assert action_text(STICKY) == (
        f"{who} la asignó a un agente · el agente que atendió a este cliente la última vez"
    )
    assert action_text(BACK) == (
        f"{who} la devolvió a la cola · el cliente esperó 10 minutos una respuesta"
    )


def _timeline(kind_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    message = {
        "source": "message",
        "direction": "in",
        "at_ms": AT,
        "sender": {"name": "Sofía Ramos"},
        "type": "text",
        "text": "Hola, sigo esperando respuesta de mi pedido.",
    }
    timed = [
        {**row, "at_ms": AT + (i + 1) * 60_000, "received_at_ms": AT + (i + 1) * 60_000}
        for i, row in enumerate(kind_rows)
    ]
    return [message, *timed]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_routing_in_a_timeline_reads_whole(
    qapp: QApplication, qtbot: QtBot, language: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Each routing line, as a supervisor's timeline paints it, wraps whole on its row."""
    if language == "es":
        request.getfixturevalue("spanish")
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.timeline_model.show_first(
        "c1", {"items": _timeline([{**STICKY, **NAMED}, {**BACK, **NAMED}, LEAST]), "next": None}
    )
    view, model = panel.timeline, panel.timeline_model
    shot = tmp_path / f"routing_timeline_{language}.png"
    assert panel.grab().save(str(shot))
    keep = os.environ.get("WA_DESK_SHOTS")  # a folder to look at the screenshots in
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)
    metrics = QFontMetrics(view.font())
    for row in range(1, model.rowCount()):
        # Wrapped, never clipped: as many lines as its width needs, at least.
        rect = view.visualRect(model.index(row))
        lines = -(-metrics.horizontalAdvance(action_text(model.item(row))) // rect.width())
        assert rect.height() >= lines * metrics.lineSpacing(), (row, rect, lines)

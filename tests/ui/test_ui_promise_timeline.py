"""A conversation's timeline shows each promise beside the message that made it, and the
ledger's changes as actions, in Spanish and in English (the hub's timeline answer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.conversation_timeline_model import ConversationTimelineRoles
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel

AT = 1_780_000_000_000


def _items() -> list[dict[str, Any]]:
    promise = {
        "id": "p1",
        "what": "Enviar la factura de marzo",
        "due_at": "2026-06-01T17:00:00.000Z",
        "state": "kept",
        "owner": {"id": "u3", "name": "beto"},
    }
    return [
        {
            "source": "message",
            "direction": "in",
            "at_ms": AT,
            "sender": {"name": "Sofía Ramos"},
            "type": "text",
            "text": "¿Me mandáis la factura?",
            "promises": [],
        },
        {
            "source": "message",
            "id": "m2",
            "direction": "out",
            "at_ms": AT + 60_000,
            "sender": {"id": "u2", "name": "carla"},
            "type": "text",
            "text": "Te la envío mañana.",
            "promises": [promise],
        },
        {
            "source": "hub",
            "kind": AuditKind.PROMISE_MADE.value,
            "at_ms": AT + 61_000,
            "received_at_ms": AT + 61_000,
            "actor": {"id": "u2", "name": "carla"},
            "data": {"promise": "p1", "due_at": "2026-06-01T17:00:00.000Z"},
        },
        {
            "source": "hub",
            "kind": AuditKind.PROMISE_RESCHEDULED.value,
            "at_ms": AT + 62_000,
            "received_at_ms": AT + 62_000,
            "actor": {"id": "u3", "name": "beto"},
            "data": {"promise": "p1", "due_at": "2026-06-02T17:00:00.000Z", "reason": "Banco"},
        },
        {
            "source": "message",
            "id": "m5",
            "direction": "out",
            "at_ms": AT + 63_000,
            "sender": {"id": "u3", "name": "beto"},
            "type": "text",
            "text": "Aquí tienes la factura.",
            "promises": [],
            "kept_promises": [{"id": "p0", "what": "Enviar el abono", "conversation_id": "c0"}],
        },
        {
            "source": "hub",
            "kind": AuditKind.PROMISE_KEPT.value,
            "at_ms": AT + 64_000,
            "received_at_ms": AT + 64_000,
            "actor": {"id": "u3", "name": "beto"},
            "data": {"promise": "p0", "message_id": "m5", "message_conversation": "c2"},
        },
    ]


def _panel(qtbot: QtBot) -> HeatmapPanel:
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.timeline_model.show_first("c1", {"items": _items(), "next": None})
    return panel


def test_in_english(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    panel = _panel(qtbot)
    model = panel.timeline_model
    body = str(model.index(1).data(ConversationTimelineRoles.BODY))
    text, promise = body.split("\n")
    assert text == "Te la envío mañana."
    assert promise.startswith(f"Promise: {isolated('Enviar la factura de marzo')} · due ")
    assert promise.endswith(f" · kept · owner {isolated('beto')}")
    assert model.index(0).data(ConversationTimelineRoles.BODY) == "¿Me mandáis la factura?"
    made = str(model.index(2).data(ConversationTimelineRoles.HEADING))
    assert f"{isolated('carla')} recorded a promise · due " in made
    moved = str(model.index(3).data(ConversationTimelineRoles.HEADING))
    assert moved.endswith(f" · {isolated('Banco')}")
    kept_by = str(model.index(4).data(ConversationTimelineRoles.BODY)).split("\n")
    assert kept_by == [
        "Aquí tienes la factura.",
        f"Kept the promise: {isolated('Enviar el abono')}",
    ]
    kept = str(model.index(5).data(ConversationTimelineRoles.HEADING))
    assert f"{isolated('beto')} marked a promise kept" in kept
    assert kept.endswith(" · kept by a message of a later conversation")
    panel.timeline.viewport().grab().save(str(tmp_path / "promise_timeline_en.png"))


def test_in_spanish(qapp: QApplication, qtbot: QtBot, spanish: None, tmp_path: Path) -> None:
    panel = _panel(qtbot)
    model = panel.timeline_model
    promise = str(model.index(1).data(ConversationTimelineRoles.BODY)).split("\n")[1]
    assert promise.startswith(f"Promesa: {isolated('Enviar la factura de marzo')} · vence ")
    assert promise.endswith(f" · cumplida · responsable {isolated('beto')}")
    made = str(model.index(2).data(ConversationTimelineRoles.HEADING))
    assert f"{isolated('carla')} registró una promesa · vence " in made
    kept_by = str(model.index(4).data(ConversationTimelineRoles.BODY)).split("\n")[1]
    assert kept_by == f"Cumplió la promesa: {isolated('Enviar el abono')}"
    kept = str(model.index(5).data(ConversationTimelineRoles.HEADING))
    assert kept.endswith(" · cumplida con un mensaje de una conversación posterior")
    panel.timeline.viewport().grab().save(str(tmp_path / "promise_timeline_es.png"))

"""The routing's facts in a conversation's timeline, in Spanish and in English: who the
queue's routing gave the conversation to and why, and a return to the queue after the
customer waited on a silent agent."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.routing import ROUTING_ACTOR
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.timeline_words import action_text


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

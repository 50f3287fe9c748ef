"""A satisfaction survey in a conversation's timeline, and a low rating's alert, in
Spanish and in English: the survey under its own heading (no agent sent it), the rating
as a number of 5, the alert naming the queue and the agent who closed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.csat import SURVEY_SENDER
from wa_desk.ui.app.alerts import describe_alert
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.alert_words import kind_heading
from wa_desk.ui.supervisor.timeline_words import action_text, message_heading

SURVEY: dict[str, Any] = {
    "source": "message",
    "direction": "out",
    "sender": {"id": SURVEY_SENDER, "name": None},
    "type": "interactive",
    "text": "¿Cómo valorarías la atención que recibiste?",
}
ASKED: dict[str, Any] = {
    "source": "hub",
    "kind": AuditKind.CSAT_SENT.value,
    "actor": {"id": "hub", "name": None},
    "data": {"agent": "u1", "queue": "ventas", "wamid": "wamid.s", "message": "m1"},
}
RATED: dict[str, Any] = {
    "source": "hub",
    "kind": AuditKind.CSAT_ANSWERED.value,
    "actor": {"id": "hub", "name": None},
    "data": {"agent": "u1", "queue": "ventas", "rating": 2, "answer_wamid": "wamid.a"},
}


def test_the_survey_and_its_rating_in_english(qapp: QApplication) -> None:
    assert message_heading(SURVEY) == "Satisfaction survey"
    assert action_text(ASKED) == "The customer was asked to rate the service"
    assert action_text(RATED) == "The customer rated the service · 2 of 5"


def test_the_survey_and_its_rating_in_spanish(qapp: QApplication, spanish: None) -> None:
    assert message_heading(SURVEY) == "Encuesta de satisfacción"
    assert action_text(ASKED) == "Se pidió al cliente que valorara la atención"
    assert action_text(RATED) == "El cliente valoró la atención · 2 de 5"


LOW: dict[str, Any] = {
    "kind": "low_csat",
    "severity": "warning",
    "state": "open",
    "count": 1,
    "message": "A customer of ventas rated a conversation closed by ana 2 of 5.",
    "details": {
        "conversation_id": "c1",
        "queue": "ventas",
        "rating": 2,
        "user": "u1",
        "user_name": "ana",
        "closed_at": to_rfc3339(now_ms() - 60_000),
    },
}


def test_a_low_rating_alert_names_the_queue_the_rating_and_the_agent(qapp: QApplication) -> None:
    problem = describe_alert(LOW, now_ms())
    assert problem.title == (
        f"A customer of queue {isolated('ventas')} rated their conversation 2 of 5."
    )
    assert problem.detail.startswith(f"Closed by {isolated('ana')}: ")
    assert problem.next_step.startswith("Next step: read the conversation's timeline")
    assert kind_heading("low_csat") == "Customers unhappy with how they were served"


def test_a_low_rating_alert_in_spanish(qapp: QApplication, spanish: None) -> None:
    problem = describe_alert(LOW, now_ms())
    assert problem.title == (
        f"Un cliente de la cola {isolated('ventas')} valoró su conversación con 2 de 5."
    )
    assert problem.detail.startswith(f"La cerró {isolated('ana')}: ")
    assert kind_heading("low_csat") == "Clientes descontentos con la atención"

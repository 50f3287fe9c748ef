"""The early-alerts panel's own words: severities, states, kinds as group headings, and
what an alert is about (its subject) with what opening it shows.

What an alert says (its sentence, facts and next step) is ``app.alerts.describe_alert``'s;
this module only names things around it. Subjects (queue, agent, customer, template
names) are data: returned ``isolated`` for sentences and plain for labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from wa_desk.client.supervisor_api import ALL_ALERTS
from wa_desk.core.alert_kinds import WHATSAPP_SUBJECT, AlertKind, AlertSeverity, AlertState
from wa_desk.ui.common.plain_text import isolated


def severity_word(severity: str) -> str:
    """The word painted beside the severity's colour (never the colour alone)."""
    if severity == AlertSeverity.CRITICAL:
        return QCoreApplication.translate("AlertWords", "Critical")
    if severity == AlertSeverity.WARNING:
        return QCoreApplication.translate("AlertWords", "Warning")
    return QCoreApplication.translate("AlertWords", "Info")


def state_choices() -> list[tuple[str, str]]:
    """(what ``SupervisorApi.alerts`` takes, label) for the state filter, open first."""
    return [
        (AlertState.OPEN.value, QCoreApplication.translate("AlertWords", "Open")),
        (AlertState.ACKNOWLEDGED.value, QCoreApplication.translate("AlertWords", "Acknowledged")),
        (AlertState.SNOOZED.value, QCoreApplication.translate("AlertWords", "Snoozed")),
        (AlertState.RESOLVED.value, QCoreApplication.translate("AlertWords", "Resolved")),
        (ALL_ALERTS, QCoreApplication.translate("AlertWords", "All")),
    ]


def kind_heading(kind: str) -> str:
    """A group's heading: what its alerts have in common."""
    headings: dict[str, str] = {
        AlertKind.SLA_BREACHED: QCoreApplication.translate("AlertWords", "Response target missed"),
        AlertKind.SLA_AT_RISK: QCoreApplication.translate("AlertWords", "Response target at risk"),
        AlertKind.UNANSWERED_STREAK: QCoreApplication.translate(
            "AlertWords", "Customers writing without an answer"
        ),
        AlertKind.QUEUE_BACKLOG: QCoreApplication.translate("AlertWords", "Queues with a backlog"),
        AlertKind.AGENT_WAITING: QCoreApplication.translate(
            "AlertWords", "Customers waiting on an agent"
        ),
        AlertKind.WINDOW_CLOSING: QCoreApplication.translate(
            "AlertWords", "24-hour windows closing soon"
        ),
        AlertKind.REPEAT_CONTACT: QCoreApplication.translate(
            "AlertWords", "Customers back soon after a close"
        ),
        AlertKind.SEND_FAILURES: QCoreApplication.translate("AlertWords", "Failed sends"),
        AlertKind.TEMPLATE_STATUS: QCoreApplication.translate(
            "AlertWords", "Templates that cannot be sent"
        ),
        AlertKind.GUIDELINE_SPIKE: QCoreApplication.translate(
            "AlertWords", "Guideline blocks and warnings"
        ),
        AlertKind.PROMISE_DUE_SOON: QCoreApplication.translate("AlertWords", "Promises due soon"),
        AlertKind.PROMISE_OVERDUE: QCoreApplication.translate("AlertWords", "Overdue promises"),
        AlertKind.AUDIT_GAP: QCoreApplication.translate("AlertWords", "Action logs with a gap"),
        AlertKind.AUDIT_FORK: QCoreApplication.translate(
            "AlertWords", "Action logs that do not match"
        ),
        AlertKind.WHATSAPP_AUTH: QCoreApplication.translate("AlertWords", "WhatsApp access"),
        AlertKind.LOW_CSAT: QCoreApplication.translate(
            "AlertWords", "Customers unhappy with how they were served"
        ),
    }
    return headings.get(kind, QCoreApplication.translate("AlertWords", "Other alerts"))


class OpenKind(StrEnum):
    """What opening an alert shows: the panel's signal of that name carries its id."""

    CONVERSATION = "conversation"
    QUEUE = "queue"
    AGENT = "agent"


@dataclass(frozen=True)
class Subject:
    """What an alert is about, its names isolated (plain text), and what opening it shows."""

    text: str
    opens: OpenKind | None
    target: str


_CONVERSATION_KINDS = frozenset(
    {
        AlertKind.SLA_AT_RISK,
        AlertKind.SLA_BREACHED,
        AlertKind.UNANSWERED_STREAK,
        AlertKind.REPEAT_CONTACT,
        AlertKind.WINDOW_CLOSING,
        AlertKind.PROMISE_DUE_SOON,
        AlertKind.PROMISE_OVERDUE,
        AlertKind.LOW_CSAT,
    }
)
_QUEUE_KINDS = frozenset(
    {AlertKind.QUEUE_BACKLOG, AlertKind.SEND_FAILURES, AlertKind.GUIDELINE_SPIKE}
)
_AGENT_KINDS = frozenset({AlertKind.AGENT_WAITING, AlertKind.AUDIT_GAP, AlertKind.AUDIT_FORK})


def details_of(alert: Mapping[str, Any]) -> Mapping[str, Any]:
    details = alert.get("details")
    return details if isinstance(details, Mapping) else {}


def _fill(text: str, *values: str) -> str:
    """``%1``, ``%2``... replaced from the last, so a value holding ``%1`` stays as it is."""
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", values[i - 1])
    return text


def subject_of(alert: Mapping[str, Any], customer: str | None = None) -> Subject:
    """The alert's subject: a customer (``customer``, their name when known), a queue,
    an agent, a template, or WhatsApp itself; and what opening it shows. Every name in
    it is isolated, so the line it is set in keeps its order."""
    kind = str(alert.get("kind"))
    d = details_of(alert)
    if kind in _CONVERSATION_KINDS:
        conversation_id = str(d.get("conversation_id") or alert.get("subject") or "")
        # A promise's alert names its customer itself.
        customer = customer or (str(d["customer_name"]) if d.get("customer_name") else None)
        # The queue is in the alert's sentence already.
        text = (
            isolated(customer)
            if customer
            else QCoreApplication.translate("AlertWords", "A customer")
        )
        return Subject(text, OpenKind.CONVERSATION, conversation_id)
    if kind in _QUEUE_KINDS:
        queue = str(d.get("queue") or alert.get("subject") or "")
        return Subject(
            _fill(QCoreApplication.translate("AlertWords", "Queue %1"), isolated(queue)),
            OpenKind.QUEUE,
            queue,
        )
    if kind in _AGENT_KINDS:
        user = str(d.get("user") or alert.get("subject") or "")
        name = isolated(str(d.get("user_name") or user))
        device = d.get("device_name")
        if device:
            name = _fill(
                QCoreApplication.translate("AlertWords", "%1 on %2"), name, isolated(str(device))
            )
        return Subject(name, OpenKind.AGENT, user)
    if kind == AlertKind.TEMPLATE_STATUS:
        name, language = (
            isolated(str(d.get("name") or "?")),
            isolated(str(d.get("language") or "?")),
        )
        return Subject(
            _fill(QCoreApplication.translate("AlertWords", "Template %1 (%2)"), name, language),
            None,
            "",
        )
    if kind == AlertKind.WHATSAPP_AUTH or alert.get("subject") == WHATSAPP_SUBJECT:
        return Subject(QCoreApplication.translate("AlertWords", "WhatsApp"), None, "")
    return Subject(isolated(str(alert.get("subject") or "")), None, "")

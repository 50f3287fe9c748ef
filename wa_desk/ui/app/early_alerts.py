"""The early alerts in the user's words (``core.alert_kinds``): what is happening in which
queue, and the next step that fits it.

Queue, template and agent names are data: set inside a sentence as ``isolated`` text,
and set last, so a name holding ``%2`` stays as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.core.alert_rules import FailureGroup
from wa_desk.core.clock import Millis, from_rfc3339
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_due, format_when

Words = tuple[str, str, str]  # title, facts, next step


def _number(value: Any) -> str:
    return QLocale().toString(int(value)) if isinstance(value, int) else "?"


def _name(value: Any) -> str:
    return isolated(str(value or "?"))


def _fill(text: str, *values: str) -> str:
    """``%1``, ``%2``... replaced from the last, so a value holding ``%1`` stays as it is."""
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", values[i - 1])
    return text


def _when(value: Any, now: Millis) -> str:
    try:
        return format_when(from_rfc3339(str(value)), now) if value else "?"
    except (ValueError, OverflowError):
        return "?"


def _due(value: Any, now: Millis) -> str:
    try:
        return format_due(from_rfc3339(str(value)), now) if value else "?"
    except (ValueError, OverflowError):
        return "?"


def _sla(f: Mapping[str, Any], now: Millis, breached: bool) -> Words:
    first = f.get("clock") != "next_response"
    if breached and first:
        title = QCoreApplication.translate(
            "Alerts", "A customer in queue %1 has waited longer than the first-response target."
        )
    elif breached:
        title = QCoreApplication.translate(
            "Alerts", "A customer in queue %1 has waited longer than the next-response target."
        )
    elif first:
        title = QCoreApplication.translate(
            "Alerts", "A customer in queue %1 is close to missing the first-response target."
        )
    else:
        title = QCoreApplication.translate(
            "Alerts", "A customer in queue %1 is close to missing the next-response target."
        )
    facts = _fill(
        QCoreApplication.translate("Alerts", "Deadline: %1."), _when(f.get("deadline"), now)
    )
    step = QCoreApplication.translate(
        "Alerts", "Next step: answer them now, or assign the conversation to an available agent."
    )
    return _fill(title, _name(f.get("queue"))), facts, step


def _sla_at_risk(f: Mapping[str, Any], now: Millis) -> Words:
    return _sla(f, now, breached=False)


def _sla_breached(f: Mapping[str, Any], now: Millis) -> Words:
    return _sla(f, now, breached=True)


def _backlog(f: Mapping[str, Any], now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate("Alerts", "Customers waiting in queue %1: %2."),
        _name(f.get("queue")),
        _number(f.get("waiting")),
    )
    facts = _fill(
        QCoreApplication.translate(
            "Alerts", "The threshold is %1; the longest has waited since %2."
        ),
        _number(f.get("threshold")),
        _when(f.get("oldest_waiting_since"), now),
    )
    step = QCoreApplication.translate(
        "Alerts",
        "Next step: ask available agents to take conversations from the queue, or move "
        "agents to it.",
    )
    return title, facts, step


def _streak(f: Mapping[str, Any], _now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "A customer in queue %1 has written %2 messages in a row without an answer."
        ),
        _name(f.get("queue")),
        _number(f.get("messages")),
    )
    return (
        title,
        "",
        QCoreApplication.translate(
            "Alerts", "Next step: open the conversation and make sure someone answers it."
        ),
    )


def _repeat(f: Mapping[str, Any], now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "A customer of queue %1 came back soon after their conversation was closed."
        ),
        _name(f.get("queue")),
    )
    facts = _fill(
        QCoreApplication.translate("Alerts", "Previous conversation closed: %1."),
        _when(f.get("previous_closed_at"), now),
    )
    step = QCoreApplication.translate(
        "Alerts", "Next step: check how the previous conversation ended before answering."
    )
    return title, facts, step


def _low_csat(f: Mapping[str, Any], now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "A customer of queue %1 rated their conversation %2 of 5."
        ),
        _name(f.get("queue")),
        _number(f.get("rating")),
    )
    facts = _fill(
        QCoreApplication.translate("Alerts", "Closed by %1: %2."),
        _name(f.get("user_name")),
        _when(f.get("closed_at"), now),
    )
    step = QCoreApplication.translate(
        "Alerts", "Next step: read the conversation's timeline and talk it over with the agent."
    )
    return title, facts, step


def _agent_waiting(f: Mapping[str, Any], _now: Millis) -> Words:
    agent = _name(f.get("user_name"))
    title = _fill(
        QCoreApplication.translate("Alerts", "Customers waiting on %1: %2."),
        agent,
        _number(f.get("waiting")),
    )
    facts = _fill(
        QCoreApplication.translate("Alerts", "The longest has waited %1 minutes."),
        _number(f.get("longest_minutes")),
    )
    step = _fill(
        QCoreApplication.translate(
            "Alerts",
            "Next step: check whether %1 is available, or reassign their waiting conversations.",
        ),
        agent,
    )
    return title, facts, step


def _window(f: Mapping[str, Any], now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "The 24-hour window of a waiting customer in queue %1 closes soon."
        ),
        _name(f.get("queue")),
    )
    facts = _fill(
        QCoreApplication.translate("Alerts", "Closes: %1. After that, only templates can be sent."),
        _when(f.get("closes_at"), now),
    )
    return (
        title,
        facts,
        QCoreApplication.translate("Alerts", "Next step: answer them before the window closes."),
    )


def _failures(f: Mapping[str, Any], _now: Millis) -> Words:
    group = f.get("group")
    if group == FailureGroup.REENGAGEMENT:
        title = QCoreApplication.translate(
            "Alerts",
            "Messages in queue %1 are failing because the customer's 24-hour window has closed.",
        )
        step = QCoreApplication.translate(
            "Alerts", "Next step: send an approved template to reopen the conversation."
        )
    elif group == FailureGroup.UNDELIVERABLE:
        title = QCoreApplication.translate(
            "Alerts", "Messages in queue %1 are failing: the numbers cannot receive them."
        )
        step = QCoreApplication.translate(
            "Alerts",
            "Next step: check the customers' numbers; they may not use WhatsApp or may have "
            "blocked the business.",
        )
    else:
        title = QCoreApplication.translate("Alerts", "Messages in queue %1 are failing.")
        step = QCoreApplication.translate(
            "Alerts",
            "Next step: look at the failed messages' errors; if it continues, tell the "
            "administrator.",
        )
    facts = _fill(
        QCoreApplication.translate("Alerts", "Failed sends: %1; last WhatsApp error: %2."),
        _number(f.get("count")),
        str(f.get("last_code") or "?"),
    )
    return _fill(title, _name(f.get("queue"))), facts, step


def _template(f: Mapping[str, Any], _now: Millis) -> Words:
    if f.get("status") == "PAUSED":
        title = QCoreApplication.translate(
            "Alerts", "The template %1 (%2) is paused: it cannot be sent."
        )
    else:
        title = QCoreApplication.translate(
            "Alerts", "The template %1 (%2) was rejected or disabled: it cannot be sent."
        )
    step = QCoreApplication.translate(
        "Alerts",
        "Next step: use another template, and ask the administrator to review this one in "
        "WhatsApp Manager.",
    )
    return _fill(title, _name(f.get("name")), _name(f.get("language"))), "", step


def _spike(f: Mapping[str, Any], _now: Millis) -> Words:
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "Many sends were blocked or warned against in queue %1."
        ),
        _name(f.get("queue")),
    )
    facts = _fill(
        QCoreApplication.translate(
            "Alerts", "Blocked: %1; sent anyway after a warning: %2; in the last %3 minutes."
        ),
        _number(f.get("blocked")),
        _number(f.get("overridden")),
        _number(f.get("minutes")),
    )
    step = QCoreApplication.translate(
        "Alerts", "Next step: review with the team the rules they keep running into."
    )
    return title, facts, step


def _promise_due_soon(f: Mapping[str, Any], now: Millis) -> Words:
    owner = _name(f.get("owner_name") or f.get("owner"))
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "A promise %1 made to a customer in queue %2 is due soon."
        ),
        owner,
        _name(f.get("queue")),
    )
    facts = _fill(QCoreApplication.translate("Alerts", "Due: %1."), _due(f.get("due_at"), now))
    step = _fill(
        QCoreApplication.translate(
            "Alerts", "Next step: ask %1 to keep it, or to agree a new date with the customer."
        ),
        owner,
    )
    return title, facts, step


def _promise_overdue(f: Mapping[str, Any], now: Millis) -> Words:
    owner = _name(f.get("owner_name") or f.get("owner"))
    title = _fill(
        QCoreApplication.translate(
            "Alerts", "A promise %1 made to a customer in queue %2 is overdue."
        ),
        owner,
        _name(f.get("queue")),
    )
    facts = _fill(
        QCoreApplication.translate("Alerts", "It was due: %1."), _due(f.get("due_at"), now)
    )
    step = _fill(
        QCoreApplication.translate(
            "Alerts",
            "Next step: check with %1; if it cannot be kept, tell the customer and reschedule it.",
        ),
        owner,
    )
    return title, facts, step


EARLY_ALERTS: dict[AlertKind, Callable[[Mapping[str, Any], Millis], Words]] = {
    AlertKind.SLA_AT_RISK: _sla_at_risk,
    AlertKind.SLA_BREACHED: _sla_breached,
    AlertKind.QUEUE_BACKLOG: _backlog,
    AlertKind.UNANSWERED_STREAK: _streak,
    AlertKind.REPEAT_CONTACT: _repeat,
    AlertKind.AGENT_WAITING: _agent_waiting,
    AlertKind.WINDOW_CLOSING: _window,
    AlertKind.SEND_FAILURES: _failures,
    AlertKind.TEMPLATE_STATUS: _template,
    AlertKind.GUIDELINE_SPIKE: _spike,
    AlertKind.PROMISE_DUE_SOON: _promise_due_soon,
    AlertKind.PROMISE_OVERDUE: _promise_overdue,
    AlertKind.LOW_CSAT: _low_csat,
}

"""The hub's alerts in the user's words: who, on which computer, what happened, and the
next step that fits it.

An alert event (``alert.raised``, ``alert.updated``, or ``alert`` from an older hub)
carries a stable kind and structured fields (``core.alert_kinds``); each known kind is
written here (``early_alerts`` for the early alerts), translated, from those fields.
The hub's English ``message`` is shown only for a kind this version does not know, under
a generic lead-in. Names (the agent's, the computer's) are data: set inside a sentence
as ``isolated`` text, and the problems bar lays everything out as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from wa_desk.core.alert_kinds import SEVERITY_RANK, AlertKind, AlertSeverity, AlertState
from wa_desk.core.clock import Millis, from_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.early_alerts import EARLY_ALERTS
from wa_desk.ui.app.problems import Problem, ProblemKind, describe_problem
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_when

# Kinds whose every repeat is worth telling again (a device's log still refused, the
# token still refused); other alerts are told again only when they grow more severe.
_TOLD_AT_EACH_REPEAT = {AlertKind.AUDIT_GAP, AlertKind.AUDIT_FORK, AlertKind.WHATSAPP_AUTH}


def worth_showing(event: StreamEventKind, data: Mapping[str, Any]) -> bool:
    """Whether an alert event is put before the user: a new alert, or one that came back
    worse (more severe, or a repeat of an audit or token alert) while nobody took it on.
    Acknowledgements, snoozes and resolutions change nothing on screen."""
    if event is StreamEventKind.ALERT:
        return True  # an older hub: one event per occurrence
    if data.get("state") != AlertState.OPEN:
        return False
    if event is StreamEventKind.ALERT_RAISED:
        return True
    if event is not StreamEventKind.ALERT_UPDATED:
        return False
    if data.get("kind") in _TOLD_AT_EACH_REPEAT:
        return True
    try:
        severity = AlertSeverity(str(data.get("severity")))
        before = AlertSeverity(str(data.get("previous_severity")))
    except ValueError:
        return False
    return SEVERITY_RANK[severity] > SEVERITY_RANK[before]


def describe_alert(data: Mapping[str, Any], now: Millis) -> Problem:
    """The problem a user reads for one alert event's data."""
    try:
        kind = AlertKind(str(data.get("kind")))
    except ValueError:
        return describe_problem(ProblemKind.ALERT, str(data.get("message") or ""))
    details = data.get("details")
    fields = {**data, **details} if isinstance(details, Mapping) else data  # older hubs: flat
    if kind is AlertKind.WHATSAPP_AUTH:
        title, facts, next_step = _token_expired(fields)
    elif kind in EARLY_ALERTS:
        title, facts, next_step = EARLY_ALERTS[kind](fields, now)
    else:
        title, facts, next_step = _audit_chain(kind, fields)
    detail = "\n".join(line for line in (facts, _when(data, now)) if line)
    return Problem(ProblemKind.ALERT, title, next_step, None, detail)


def _number(value: Any) -> str:
    return QLocale().toString(int(value)) if isinstance(value, int) else "?"


def _audit_chain(kind: AlertKind, data: Mapping[str, Any]) -> tuple[str, str, str]:
    agent = isolated(str(data.get("user_name") or QCoreApplication.translate("Alerts", "an agent")))
    device = data.get("device_name")
    if kind is AlertKind.AUDIT_GAP:
        if device:
            title = QCoreApplication.translate("Alerts", "The action log of %1 on %2 has a gap.")
        else:
            title = QCoreApplication.translate(
                "Alerts", "The action log of %1 on one of their computers has a gap."
            )
        facts = (
            QCoreApplication.translate(
                "Alerts",
                "The server holds it up to entry %1; the computer sent entries from %2 on.",
            )
            .replace("%1", _number(data.get("acked_seq")))
            .replace("%2", _number(data.get("seq")))
        )
        next_step = QCoreApplication.translate(
            "Alerts",
            "Next step: ask %1 to keep wa-desk open and connected on that computer so it "
            "can send the missing entries again; if this persists, export the audit trail "
            "and tell IT.",
        )
    else:
        if device:
            title = QCoreApplication.translate(
                "Alerts", "The action log of %1 on %2 no longer matches the server's copy."
            )
        else:
            title = QCoreApplication.translate(
                "Alerts",
                "The action log of %1 on one of their computers no longer matches the "
                "server's copy.",
            )
        facts = QCoreApplication.translate("Alerts", "They differ from entry %1 on.").replace(
            "%1", _number(data.get("seq"))
        )
        next_step = QCoreApplication.translate(
            "Alerts",
            "Next step: export the audit trail and tell IT, who must find out which copy "
            "is right; meanwhile ask %1 not to copy or restore wa-desk's data on that "
            "computer.",
        )
    # The names last: a name holding "%2" stays as it is.
    title = title.replace("%2", isolated(str(device or ""))).replace("%1", agent)
    return title, facts, next_step.replace("%1", agent)


def _token_expired(data: Mapping[str, Any]) -> tuple[str, str, str]:
    title = QCoreApplication.translate(
        "Alerts", "WhatsApp no longer accepts the server's access token: messages cannot be sent."
    )
    code = data.get("code")
    facts = (
        QCoreApplication.translate("Alerts", "WhatsApp error %1.").replace("%1", str(code))
        if code is not None
        else ""
    )
    next_step = QCoreApplication.translate(
        "Alerts",
        "Next step: tell the administrator to renew the WhatsApp access token in the "
        "server's settings; messages that fail meanwhile must be sent again.",
    )
    return title, facts, next_step


def _when(data: Mapping[str, Any], now: Millis) -> str:
    first, last = _time(data.get("at")), _time(data.get("last_at"))
    count = data.get("count")
    if isinstance(count, int) and count > 1 and first is not None:
        return (
            QCoreApplication.translate("Alerts", "Seen %1 times, first at %2, last at %3.")
            .replace("%1", _number(count))
            .replace("%2", format_when(first, now))
            .replace("%3", format_when(last if last is not None else first, now))
        )
    if first is not None:
        return QCoreApplication.translate("Alerts", "When: %1.").replace(
            "%1", format_when(first, now)
        )
    return ""


def _time(value: Any) -> Millis | None:
    try:
        return from_rfc3339(str(value)) if value else None
    except (ValueError, OverflowError):
        return None

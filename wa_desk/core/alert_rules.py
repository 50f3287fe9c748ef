"""When each early alert holds, and how loud it is: docs/kpis.md ("Alerts") in code.

Pure functions of the facts the hub reads (times in milliseconds), plus ``reconcile``:
what to raise, update and resolve so that one alert per kind and subject is open exactly
while its condition lasts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wa_desk.core.alert_kinds import AlertKind, AlertSeverity
from wa_desk.core.clock import Millis
from wa_desk.core.sla import SlaState
from wa_desk.core.window import window_expires_at

MINUTE_MS: Millis = 60_000
HOUR_MS: Millis = 60 * MINUTE_MS


class FailureGroup(StrEnum):
    """How failed sends are grouped: the two causes a lead acts on differently, and the rest."""

    REENGAGEMENT = "131047"  # more than 24 h since the customer wrote: only a template goes
    UNDELIVERABLE = "131026"  # the number cannot receive it (no WhatsApp, old app, blocked)
    OTHER = "other"


def failure_group(code: int | None) -> FailureGroup:
    for group in (FailureGroup.REENGAGEMENT, FailureGroup.UNDELIVERABLE):
        if code is not None and str(code) == group.value:
            return group
    return FailureGroup.OTHER


def failures_severity(count: int, critical_from: int) -> AlertSeverity:
    return AlertSeverity.CRITICAL if count >= critical_from else AlertSeverity.WARNING


def twice_is_critical(value: float, threshold: float) -> AlertSeverity | None:
    """None below the threshold, warning from it, critical from twice it."""
    if value < threshold:
        return None
    return AlertSeverity.CRITICAL if value >= 2 * threshold else AlertSeverity.WARNING


def sla_alert_kind(state: SlaState) -> AlertKind | None:
    if state is SlaState.BREACHED:
        return AlertKind.SLA_BREACHED
    if state is SlaState.AT_RISK:
        return AlertKind.SLA_AT_RISK
    return None


SLA_SEVERITY = {
    AlertKind.SLA_AT_RISK: AlertSeverity.WARNING,
    AlertKind.SLA_BREACHED: AlertSeverity.CRITICAL,
}


def waiting_clock(first_response_at: Millis | None) -> str:
    """The SLA clock a running wait is judged by, as the inbox colours it: first response
    until a person first answered the conversation, next response after."""
    return "first_response" if first_response_at is None else "next_response"


def window_closing(last_inbound_at: Millis | None, now: Millis, minutes: int) -> bool:
    """The window is still open and closes within ``minutes``."""
    closes = window_expires_at(last_inbound_at)
    return closes is not None and 0 < closes - now <= minutes * MINUTE_MS


def is_repeat_contact(previous_closed_at: Millis | None, opened_at: Millis, hours: int) -> bool:
    """A new conversation opened within ``hours`` after the close of the contact's last one.
    (It opened because that one was closed, so it comes after the close even when
    WhatsApp's whole-second timestamp of its first message reads a little earlier.)"""
    if previous_closed_at is None:
        return False
    return opened_at - previous_closed_at <= hours * HOUR_MS


def promise_alert_kind(due_at: Millis, now: Millis, minutes: int) -> AlertKind | None:
    """An open promise's alert: overdue once its due date passed, due soon from
    ``minutes`` before it; none before that."""
    if now > due_at:
        return AlertKind.PROMISE_OVERDUE
    if due_at - now <= minutes * MINUTE_MS:
        return AlertKind.PROMISE_DUE_SOON
    return None


PROMISE_SEVERITY = {
    AlertKind.PROMISE_DUE_SOON: AlertSeverity.WARNING,
    AlertKind.PROMISE_OVERDUE: AlertSeverity.CRITICAL,
}


def template_severity(status: str | None) -> AlertSeverity | None:
    """An approved template that can no longer be sent: rejected or disabled is critical,
    paused a warning; anything else (approved, pending, gone) is no alert."""
    if status in ("REJECTED", "DISABLED"):
        return AlertSeverity.CRITICAL
    if status == "PAUSED":
        return AlertSeverity.WARNING
    return None


@dataclass(frozen=True, slots=True)
class Condition:
    """An alert's condition, true now: one per kind and subject."""

    kind: AlertKind
    subject: str
    severity: AlertSeverity
    message: str
    queues: frozenset[str] | None  # whose leads see it; None: every lead
    count: int = 1
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind.value, self.subject)


@dataclass(frozen=True, slots=True)
class OpenAlert:
    """An unresolved alert as stored."""

    id: int
    kind: str
    subject: str
    severity: AlertSeverity
    count: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.subject)


@dataclass(frozen=True, slots=True)
class AlertPlan:
    raise_: tuple[Condition, ...] = ()
    update: tuple[tuple[OpenAlert, Condition], ...] = ()
    resolve: tuple[OpenAlert, ...] = ()


def reconcile(open_alerts: Iterable[OpenAlert], now_true: Iterable[Condition]) -> AlertPlan:
    """A condition with no open alert is raised; an open alert whose condition holds with
    another severity or count is updated (the same ones: nothing); an open alert whose
    condition no longer holds is resolved."""
    current = {c.key: c for c in now_true}
    by_key = {a.key: a for a in open_alerts}
    raised = tuple(c for k, c in current.items() if k not in by_key)
    updated = tuple(
        (a, current[k])
        for k, a in by_key.items()
        if k in current and (current[k].severity, current[k].count) != (a.severity, a.count)
    )
    resolved = tuple(a for k, a in by_key.items() if k not in current)
    return AlertPlan(raised, updated, resolved)

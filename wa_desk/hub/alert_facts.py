"""Alerts a fact causes, raised in the transaction that stores the fact: a failed send,
a template's new status, a customer who comes back soon after a close. (Their conditions
that clear with time are resolved by the alert loop, ``hub.alert_pass``.)"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from wa_desk.core.alert_kinds import WHATSAPP_SUBJECT, AlertKind, AlertSeverity
from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.alert_rules import (
    Condition,
    failure_group,
    failures_severity,
    is_repeat_contact,
    template_severity,
)
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.hub import alert_store
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.templates import TemplateChange


def send_failed(
    conn: Conn, queue: str, code: int | None, policy: AlertPolicy, now: Millis
) -> list[StreamEvent]:
    """One more failed send in ``queue``: counted on its group's alert."""
    group = failure_group(code)
    severity = partial(failures_severity, critical_from=policy.failed_sends_critical)
    condition = Condition(
        AlertKind.SEND_FAILURES,
        f"{queue}/{group.value}",
        severity(1),
        f"Sends in {queue} are failing (group {group.value}, last code {code}).",
        frozenset({queue}),
        1,
        {"queue": queue, "group": group.value, "last_code": code},
    )
    return alert_store.hold(conn, condition, now, severity_by_count=severity)


def templates_changed(
    conn: Conn, changes: Iterable[TemplateChange], now: Millis
) -> list[StreamEvent]:
    """A template rejected, paused or disabled raises (or updates) its alert; approved
    again, or gone from the account, resolves it."""
    events: list[StreamEvent] = []
    for change in changes:
        subject = f"{change.name}/{change.language}"
        severity = template_severity(change.status)
        if severity is None:
            events.extend(
                alert_store.resolve_subject(conn, AlertKind.TEMPLATE_STATUS, subject, now)
            )
            continue
        condition = Condition(
            AlertKind.TEMPLATE_STATUS,
            subject,
            severity,
            f"Template {change.name} ({change.language}) is {change.status} and cannot be sent.",
            None,
            details={"name": change.name, "language": change.language, "status": change.status},
        )
        events.extend(alert_store.hold(conn, condition, now))
    return events


def conversation_opened(
    conn: Conn,
    conversation_id: str,
    queue: str,
    opened_at: Millis,
    previous_id: str | None,
    policy: AlertPolicy,
    now: Millis,
) -> list[StreamEvent]:
    """A repeat contact: the customer's previous conversation closed within
    ``repeat_contact_hours`` of this one's first message."""
    if previous_id is None:
        return []
    closed_at = conn.scalar("SELECT closed_at FROM conversations WHERE id = ?", (previous_id,))
    if not is_repeat_contact(closed_at, opened_at, policy.repeat_contact_hours):
        return []
    condition = Condition(
        AlertKind.REPEAT_CONTACT,
        conversation_id,
        AlertSeverity.INFO,
        f"A customer of {queue} came back within {policy.repeat_contact_hours} h of a close.",
        frozenset({queue}),
        details={
            "conversation_id": conversation_id,
            "previous_id": previous_id,
            "queue": queue,
            "previous_closed_at": to_rfc3339(int(closed_at)),
        },
    )
    return alert_store.hold(conn, condition, now)


def operational(
    conn: Conn, kind: AlertKind, subject: str, message: str, details: dict[str, Any], now: Millis
) -> list[StreamEvent]:
    """An operational alert (WhatsApp refused the access token...): one open alert per
    kind, counted again at each repeat, critical, for every lead."""
    condition = Condition(kind, subject, AlertSeverity.CRITICAL, message, None, 1, details)
    return alert_store.hold(
        conn, condition, now, severity_by_count=lambda _: AlertSeverity.CRITICAL
    )


def token_accepted(conn: Conn, now: Millis) -> list[StreamEvent]:
    """WhatsApp took a request with the token: its alert, if any, is over."""
    return alert_store.resolve_subject(conn, AlertKind.WHATSAPP_AUTH, WHATSAPP_SUBJECT, now)

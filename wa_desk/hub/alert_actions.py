"""What a lead does with an alert: see the alerts of their queues, acknowledge one, or
snooze it for a while, each with an optional note.

Acknowledging and snoozing are facts of the hub's chain in the lead's name
(``alert.acknowledged``, ``alert.snoozed``) and an ``alert.updated`` on the stream. A
supervisor reaches the alerts of their queues and the operational ones (every lead's);
anything else is not found, as everywhere else. Administrators reach all.
"""

from __future__ import annotations

from typing import Any

import orjson

from wa_desk.core.alert_kinds import AlertState, severity_of
from wa_desk.core.alert_rules import MINUTE_MS
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.conversation import Role
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import alert_store
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User


class AlertNotVisible(Exception):
    """No such alert, or one of queues the lead does not lead (both answer 404)."""


class AlertResolved(Exception):
    """The alert's condition cleared: there is nothing left to acknowledge or snooze."""


def may_see(lead: User, row: Row) -> bool:
    if lead.role is Role.ADMIN or row["queues"] is None:
        return True
    return not set(orjson.loads(row["queues"])).isdisjoint(lead.queues)


def visible(conn: Conn, lead: User, alert_id: int) -> Row:
    row = alert_store.get(conn, alert_id)
    if row is None or not may_see(lead, row):
        raise AlertNotVisible(alert_id)
    return row


def _fact(
    conn: Conn, kind: AuditKind, lead: User, row: Row, data: dict[str, Any], now: Millis
) -> None:
    details = orjson.loads(row["details"]) if row["details"] else {}
    conversation = details.get("conversation_id")
    subject = alert_store.view(row, now)["subject"]  # as shown: never a request's own text
    fact = {"alert": int(row["id"]), "kind": row["kind"], "subject": subject, **data}
    append_hub_fact(
        conn, kind, lead.id, conversation if isinstance(conversation, str) else None, fact, now
    )


def acknowledge(
    conn: Conn, lead: User, alert_id: int, note: str | None, now: Millis
) -> Outcome[dict[str, Any]]:
    """The lead takes the alert on: it stays, acknowledged, until its condition clears
    (or its severity rises). Acknowledging it again changes nothing."""
    row = visible(conn, lead, alert_id)
    if row["resolved_at"] is not None:
        raise AlertResolved(alert_id)
    if row["acked_at"] is not None and row["snoozed_until"] is None:
        return Outcome(alert_store.view(row, now))
    conn.execute(
        "UPDATE alerts SET acked_at = ?, acked_by = ?, ack_note = ?, snoozed_until = NULL, "
        "snoozed_by = NULL, snooze_note = NULL WHERE id = ?",
        (now, lead.id, note, alert_id),
    )
    _fact(conn, AuditKind.ALERT_ACKNOWLEDGED, lead, row, {"note": note}, now)
    return _changed(conn, alert_id, now)


def snooze(
    conn: Conn, lead: User, alert_id: int, minutes: int, note: str | None, now: Millis
) -> Outcome[dict[str, Any]]:
    """The alert is put aside for ``minutes`` (from now, replacing an earlier snooze)."""
    row = visible(conn, lead, alert_id)
    if row["resolved_at"] is not None:
        raise AlertResolved(alert_id)
    until = now + minutes * MINUTE_MS
    conn.execute(
        "UPDATE alerts SET snoozed_until = ?, snoozed_by = ?, snooze_note = ? WHERE id = ?",
        (until, lead.id, note, alert_id),
    )
    data = {"note": note, "minutes": minutes, "until": to_rfc3339(until)}
    _fact(conn, AuditKind.ALERT_SNOOZED, lead, row, data, now)
    return _changed(conn, alert_id, now)


def _changed(conn: Conn, alert_id: int, now: Millis) -> Outcome[dict[str, Any]]:
    row = alert_store.get(conn, alert_id)
    assert row is not None
    before = severity_of(row["severity"], row["kind"])
    event = alert_store.announce(conn, StreamEventKind.ALERT_UPDATED, row, now, before)
    return Outcome(alert_store.view(row, now), [event])


# What each state asks of a row (``now`` fills the ``?``s).
_STATE_WHERE: dict[AlertState | None, tuple[str, int]] = {
    AlertState.OPEN: (
        "resolved_at IS NULL AND acked_at IS NULL "
        "AND (snoozed_until IS NULL OR snoozed_until <= ?)",
        1,
    ),
    AlertState.ACKNOWLEDGED: (
        "resolved_at IS NULL AND acked_at IS NOT NULL "
        "AND (snoozed_until IS NULL OR snoozed_until <= ?)",
        1,
    ),
    AlertState.SNOOZED: ("resolved_at IS NULL AND snoozed_until > ?", 1),
    AlertState.RESOLVED: ("resolved_at IS NOT NULL", 0),
    None: ("1 = 1", 0),
}


def _like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _visibility(lead: User) -> tuple[str, tuple[str, ...]]:
    """SQL for "this lead may see it": the stored ``queues`` is a sorted JSON list of
    strings, so a queue is in it exactly when its JSON text follows ``[`` or ``,``."""
    if lead.role is Role.ADMIN:
        return "1 = 1", ()
    clauses = ["queues IS NULL"]
    params: list[str] = []
    for queue in sorted(set(lead.queues)):
        quoted = _like(orjson.dumps(queue).decode())
        clauses.append("queues LIKE ? ESCAPE '!' OR queues LIKE ? ESCAPE '!'")
        params.extend((f"%[{quoted}%", f"%,{quoted}%"))
    return "(" + " OR ".join(clauses) + ")", tuple(params)


def list_alerts(
    conn: Conn,
    lead: User,
    state: AlertState | None,
    before_id: int | None,
    limit: int,
    now: Millis,
) -> tuple[list[dict[str, Any]], Row | None]:
    """The lead's alerts in ``state`` (None: all), newest first, from before
    ``before_id``; and the last row when there are more."""
    where, uses_now = _STATE_WHERE[state]
    seen, seen_params = _visibility(lead)
    params: tuple[Any, ...] = ((now,) if uses_now else ()) + seen_params
    page = ""
    if before_id is not None:
        page = " AND id < ?"
        params += (before_id,)
    rows = conn.all(
        f"SELECT {alert_store.COLUMNS} FROM alerts WHERE {where} AND {seen}{page} "  # noqa: S608 - constants and marks
        "ORDER BY id DESC LIMIT ?",
        (*params, limit + 1),
    )
    more = rows[limit] if len(rows) > limit else None
    items = [alert_store.view(r, now) for r in rows[:limit]]
    return items, (rows[limit - 1] if more is not None else None)

"""The early alerts in the store: one unresolved alert per kind and subject, raised,
updated and resolved in the caller's transaction, each change a stream event for the
leads of the subject's queues (``alert.raised``, ``alert.updated``, ``alert.resolved``).

Whoever finds a condition (a webhook's failed status, the alert loop's pass) hands a
``core.alert_rules.Condition`` here; nothing else writes the alerts table but the audit
intake's chain alerts (``hub.alerts``), which share the view and the events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import orjson

from wa_desk.core.alert_kinds import SEVERITY_RANK, AlertSeverity, alert_state, severity_of
from wa_desk.core.alert_rules import AlertPlan, Condition, OpenAlert
from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn, Params, Row
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.stream_log import StreamEvent

COLUMNS = (
    "id, at, kind, message, resolved_at, device, user_id, queues, count, last_at, "
    "device_name, details, subject, severity, acked_at, acked_by, ack_note, "
    "snoozed_until, snoozed_by, snooze_note"
)


def view(row: Row, now: Millis) -> dict[str, Any]:
    """An alert as the API lists it and the stream carries it (core.alert_kinds)."""
    details: dict[str, Any] = orjson.loads(row["details"]) if row["details"] else {}
    subject = row["subject"]
    if row["device"] is not None:  # an audit alert: whose chain, on which computer
        details.setdefault("user", row["user_id"])
        details["device_name"] = row["device_name"]
        # The chain's id is the request's text: shown only as the intake checked it.
        subject = details.get("device")
    acked = None
    if row["acked_at"] is not None:
        acked = {"by": row["acked_by"], "at": to_rfc3339(row["acked_at"]), "note": row["ack_note"]}
    snoozed = None
    if row["snoozed_until"] is not None:
        snoozed = {
            "by": row["snoozed_by"],
            "until": to_rfc3339(row["snoozed_until"]),
            "note": row["snooze_note"],
        }
    return {
        "id": int(row["id"]),
        "kind": row["kind"],
        "subject": subject,
        "severity": severity_of(row["severity"], row["kind"]).value,
        "state": alert_state(row["resolved_at"], row["acked_at"], row["snoozed_until"], now).value,
        "count": int(row["count"]),
        "at": to_rfc3339(row["at"]),
        "last_at": to_rfc3339(row["last_at"] if row["last_at"] is not None else row["at"]),
        "resolved_at": optional_rfc3339(row["resolved_at"]),
        "message": row["message"],
        "queues": None if row["queues"] is None else orjson.loads(row["queues"]),
        "acknowledged": acked,
        "snoozed": snoozed,
        "details": details,
    }


def audience(row: Row) -> frozenset[str] | None:
    """The queues whose leads see the alert; None: every lead."""
    return None if row["queues"] is None else frozenset(orjson.loads(row["queues"]))


def announce(
    conn: Conn,
    kind: StreamEventKind,
    row: Row,
    now: Millis,
    previous: AlertSeverity | None = None,
) -> StreamEvent:
    data = view(row, now)
    if kind is StreamEventKind.ALERT_UPDATED:
        data["previous_severity"] = (previous or severity_of(row["severity"], row["kind"])).value
    return stream_log.append(conn, kind, None, None, data, now, audience=audience(row))


def get(conn: Conn, alert_id: int) -> Row | None:
    return conn.one(f"SELECT {COLUMNS} FROM alerts WHERE id = ?", (alert_id,))  # noqa: S608


def open_row(conn: Conn, kind: str, subject: str) -> Row | None:
    return conn.one(
        f"SELECT {COLUMNS} FROM alerts "  # noqa: S608 - constants
        "WHERE kind = ? AND subject = ? AND resolved_at IS NULL",
        (kind, subject),
    )


def open_alerts(
    conn: Conn, kinds: Iterable[str], subjects: Iterable[str] | None = None
) -> list[OpenAlert]:
    """The unresolved alerts of these kinds (the loop's: one per subject), of these
    subjects only when given."""
    wanted = sorted(set(kinds))
    about = None if subjects is None else sorted(set(subjects))
    if about == []:
        return []
    marks = ", ".join("?" for _ in wanted)
    of_subjects = "" if about is None else f" AND subject IN ({', '.join('?' for _ in about)})"
    rows = conn.all(
        "SELECT id, kind, subject, severity, count FROM alerts "  # noqa: S608 - marks only
        f"WHERE resolved_at IS NULL AND subject IS NOT NULL AND kind IN ({marks}){of_subjects}",
        (*wanted, *(about or ())),
    )
    return [
        OpenAlert(
            int(r["id"]), r["kind"], r["subject"], severity_of(r["severity"], r["kind"]), r["count"]
        )
        for r in rows
    ]


_INSERT = (
    "INSERT INTO alerts (at, kind, message, queues, count, last_at, details, subject, "  # noqa: S608 - constants and marks
    "severity) VALUES {rows} "
    "ON CONFLICT (kind, subject) WHERE resolved_at IS NULL AND subject IS NOT NULL "
    f"DO NOTHING RETURNING {COLUMNS}"
)
_ONE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _insert_params(c: Condition, now: Millis) -> Params:
    queues = None if c.queues is None else orjson.dumps(sorted(c.queues)).decode()
    return (now, c.kind.value, c.message, queues, c.count, now,
            orjson.dumps(dict(c.details)).decode(), c.subject, c.severity.value)  # fmt: skip


def _insert(conn: Conn, c: Condition, now: Millis) -> Row | None:
    """The new alert, or None when another writer opened it meanwhile."""
    return conn.one(_INSERT.format(rows=_ONE_ROW), _insert_params(c, now))


def _raised_together(conn: Conn, raise_: Sequence[Condition], now: Millis) -> list[StreamEvent]:
    """``hold`` of each of ``raise_`` (conditions whose alert the pass found not open), in
    order: on PostgreSQL those about a subject are inserted by one statement, not a read
    and an insert apiece; one found open after all is held as ``hold`` would."""
    together = [c for c in raise_ if c.subject is not None]
    if conn.dialect != "postgresql" or len(together) < 2:
        return [e for c in raise_ for e in hold(conn, c, now)]
    sql = _INSERT.format(rows=", ".join([_ONE_ROW] * len(together)))
    rows = conn.all(sql, [p for c in together for p in _insert_params(c, now)])
    inserted = {(r["kind"], r["subject"]): r for r in rows}
    events: list[StreamEvent] = []
    for c in raise_:
        row = inserted.get((c.kind.value, c.subject)) if c.subject is not None else None
        if row is None:
            events.extend(hold(conn, c, now))
        else:
            events.append(announce(conn, StreamEventKind.ALERT_RAISED, row, now))
    return events


_UPDATE = (
    "UPDATE alerts SET severity = ?, count = ?, last_at = ?, message = ?, details = ?, "  # noqa: S608 - constants
    "queues = ?{reopen} WHERE id = ? RETURNING " + COLUMNS
)
# A rise in severity makes the alert open again (a lead who acknowledged or snoozed a
# warning must hear of it turning critical).
_REOPEN = (
    ", acked_at = NULL, acked_by = NULL, ack_note = NULL, snoozed_until = NULL, "
    "snoozed_by = NULL, snooze_note = NULL"
)
_UPDATES = {False: _UPDATE.format(reopen=""), True: _UPDATE.format(reopen=_REOPEN)}


def _update_params(alert_id: int, c: Condition, now: Millis) -> Params:
    queues = None if c.queues is None else orjson.dumps(sorted(c.queues)).decode()
    details = orjson.dumps(dict(c.details)).decode()
    return (c.severity.value, c.count, now, c.message, details, queues, alert_id)


def _louder(c: Condition, before: AlertSeverity) -> bool:
    return SEVERITY_RANK[c.severity] > SEVERITY_RANK[before]


def _update(conn: Conn, alert_id: int, c: Condition, before: AlertSeverity, now: Millis) -> Row:
    """The alert as the condition now is (open again if louder than ``before``)."""
    row = conn.one(_UPDATES[_louder(c, before)], _update_params(alert_id, c, now))
    assert row is not None
    return row


def _updated_together(
    conn: Conn, updates: Sequence[tuple[OpenAlert, Condition]], now: Millis
) -> list[Row]:
    """``_update`` of each of ``updates``, in order: on PostgreSQL one statement for those
    that get louder and one for the others, not one per alert (each of which would cost
    the store's writer a statement of its own)."""
    rows: list[Row | None] = [None] * len(updates)
    for louder in (False, True):
        mine = [i for i, (a, c) in enumerate(updates) if _louder(c, a.severity) == louder]
        params = [_update_params(updates[i][0].id, updates[i][1], now) for i in mine]
        if conn.dialect == "postgresql" and params:
            by_id = {int(r["id"]): r for r in conn.all(*_update_all(louder, params))}
            found = [by_id.get(updates[i][0].id) for i in mine]
        else:
            found = conn.one_each(_UPDATES[louder], params)
        for i, row in zip(mine, found, strict=True):
            rows[i] = row
    assert all(row is not None for row in rows)
    return [row for row in rows if row is not None]


_QUALIFIED_COLUMNS = ", ".join(f"alerts.{c}" for c in COLUMNS.split(", "))
_UPDATE_ALL = (
    "UPDATE alerts SET severity = v.severity, count = v.count, last_at = v.last_at, "  # noqa: S608 - constants and marks
    "message = v.message, details = v.details, queues = v.queues{reopen} "
    "FROM (VALUES {rows}) AS v (severity, count, last_at, message, details, queues, id) "
    "WHERE alerts.id = v.id RETURNING " + _QUALIFIED_COLUMNS
)


def _update_all(louder: bool, params: Sequence[Params]) -> tuple[str, list[Any]]:
    """PostgreSQL: the updates of ``params`` (``_update_params``'s) as one statement."""
    marks = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(params))
    sql = _UPDATE_ALL.format(reopen=_REOPEN if louder else "", rows=marks)
    return sql, [p for row in params for p in row]


_RESOLVE = (
    f"UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL RETURNING {COLUMNS}"  # noqa: S608 - constants
)
_RESOLVE_ALL = (
    "UPDATE alerts SET resolved_at = ? WHERE id = ANY(?) AND resolved_at IS NULL "  # noqa: S608 - constants
    f"RETURNING {COLUMNS}"
)


def resolve_row(conn: Conn, alert_id: int, now: Millis) -> StreamEvent | None:
    """Resolve one alert (if still unresolved) and announce it."""
    row = conn.one(_RESOLVE, (now, alert_id))
    return None if row is None else announce(conn, StreamEventKind.ALERT_RESOLVED, row, now)


def resolve_rows(conn: Conn, alert_ids: Sequence[int], now: Millis) -> list[StreamEvent]:
    """``resolve_row`` of each of ``alert_ids``, in order: one statement on PostgreSQL."""
    rows: Sequence[Row | None]
    if conn.dialect == "postgresql" and alert_ids:
        by_id = {int(r["id"]): r for r in conn.all(_RESOLVE_ALL, (now, list(alert_ids)))}
        rows = [by_id.get(alert_id) for alert_id in alert_ids]
    else:
        rows = conn.one_each(_RESOLVE, [(now, alert_id) for alert_id in alert_ids])
    return [
        announce(conn, StreamEventKind.ALERT_RESOLVED, row, now) for row in rows if row is not None
    ]


def resolve_subject(conn: Conn, kind: str, subject: str, now: Millis) -> list[StreamEvent]:
    """The condition of ``kind`` about ``subject`` cleared."""
    row = open_row(conn, kind, subject)
    if row is None:
        return []
    event = resolve_row(conn, int(row["id"]), now)
    return [] if event is None else [event]


def hold(
    conn: Conn,
    c: Condition,
    now: Millis,
    *,
    severity_by_count: Callable[[int], AlertSeverity] | None = None,
) -> list[StreamEvent]:
    """The condition holds: raise its alert, or update the open one when its severity or
    count changed. With ``severity_by_count`` the condition is one more occurrence (a
    failed send): its count adds to the open alert's, and the total sets the severity."""
    for _ in range(2):  # a second writer may open it between the read and the insert
        row = open_row(conn, c.kind.value, c.subject)
        if row is None:
            inserted = _insert(conn, c, now)
            if inserted is not None:
                return [announce(conn, StreamEventKind.ALERT_RAISED, inserted, now)]
            continue
        before = severity_of(row["severity"], row["kind"])
        now_true = c
        if severity_by_count is not None:
            count = int(row["count"]) + c.count
            now_true = replace(c, count=count, severity=severity_by_count(count))
        elif (c.severity, c.count) == (before, int(row["count"])):
            return []
        updated = _update(conn, int(row["id"]), now_true, before, now)
        return [announce(conn, StreamEventKind.ALERT_UPDATED, updated, now, before)]
    raise RuntimeError(f"alert {c.kind}/{c.subject} neither inserted nor found")


def apply_plan(conn: Conn, plan: AlertPlan, now: Millis) -> list[StreamEvent]:
    """What the loop found: raise, update and resolve accordingly."""
    events = _raised_together(conn, plan.raise_, now)
    for (alert, _c), row in zip(
        plan.update, _updated_together(conn, plan.update, now), strict=True
    ):
        events.append(announce(conn, StreamEventKind.ALERT_UPDATED, row, now, alert.severity))
    events.extend(resolve_rows(conn, [alert.id for alert in plan.resolve], now))
    return events

"""Operational and audit-chain alerts for supervisors and administrators: stored, and
pushed on the stream as ``alert.raised`` / ``alert.updated`` / ``alert.resolved``, whose
data ``core.alert_kinds`` describes (a stable kind, structured fields, and the hub's own
English ``message`` for API clients). The early alerts are ``hub.alert_facts`` and
``hub.alert_pass``; all share ``hub.alert_store``.

- Operational alerts (an expired WhatsApp token...): every lead sees them.
- Audit-chain alerts from the intake (a device's batch left a gap or forked): the agent
  chooses everything a batch holds, so such an alert says only what the hub knows (the
  user's name and the seqs) and, of the request, only what cannot carry a sentence: the
  device id when it is an install id as the desktop makes them, and the device's host
  name (``core.alert_kinds.is_device_name``). One alert stays open per device and kind,
  and a repeat raises its count and last time; it is pushed at most
  ``alerts_per_device_per_hour`` times an hour per user (a device id's install part is
  the agent's choice: a budget per device id alone would be none), and only to the
  supervisors of the user's queues, and administrators. A batch of that device that goes
  in again resolves it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core.alert_kinds import WHATSAPP_SUBJECT, AlertKind, AlertSeverity
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import alert_facts, alert_store
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.users import User

log = logging.getLogger(__name__)

HOUR_MS: Millis = 60 * 60 * 1000
AUDIT_GAP = AlertKind.AUDIT_GAP
AUDIT_FORK = AlertKind.AUDIT_FORK
# An install id as the desktop makes them (a UUID), before the chain's user id.
_INSTALL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


async def raise_alert(
    ctx: HubContext, kind: AlertKind | str, text: str, details: dict[str, Any] | None = None
) -> None:
    """An operational alert for every lead (an expired WhatsApp token...): ``text`` is the
    hub's English sentence, ``details`` the kind's structured fields
    (``core.alert_kinds``). One stays open per kind, counted again at each repeat."""
    log.error("operational alert %s: %s", kind, text)
    now = now_ms()
    subject = WHATSAPP_SUBJECT if kind == AlertKind.WHATSAPP_AUTH else str(kind)
    fields = {"code": None, **(details or {})}

    def store(conn: Conn) -> Outcome[None]:
        events = alert_facts.operational(conn, AlertKind(kind), subject, text, fields, now)
        return Outcome(None, events)

    await ctx.write(store)


@dataclass(frozen=True, slots=True)
class ChainAlert:
    """A batch the intake refused for not linking: only facts the hub checked."""

    kind: AlertKind  # AUDIT_GAP or AUDIT_FORK
    device: str
    user: User
    seq: int  # where the batch failed to link
    acked_seq: int  # how far the hub holds the chain
    device_name: str | None = None  # the device's host name (``is_device_name``)

    def message(self) -> str:
        name = self.user.name
        if self.kind == AUDIT_GAP:
            return (
                f"The audit trail of {name} has a gap: the hub holds it up to seq "
                f"{self.acked_seq}, a batch started at seq {self.seq}."
            )
        return (
            f"The audit trail of {name} forked at seq {self.seq}: it differs from the hub's copy."
        )

    def shown_device(self) -> str | None:
        """The device id, when it is an install id and this user's: else the request's
        own text, never shown."""
        install, _, user_id = self.device.rpartition("/")
        if user_id == self.user.id and _INSTALL_ID.fullmatch(install):
            return self.device
        return None


_UPSERT = (
    "INSERT INTO alerts (at, kind, message, device, user_id, queues, count, last_at, "
    "device_name, details, subject, severity) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) "
    "ON CONFLICT (device, kind) WHERE resolved_at IS NULL DO UPDATE SET "
    "count = alerts.count + 1, last_at = excluded.last_at, message = excluded.message, "
    "queues = excluded.queues, device_name = COALESCE(excluded.device_name, "
    "alerts.device_name), details = excluded.details RETURNING id, count"
)
# One statement, so two hub replicas never both spend the last push of an hour.
_SPEND = (
    "UPDATE alert_budgets SET "
    "pushes = CASE WHEN window_start <= ? THEN 1 ELSE pushes + 1 END, "
    "window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END "
    "WHERE owner = ? AND (window_start <= ? OR pushes < ?) RETURNING pushes"
)


async def raise_chain_alert(ctx: HubContext, alert: ChainAlert) -> None:
    now = now_ms()
    per_hour = ctx.settings.intake.alerts_per_device_per_hour
    pushed = await ctx.write(lambda c: record_chain_alert(c, alert, per_hour, now))
    if pushed:
        log.warning("audit alert %s: %s", alert.kind, alert.message())


def record_chain_alert(conn: Conn, alert: ChainAlert, per_hour: int, now: Millis) -> Outcome[bool]:
    """Store (or count again) the open alert; push it (``alert.raised`` the first time,
    ``alert.updated`` after) when the user's hourly budget allows. Whether it was pushed."""
    queues = frozenset(alert.user.queues)
    details = {
        "user": alert.user.id,
        "user_name": alert.user.name,
        "device": alert.shown_device(),
        "seq": alert.seq,
        "acked_seq": alert.acked_seq,
    }
    critical = AlertSeverity.CRITICAL.value
    row = conn.one(
        _UPSERT,
        (now, str(alert.kind), alert.message(), alert.device, alert.user.id,
         orjson.dumps(sorted(queues)).decode(), now, alert.device_name,
         orjson.dumps(details).decode(), alert.device, critical),
    )  # fmt: skip
    assert row is not None
    if not _spend_push(conn, alert.user.id, per_hour, now):
        return Outcome(False)
    count = int(row["count"])
    if count > 1:
        conn.execute(
            "UPDATE alerts SET message = ? WHERE id = ?",
            (f"{alert.message()} Seen {count} times.", row["id"]),
        )
    stored = alert_store.get(conn, int(row["id"]))
    assert stored is not None
    kind = StreamEventKind.ALERT_RAISED if count == 1 else StreamEventKind.ALERT_UPDATED
    return Outcome(True, [alert_store.announce(conn, kind, stored, now)])


def _spend_push(conn: Conn, owner: str, per_hour: int, now: Millis) -> bool:
    conn.execute(
        "INSERT INTO alert_budgets (owner, window_start, pushes) VALUES (?, ?, 0) "
        "ON CONFLICT (owner) DO NOTHING",
        (owner, now),
    )
    expired = now - HOUR_MS
    spent = conn.one(_SPEND, (expired, expired, now, owner, expired, per_hour))
    return spent is not None


def resolve_chain_alerts(conn: Conn, device: str, now: Millis) -> list[StreamEvent]:
    """The device's chain links again: its open alerts are over (``alert.resolved``)."""
    rows = conn.all("SELECT id FROM alerts WHERE device = ? AND resolved_at IS NULL", (device,))
    resolved = (alert_store.resolve_row(conn, int(r["id"]), now) for r in rows)
    return [event for event in resolved if event is not None]

"""One pass over the time-based alert conditions (docs/kpis.md, "Alerts"): what holds at
``now`` is raised or kept, what no longer holds is resolved.

A pass reads only customers waiting now (an index on ``waiting_since``, which a reply or
a close clears), the guideline facts of the last minutes and the unresolved alerts, so its
cost follows the live operation, never the history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wa_desk.core.alert_kinds import AlertKind, AlertSeverity
from wa_desk.core.alert_rules import (
    MINUTE_MS,
    PROMISE_SEVERITY,
    SLA_SEVERITY,
    AlertPlan,
    Condition,
    OpenAlert,
    promise_alert_kind,
    reconcile,
    sla_alert_kind,
    twice_is_critical,
    waiting_clock,
    window_closing,
)
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.promises import PromiseState
from wa_desk.core.sla import sla_state
from wa_desk.core.window import window_expires_at
from wa_desk.hub import alert_store
from wa_desk.hub.alert_scope import AlertKey, Scope
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import users
from wa_desk.hub.queries.stream_log import StreamEvent

# The kinds a pass decides entirely: raised, updated and resolved here.
PASS_KINDS = (
    AlertKind.SLA_AT_RISK,
    AlertKind.SLA_BREACHED,
    AlertKind.QUEUE_BACKLOG,
    AlertKind.UNANSWERED_STREAK,
    AlertKind.AGENT_WAITING,
    AlertKind.WINDOW_CLOSING,
    AlertKind.GUIDELINE_SPIKE,
    AlertKind.PROMISE_DUE_SOON,
    AlertKind.PROMISE_OVERDUE,
)
PROMISE_KINDS = (AlertKind.PROMISE_DUE_SOON, AlertKind.PROMISE_OVERDUE)
_GUIDELINE_KINDS = (AuditKind.GUIDELINE_BLOCKED.value, AuditKind.GUIDELINE_OVERRIDDEN.value)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A conversation whose customer waits for a person now."""

    id: str
    queue: str
    assignee: str | None
    since: Millis
    first_response_at: Millis | None
    last_inbound_at: Millis | None
    unanswered: int  # customer messages since the wait began


def waiting_now(conn: Conn, scope: Scope | None = None) -> list[Waiting]:
    """Every customer waiting now; with a ``scope``, those its alerts are about: the
    scope's conversations, and every customer waiting in its queues or on its agents.
    (Unanswered messages are then counted for the scope's conversations alone: the
    others are read for their queue's or agent's figures, never for their own.)"""
    where, counted, args = "", "", []
    if scope is not None:
        conversations = sorted(scope.conversations)
        parts = [
            (column, values)
            for column, values in (
                ("c.id", conversations),
                ("c.queue", sorted(scope.queues)),
                ("c.assignee", sorted(scope.agents)),
            )
            if values
        ]
        if not parts:
            return []
        counted = f" AND c.id IN ({_marks(conversations)})" if conversations else " AND 1 = 0"
        where = " AND (" + " OR ".join(f"{col} IN ({_marks(v)})" for col, v in parts) + ")"
        args = [*conversations, *(v for _, values in parts for v in values)]
    rows = conn.all(
        "SELECT c.id, c.queue, c.assignee, c.waiting_since, c.first_response_at, "  # noqa: S608
        "c.last_inbound_at, COUNT(m.id) AS unanswered FROM conversations c "
        "LEFT JOIN messages m ON m.conversation_id = c.id AND m.direction = 'in' "
        f"AND m.timestamp >= c.waiting_since{counted} "
        f"WHERE c.waiting_since IS NOT NULL AND c.state <> 'closed'{where} "
        "GROUP BY c.id, c.queue, c.assignee, c.waiting_since, c.first_response_at, "
        "c.last_inbound_at",
        tuple(args),
    )
    return [
        Waiting(
            r["id"], r["queue"], r["assignee"], int(r["waiting_since"]), r["first_response_at"],
            r["last_inbound_at"], int(r["unanswered"]),
        )
        for r in rows
    ]  # fmt: skip


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


@dataclass(frozen=True, slots=True)
class PassPlan:
    """What a pass at ``now`` would change, found by reads alone."""

    alerts: AlertPlan
    repeat_contacts: tuple[OpenAlert, ...] = ()  # answered or closed: resolve
    quiet_failures: tuple[int, ...] = ()  # no failed send for a while: resolve

    @property
    def changes(self) -> int:
        a = self.alerts
        return (
            len(a.raise_) + len(a.update) + len(a.resolve)
            + len(self.repeat_contacts) + len(self.quiet_failures)
        )  # fmt: skip

    def keys(self) -> list[AlertKey]:
        """The alerts it changes, but for the groups of failed sends (``quiet_failures``)."""
        a = self.alerts
        return [
            *(c.key for c in a.raise_),
            *(alert.key for alert, _ in a.update),
            *(alert.key for alert in (*a.resolve, *self.repeat_contacts)),
        ]


def plan(conn: Conn, guidelines: Guidelines, now: Millis, scope: Scope | None = None) -> PassPlan:
    """What holds at ``now`` against the unresolved alerts; reads only, so a pass can
    find in a read snapshot that it has nothing to do and leave the writer alone. With a
    ``scope``, only the alerts it names are considered (and only what they need is read)."""
    waiting = waiting_now(conn, scope)
    conversations, queues, agents = waiting, waiting, waiting
    if scope is not None:
        conversations = [w for w in waiting if w.id in scope.conversations]
        queues = [w for w in waiting if w.queue in scope.queues]
        agents = [w for w in waiting if w.assignee in scope.agents]
    holding = [
        *sla_conditions(conversations, guidelines, now),
        *streak_conditions(conversations, guidelines),
        *window_conditions(conversations, guidelines, now),
        *backlog_conditions(queues, guidelines),
        *agent_conditions(conn, agents, guidelines, now),
    ]
    if scope is None or scope.decides(AlertKind.GUIDELINE_SPIKE):
        holding.extend(spike_conditions(conn, guidelines, now))
    if scope is None or any(scope.decides(k) for k in PROMISE_KINDS):
        holding.extend(promise_conditions(conn, guidelines, now))
    subjects = None if scope is None else scope.subjects(k for k, _ in scope.keys)
    open_alerts = alert_store.open_alerts(conn, PASS_KINDS, subjects)
    repeat = alert_store.open_alerts(conn, [AlertKind.REPEAT_CONTACT], subjects)
    failures = _quiet_failures(conn, guidelines, now)
    if scope is not None:
        holding = [c for c in holding if c.key in scope.keys]
        open_alerts = [a for a in open_alerts if a.key in scope.keys]
        repeat = [a for a in repeat if a.key in scope.keys]
        failures = (f for f in failures if f in scope.failure_groups)
    waiting_ids = {w.id for w in conversations}
    return PassPlan(
        reconcile(open_alerts, holding),
        tuple(a for a in repeat if a.subject not in waiting_ids),
        tuple(failures),
    )


def evaluate(
    conn: Conn, guidelines: Guidelines, now: Millis, scope: Scope | None = None
) -> list[StreamEvent]:
    """Raise, update and resolve the pass's kinds as they stand at ``now``, and resolve
    the event-raised alerts whose condition cleared (in the caller's write): all of them,
    or those ``scope`` names. The events."""
    return _apply(conn, plan(conn, guidelines, now, scope), now)


def _apply(conn: Conn, found: PassPlan, now: Millis) -> list[StreamEvent]:
    events = alert_store.apply_plan(conn, found.alerts, now)
    ids = [*(a.id for a in found.repeat_contacts), *found.quiet_failures]
    return [*events, *alert_store.resolve_rows(conn, ids, now)]


def sla_conditions(
    waiting: Iterable[Waiting], guidelines: Guidelines, now: Millis
) -> Iterator[Condition]:
    for w in waiting:
        policy = guidelines.sla_for(w.queue)
        if policy is None:
            continue
        clock = waiting_clock(w.first_response_at)
        first = clock == "first_response"
        target_s = policy.first_response_s if first else policy.next_response_s
        if target_s is None:
            continue
        target = target_s * 1000
        kind = sla_alert_kind(sla_state(target, policy.at_risk, policy.hours, w.since, now))
        if kind is None:
            continue
        deadline = policy.hours.add_open_ms(w.since, target)
        verb = "missed" if kind is AlertKind.SLA_BREACHED else "is close to"
        yield Condition(
            kind,
            w.id,
            SLA_SEVERITY[kind],
            f"A customer in {w.queue} waiting since {to_rfc3339(w.since)} {verb} the "
            f"{clock.replace('_', ' ')} target (deadline {to_rfc3339(deadline)}).",
            frozenset({w.queue}),
            details={
                "conversation_id": w.id,
                "queue": w.queue,
                "clock": clock,
                "waiting_since": to_rfc3339(w.since),
                "deadline": to_rfc3339(deadline),
                "assignee": w.assignee,
            },
        )


def streak_conditions(waiting: Iterable[Waiting], guidelines: Guidelines) -> Iterator[Condition]:
    threshold = guidelines.alerts.unanswered_in_a_row
    for w in waiting:
        if w.unanswered >= threshold:
            yield Condition(
                AlertKind.UNANSWERED_STREAK,
                w.id,
                AlertSeverity.WARNING,
                f"A customer in {w.queue} wrote {w.unanswered} messages in a row with no answer.",
                frozenset({w.queue}),
                w.unanswered,
                {
                    "conversation_id": w.id,
                    "queue": w.queue,
                    "messages": w.unanswered,
                    "assignee": w.assignee,
                },
            )


def window_conditions(
    waiting: Iterable[Waiting], guidelines: Guidelines, now: Millis
) -> Iterator[Condition]:
    minutes = guidelines.alerts.window_closing_minutes
    for w in waiting:
        closes = window_expires_at(w.last_inbound_at)
        if closes is None or not window_closing(w.last_inbound_at, now, minutes):
            continue
        yield Condition(
            AlertKind.WINDOW_CLOSING,
            w.id,
            AlertSeverity.WARNING,
            f"A waiting customer's 24 h window in {w.queue} closes at {to_rfc3339(closes)}.",
            frozenset({w.queue}),
            details={
                "conversation_id": w.id,
                "queue": w.queue,
                "closes_at": to_rfc3339(closes),
                "assignee": w.assignee,
            },
        )


def backlog_conditions(waiting: Iterable[Waiting], guidelines: Guidelines) -> Iterator[Condition]:
    threshold = guidelines.alerts.backlog_waiting
    by_queue: dict[str, list[Waiting]] = defaultdict(list)
    for w in waiting:
        by_queue[w.queue].append(w)
    for queue, rows in sorted(by_queue.items()):
        severity = twice_is_critical(len(rows), threshold)
        if severity is None:
            continue
        oldest = min(w.since for w in rows)
        yield Condition(
            AlertKind.QUEUE_BACKLOG,
            queue,
            severity,
            f"{len(rows)} customers are waiting in {queue} (threshold {threshold}).",
            frozenset({queue}),
            len(rows),
            {
                "queue": queue,
                "waiting": len(rows),
                "threshold": threshold,
                "oldest_waiting_since": to_rfc3339(oldest),
            },
        )


def agent_conditions(
    conn: Conn, waiting: Iterable[Waiting], guidelines: Guidelines, now: Millis
) -> Iterator[Condition]:
    minutes = guidelines.alerts.agent_waiting_minutes
    by_agent: dict[str, list[Waiting]] = defaultdict(list)
    for w in waiting:
        if w.assignee is not None and now - w.since >= minutes * MINUTE_MS:
            by_agent[w.assignee].append(w)
    for agent_id, rows in sorted(by_agent.items()):
        longest = min(rows, key=lambda w: w.since)
        waited = (now - longest.since) // MINUTE_MS
        severity = twice_is_critical(waited, minutes) or AlertSeverity.WARNING
        agent = users.get_user(conn, agent_id)
        name = agent.name if agent is not None else agent_id
        queues = frozenset(agent.queues) if agent is not None else frozenset({longest.queue})
        yield Condition(
            AlertKind.AGENT_WAITING,
            agent_id,
            severity,
            f"{len(rows)} customers have waited on {name} for {minutes} minutes or more "
            f"(the longest {waited}).",
            queues,
            len(rows),
            {
                "user": agent_id,
                "user_name": name,
                "waiting": len(rows),
                "longest_minutes": waited,
                "conversation_id": longest.id,
            },
        )


def spike_conditions(conn: Conn, guidelines: Guidelines, now: Millis) -> Iterator[Condition]:
    policy = guidelines.alerts
    since = now - policy.guideline_spike_minutes * MINUTE_MS
    rows = conn.all(
        "SELECT c.queue, a.kind, COUNT(*) AS n FROM audit_events a "
        "JOIN conversations c ON c.id = a.conversation_id "
        "WHERE a.kind IN (?, ?) AND a.received_at > ? GROUP BY c.queue, a.kind",
        (*_GUIDELINE_KINDS, since),
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        counts[r["queue"]][r["kind"]] = int(r["n"])
    for queue, by_kind in sorted(counts.items()):
        blocked = by_kind.get(AuditKind.GUIDELINE_BLOCKED.value, 0)
        overridden = by_kind.get(AuditKind.GUIDELINE_OVERRIDDEN.value, 0)
        severity = twice_is_critical(blocked + overridden, policy.guideline_spike_count)
        if severity is None:
            continue
        yield Condition(
            AlertKind.GUIDELINE_SPIKE,
            queue,
            severity,
            f"{blocked} blocked and {overridden} overridden sends in {queue} in the last "
            f"{policy.guideline_spike_minutes} minutes.",
            frozenset({queue}),
            blocked + overridden,
            {
                "queue": queue,
                "blocked": blocked,
                "overridden": overridden,
                "minutes": policy.guideline_spike_minutes,
            },
        )


def promise_conditions(conn: Conn, guidelines: Guidelines, now: Millis) -> Iterator[Condition]:
    """Open promises due within ``promise_due_minutes`` or overdue (an index on state and
    due date: the open promises near or past their date, never the whole ledger)."""
    minutes = guidelines.alerts.promise_due_minutes
    rows = conn.all(
        "SELECT p.id, p.conversation_id, p.due_at, p.owner, p.wa_id, c.queue, "
        "u.name AS owner_name, k.name AS customer_name FROM promises p "
        "JOIN conversations c ON c.id = p.conversation_id "
        "LEFT JOIN users u ON u.id = p.owner LEFT JOIN contacts k ON k.wa_id = p.wa_id "
        "WHERE p.state = ? AND p.due_at <= ? ORDER BY p.due_at, p.id",
        (PromiseState.OPEN.value, now + minutes * MINUTE_MS),
    )
    for r in rows:
        due = int(r["due_at"])
        kind = promise_alert_kind(due, now, minutes)
        if kind is None:
            continue
        owner = r["owner_name"] or r["owner"]
        customer = r["customer_name"] or r["wa_id"]
        state = "is overdue" if kind is AlertKind.PROMISE_OVERDUE else "is due soon"
        yield Condition(
            kind,
            f"{r['id']}/{r['owner']}",
            PROMISE_SEVERITY[kind],
            f"A promise {owner} owns to {customer} in {r['queue']} {state} "
            f"(due {to_rfc3339(due)}).",
            frozenset({r["queue"]}),
            details={
                "promise_id": r["id"],
                "conversation_id": r["conversation_id"],
                "queue": r["queue"],
                "due_at": to_rfc3339(due),
                "owner": r["owner"],
                "owner_name": r["owner_name"],
                "wa_id": r["wa_id"],
                "customer_name": r["customer_name"],
            },
        )


def _quiet_failures(conn: Conn, guidelines: Guidelines, now: Millis) -> Iterator[int]:
    """Groups of failed sends with no new failure for ``failed_sends_minutes``."""
    quiet_since = now - guidelines.alerts.failed_sends_minutes * MINUTE_MS
    rows = conn.all(
        "SELECT id FROM alerts WHERE kind = ? AND resolved_at IS NULL AND last_at <= ?",
        (AlertKind.SEND_FAILURES.value, quiet_since),
    )
    return (int(r["id"]) for r in rows)

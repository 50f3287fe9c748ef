"""Routing with capacity (``core/routing.py``): conversations waiting in a queue given to
its available agents under their capacity, and conversations left waiting on a silent
assignee taken back to the queue.

Each runs inside one write transaction: the statuses, loads and capacities it reads are
the ones it assigns by, since the hub's writes take turns (SQLite's single writer;
PostgreSQL's write transactions each hold the stream-order lock from their start,
``db.stream_order``), and each assignment is a compare-and-set on a conversation nobody
holds. So no agent is ever given more than their capacity or given anything while not
available, and no conversation is given twice, however many webhooks, status changes and
replicas race.

Each automatic assignment is recorded as ``conversation.assigned`` in the hub's chain
(actor ``hub:routing``, with the queue's ``mode`` and the ``reason``), each return to the
queue as ``conversation.requeued``, and both are announced on the stream as
``conversation.updated``, as a supervisor's assignment is.
"""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import DAY_MS, Millis, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.routing import (
    ROUTING_ACTOR,
    Candidate,
    RoutingMode,
    RoutingPolicy,
    RoutingReason,
    choose,
)
from wa_desk.hub import heatmap_upkeep
from wa_desk.hub.agent_view import capacity_of
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import routing as routed
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent

MINUTE_MS = 60_000


@dataclass(frozen=True, slots=True)
class Pick:
    conversation_id: str
    user_id: str
    reason: RoutingReason


def plan(conn: Conn, queue: str, guidelines: Guidelines, now: Millis) -> list[Pick]:
    """Who gets which of the queue's waiting conversations now, the longest waiting first,
    each agent up to their capacity (a read: nothing changes)."""
    policy = guidelines.routing_for(queue)
    if not policy.routes:
        return []
    agents = routed.available_agents(conn, queue)
    waiting = routed.waiting(conn, queue) if agents else []
    if not waiting:
        return []
    ids = [a.id for a in agents]
    load = routed.loads(conn, ids)
    room = {a.id: capacity_of(a, guidelines) - load[a.id] for a in agents}
    given = routed.last_routed(conn, ids)
    turn = routed.last_in_turn(conn, queue)
    picks: list[Pick] = []
    for conversation in waiting:
        if all(r <= 0 for r in room.values()):
            break
        passed_over = conversation["requeued_from"]
        free = [Candidate(i, load[i], given[i]) for i in ids if room[i] > 0 and i != passed_over]
        found = _chosen(conn, policy, conversation, free, turn, now)
        if found is None:
            continue
        chosen, reason = found
        picks.append(Pick(str(conversation["id"]), chosen.id, reason))
        load[chosen.id] += 1
        room[chosen.id] -= 1
        given[chosen.id] = now
        if reason == RoutingReason.ROUND_ROBIN:
            turn = chosen.id
    return picks


def _chosen(
    conn: Conn,
    policy: RoutingPolicy,
    conversation: dict[str, object],
    free: list[Candidate],
    turn: str | None,
    now: Millis,
) -> tuple[Candidate, RoutingReason] | None:
    """The customer's last agent if the queue is sticky and they are free, else whom the
    queue's mode chooses; and why."""
    if not free:
        return None
    if policy.sticky_days is not None:
        holder = routed.last_holder(
            conn,
            str(conversation["wa_id"]),
            str(conversation["phone_number_id"]),
            now - policy.sticky_days * DAY_MS,
        )
        last = next((c for c in free if c.id == holder), None)
        if last is not None:
            return last, RoutingReason.STICKY
    chosen = choose(policy.mode, free, turn)
    return None if chosen is None else (chosen, RoutingReason(policy.mode.value))


def route(
    conn: Conn, queues: list[str] | None, guidelines: Guidelines, now: Millis
) -> Outcome[int]:
    """Give the waiting conversations of ``queues`` (None: every queue with one) to whom
    :func:`plan` says; how many were given, and their events."""
    events: list[StreamEvent] = []
    for queue in routed.queues_waiting(conn) if queues is None else queues:
        policy = guidelines.routing_for(queue)
        for pick in plan(conn, queue, guidelines, now):
            events.extend(_give(conn, pick, queue, policy.mode, now))
    return Outcome(len(events), events)


def routes_any(guidelines: Guidelines) -> bool:
    """Whether any queue's conversations are given out by the hub at all."""
    return any(p.routes for p in guidelines.routing)


def would_route(conn: Conn, guidelines: Guidelines, now: Millis) -> bool:
    """Whether :func:`route` would give anything now (a read, to spare the writer)."""
    if not routes_any(guidelines):
        return False
    return any(plan(conn, q, guidelines, now) for q in routed.queues_waiting(conn))


def _give(conn: Conn, pick: Pick, queue: str, mode: RoutingMode, now: Millis) -> list[StreamEvent]:
    in_turn = pick.reason == RoutingReason.ROUND_ROBIN
    if not routed.give(conn, pick.conversation_id, pick.user_id, queue, now, in_turn):
        return []
    heatmap_upkeep.held_by(conn, pick.conversation_id, queue, pick.user_id, now)
    given = {
        "from_user": None,
        "to_user": pick.user_id,
        "queue": queue,
        "mode": mode.value,
        "reason": pick.reason.value,
    }
    kind = AuditKind.CONVERSATION_ASSIGNED
    append_hub_fact(conn, kind, ROUTING_ACTOR, pick.conversation_id, given, now)
    return [conversation_changed(conn, pick.conversation_id, now)]


@dataclass(frozen=True, slots=True)
class Overdue:
    conversation_id: str
    queue: str
    holder: str
    waiting_since: Millis
    minutes: int  # the queue's ``reassign_after_minutes``


def overdue(conn: Conn, guidelines: Guidelines, now: Millis) -> list[Overdue]:
    """The held conversations whose customer has waited on their assignee for the queue's
    ``reassign_after_minutes`` (from the later of the customer's first unanswered message
    and the assignment)."""
    limits = [p.reassign_after_minutes for p in guidelines.routing if p.reassign_after_minutes]
    if not limits:
        return []
    found = []
    for row in routed.left_waiting(conn, now - min(limits) * MINUTE_MS):
        minutes = guidelines.routing_for(row["queue"]).reassign_after_minutes
        since = int(row["waiting_since"])
        began = max(since, int(row["assigned_at"] or 0))
        if minutes is not None and began + minutes * MINUTE_MS <= now:
            found.append(
                Overdue(str(row["id"]), str(row["queue"]), str(row["assignee"]), since, minutes)
            )
    return found


def requeue_overdue(conn: Conn, guidelines: Guidelines, now: Millis) -> Outcome[int]:
    """Take each :func:`overdue` conversation back to its queue (routed again by the next
    :func:`route`, to someone else); how many, and their events."""
    events: list[StreamEvent] = []
    for late in overdue(conn, guidelines, now):
        if not routed.requeue(conn, late.conversation_id, late.holder, now):
            continue
        heatmap_upkeep.held_by(conn, late.conversation_id, late.queue, None, now)
        back = {
            "from_user": late.holder,
            "queue": late.queue,
            "waiting_since": to_rfc3339(late.waiting_since),
            "after_minutes": late.minutes,
        }
        kind = AuditKind.CONVERSATION_REQUEUED
        append_hub_fact(conn, kind, ROUTING_ACTOR, late.conversation_id, back, now)
        events.append(conversation_changed(conn, late.conversation_id, now))
    return Outcome(len(events), events)

"""What a supervisor does to the work of their queues: hand a conversation to an agent of
its queue, and set an agent's capacity or status.

Each runs in one write transaction, is recorded as a fact in the hub's chain (the
supervisor as its actor, the request's ``Idempotency-Key`` in its data) and announced on
the stream. Asking for what already is changes, records and announces nothing, and a
request whose key a hub chain already holds, whichever replica recorded it (the lead's
desktop sent it again: its outbox replays what it cannot be sure arrived), is answered
as things are now without acting again, so a retried request is harmless even after the
conversation or the agent changed meanwhile. A supervisor reaches only the conversations
of their queues and the agents who share one with them; anything else is not found, as
everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.agents import AgentStatus
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.conversation import ActionRefused, Refusal, State
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub import heatmap_upkeep
from wa_desk.hub.actions import load_visible
from wa_desk.hub.agent_view import agent_view
from wa_desk.hub.changes import agent_status_changed, conversation_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import conversations, users
from wa_desk.hub.queries.audit_log import append_hub_fact, keyed_fact_exists
from wa_desk.hub.queries.users import User

# How long an agent change's key is recognised: as long as a desktop may work offline
# (the intake takes no event older than 30 days), so an outbox entry sent again after a
# long absence is still known. An assignment's key is recognised for as long as its
# conversation's facts are kept; an agent's facts name no conversation, so they are
# looked up by time instead.
KEY_MEMORY_MS = 30 * DAY_MS
_AGENT_FACTS = (AuditKind.AGENT_STATUS_CHANGED, AuditKind.AGENT_CAPACITY_CHANGED)


class AgentNotVisible(Exception):
    """No such user, or none who shares a queue with the supervisor (both answer 404)."""


def _keyed(data: dict[str, Any], key: str | None) -> dict[str, Any]:
    return {**data, "idempotency_key": key} if key else data


def assign(
    conn: Conn, lead: User, conversation_id: str, agent_id: str, now: Millis, key: str | None
) -> Outcome[dict[str, Any]]:
    """The conversation (open, in one of ``lead``'s queues) goes to ``agent_id``, who must
    be an enabled member of its queue: fact ``conversation.assigned`` (``from_user``,
    ``to_user``, ``queue``), then ``conversation.updated`` on the queue's stream."""
    row = load_visible(conn, lead, conversation_id)
    if key and keyed_fact_exists(
        conn, (AuditKind.CONVERSATION_ASSIGNED,), lead.id, key, conversation_id=conversation_id
    ):
        return Outcome(conversations.view(row))  # this very request took effect before
    if row["state"] == State.CLOSED:
        raise ActionRefused(Refusal.CLOSED, "The conversation is closed; reopen it first.")
    to = users.get_user(conn, agent_id)
    if to is None or to.disabled or row["queue"] not in to.queues:
        raise ActionRefused(
            Refusal.NO_TARGET, f"No enabled agent {agent_id} works in queue {row['queue']!r}."
        )
    holder = row["assignee"]
    if holder == to.id:
        return Outcome(conversations.view(row))  # already theirs: a replay
    if not _hand_over(conn, conversation_id, holder, to.id, now):
        raise ActionRefused(
            Refusal.ALREADY_ASSIGNED, "The conversation changed hands meanwhile; look again."
        )
    heatmap_upkeep.held_by(conn, conversation_id, row["queue"], to.id, now)
    handed = {"from_user": holder, "to_user": to.id, "queue": row["queue"]}
    append_hub_fact(
        conn, AuditKind.CONVERSATION_ASSIGNED, lead.id, conversation_id, _keyed(handed, key), now
    )
    event = conversation_changed(conn, conversation_id, now)
    changed = conversations.get(conn, conversation_id)
    assert changed is not None
    return Outcome(conversations.view(changed), [event])


def _hand_over(conn: Conn, conversation_id: str, holder: str | None, to: str, now: Millis) -> bool:
    """Compare-and-set: only if the conversation is still open and held as it was read."""
    held = "assignee IS NULL" if holder is None else "assignee = ?"
    changed = conn.execute(
        "UPDATE conversations SET state = ?, assignee = ?, assigned_at = ? "  # noqa: S608 - constants
        f"WHERE id = ? AND state <> ? AND {held}",
        (State.ASSIGNED.value, to, now, conversation_id, State.CLOSED.value)
        + (() if holder is None else (holder,)),
    )
    return changed == 1


def visible_agent(conn: Conn, lead: User, agent_id: str) -> User:
    """The user ``agent_id`` if ``lead`` may act on them: an administrator on anyone, a
    supervisor on whoever shares one of their queues."""
    agent = users.get_user(conn, agent_id)
    if agent is None:
        raise AgentNotVisible(agent_id)
    if lead.role.value != "admin" and not set(agent.queues) & set(lead.queues):
        raise AgentNotVisible(agent_id)
    return agent


@dataclass(frozen=True, slots=True)
class AgentChange:
    status: AgentStatus | None = None  # None: unchanged
    set_capacity: bool = False  # whether ``capacity`` is to be set
    capacity: int | None = None  # None: back to the policy's default


def change_agent(
    conn: Conn,
    lead: User,
    agent_id: str,
    change: AgentChange,
    guidelines: Guidelines,
    now: Millis,
    key: str | None,
) -> Outcome[dict[str, object]]:
    """Set the agent's own capacity and/or status: facts ``agent.capacity_changed``
    (``user``, ``from_capacity``, ``capacity``) and ``agent.status_changed`` (``user``,
    ``from_status``, ``status``), then one ``agent.status`` event with the agent as
    ``GET /api/v1/agents`` lists them. The status stretch begins in the timeline."""
    agent = visible_agent(conn, lead, agent_id)
    if key and keyed_fact_exists(conn, _AGENT_FACTS, lead.id, key, since=now - KEY_MEMORY_MS):
        return Outcome(agent_view(agent, guidelines))  # this very request took effect before
    changed = False
    if change.set_capacity and users.set_capacity(conn, agent.id, change.capacity):
        data = {"user": agent.id, "from_capacity": agent.capacity, "capacity": change.capacity}
        append_hub_fact(
            conn, AuditKind.AGENT_CAPACITY_CHANGED, lead.id, None, _keyed(data, key), now
        )
        changed = True
    if change.status is not None and users.set_status(
        conn, agent.id, change.status.value, now, lead.id
    ):
        data = {"user": agent.id, "from_status": agent.status, "status": change.status.value}
        append_hub_fact(conn, AuditKind.AGENT_STATUS_CHANGED, lead.id, None, _keyed(data, key), now)
        changed = True
    events = [agent_status_changed(conn, agent.id, now, guidelines)] if changed else []
    current = users.get_user(conn, agent.id)
    assert current is not None
    return Outcome(agent_view(current, guidelines), events)

"""What the routing reads and writes: the conversations waiting in a queue, the agents
who may take one now, whose turn it is, who held a customer last, and who has left a
customer waiting too long."""

from __future__ import annotations

from collections.abc import Sequence

from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import Role, State
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import users
from wa_desk.hub.queries.users import User


def queues_waiting(conn: Conn) -> list[str]:
    """The queues with at least one conversation nobody holds."""
    rows = conn.all(
        "SELECT DISTINCT queue FROM conversations WHERE state = ? ORDER BY queue",
        (State.QUEUED.value,),
    )
    return [str(r["queue"]) for r in rows]


def waiting(conn: Conn, queue: str) -> list[Row]:
    """The queue's conversations nobody holds, the longest waiting first."""
    return conn.all(
        "SELECT id, wa_id, phone_number_id, queue, requeued_from, opened_at "
        "FROM conversations WHERE state = ? AND queue = ? AND assignee IS NULL "
        "ORDER BY COALESCE(waiting_since, opened_at), id",
        (State.QUEUED.value, queue),
    )


def available_agents(conn: Conn, queue: str) -> list[User]:
    """The enabled agents of ``queue`` whose status is available."""
    rows = conn.all(
        "SELECT u.* FROM users u JOIN user_queues q ON q.user_id = u.id "
        "WHERE q.queue = ? AND u.disabled = 0 AND u.role = ? AND u.status = ? ORDER BY u.id",
        (queue, Role.AGENT.value, AgentStatus.AVAILABLE.value),
    )
    return users.with_their_queues(conn, rows)


def loads(conn: Conn, user_ids: Sequence[str]) -> dict[str, int]:
    """How many open conversations each of ``user_ids`` holds, in any queue."""
    if not user_ids:
        return {}
    marks = ", ".join("?" * len(user_ids))
    rows = conn.all(
        "SELECT assignee, COUNT(*) AS n FROM conversations "  # noqa: S608 - placeholders only
        f"WHERE state = ? AND assignee IN ({marks}) GROUP BY assignee",
        (State.ASSIGNED.value, *user_ids),
    )
    found = {str(r["assignee"]): int(r["n"]) for r in rows}
    return {u: found.get(u, 0) for u in user_ids}


def last_routed(conn: Conn, user_ids: Sequence[str]) -> dict[str, Millis]:
    """When each of ``user_ids`` last got a conversation from the routing (0: never)."""
    if not user_ids:
        return {}
    marks = ", ".join("?" * len(user_ids))
    rows = conn.all(
        f"SELECT user_id, at FROM routing_given WHERE user_id IN ({marks})",  # noqa: S608 - placeholders only
        tuple(user_ids),
    )
    found = {str(r["user_id"]): int(r["at"]) for r in rows}
    return {u: found.get(u, 0) for u in user_ids}


def last_in_turn(conn: Conn, queue: str) -> str | None:
    """The agent the queue's round robin gave its last conversation to."""
    value = conn.scalar("SELECT last_user FROM routing_turns WHERE queue = ?", (queue,))
    return None if value is None else str(value)


def give(
    conn: Conn, conversation_id: str, user_id: str, queue: str, now: Millis, in_turn: bool
) -> bool:
    """Compare-and-set: the conversation goes to ``user_id`` only if still nobody holds it
    in ``queue``; the agent's last assignment (and the queue's turn) move on with it."""
    changed = conn.execute(
        "UPDATE conversations SET state = ?, assignee = ?, assigned_at = ?, "
        "requeued_from = NULL WHERE id = ? AND state = ? AND queue = ? AND assignee IS NULL",
        (State.ASSIGNED.value, user_id, now, conversation_id, State.QUEUED.value, queue),
    )
    if changed != 1:
        return False
    conn.execute(
        "INSERT INTO routing_given (user_id, at) VALUES (?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET at = excluded.at",
        (user_id, now),
    )
    if in_turn:
        conn.execute(
            "INSERT INTO routing_turns (queue, last_user, at) VALUES (?, ?, ?) "
            "ON CONFLICT (queue) DO UPDATE SET last_user = excluded.last_user, at = excluded.at",
            (queue, user_id, now),
        )
    return True


def last_holder(conn: Conn, wa_id: str, phone_number_id: str, closed_since: Millis) -> str | None:
    """Who held the customer's conversation on this number that closed last, if it
    closed at or after ``closed_since``."""
    row = conn.one(
        "SELECT COALESCE(assignee, closed_by) AS holder FROM conversations "
        "WHERE wa_id = ? AND phone_number_id = ? AND state = ? AND closed_at >= ? "
        "ORDER BY closed_at DESC, id DESC LIMIT 1",
        (wa_id, phone_number_id, State.CLOSED.value, closed_since),
    )
    return None if row is None or row["holder"] is None else str(row["holder"])


def left_waiting(conn: Conn, since: Millis) -> list[Row]:
    """Held conversations whose customer has waited for an answer since ``since`` or
    before, with when the wait on their assignee began (the later of the customer's
    first unanswered message and the assignment)."""
    return conn.all(
        "SELECT id, queue, assignee, waiting_since, assigned_at FROM conversations "
        "WHERE waiting_since IS NOT NULL AND waiting_since <= ? AND state = ? "
        "AND assignee IS NOT NULL ORDER BY waiting_since, id",
        (since, State.ASSIGNED.value),
    )


def requeue(conn: Conn, conversation_id: str, holder: str, now: Millis) -> bool:
    """Compare-and-set: back to its queue only if ``holder`` still has it."""
    changed = conn.execute(
        "UPDATE conversations SET state = ?, assignee = NULL, assigned_at = NULL, "
        "requeued_from = ? WHERE id = ? AND state = ? AND assignee = ?",
        (State.QUEUED.value, holder, conversation_id, State.ASSIGNED.value, holder),
    )
    return changed == 1

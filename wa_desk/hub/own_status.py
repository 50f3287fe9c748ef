"""An agent setting their own status (available, busy, away, offline)."""

from __future__ import annotations

from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub.changes import agent_status_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import users


def set_own_status(
    conn: Conn, user_id: str, status: AgentStatus, now: Millis, guidelines: Guidelines
) -> Outcome[dict[str, object]]:
    """The user's status from ``now``, set by themself; the user as they are afterwards. A
    change is announced on the stream to everyone sharing a queue with them; the status
    they already have changes and announces nothing."""
    if users.set_status(conn, user_id, status.value, now, user_id):
        events = [agent_status_changed(conn, user_id, now, guidelines)]
    else:
        events = []
    current = users.get_user(conn, user_id)
    assert current is not None
    return Outcome(current.public(), events)

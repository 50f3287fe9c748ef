"""Which conversations a user may write audit events about.

A user **may write about** a conversation that exists and that they may see now
(an administrator: every one; anyone else: one in their queues), **or** that they have
been involved in according to the hub's own facts (its chains, ``hub`` and
``hub/<replica id>``, whichever replica recorded them), which a desktop cannot forge:

- they are its assignee now, or were (a claim, an assignment, a transfer to them, a
  release, transfer or takeover away from them);
- it was in one of their queues (routed there, or transferred from or to one);
- they acted on it in the hub's chains (any hub fact with them as its actor).

The second half exists because a desktop syncs late: an agent who transferred a
conversation to a queue they are not in, or held it once, must still be able to sync
what they did about it, or their chain (which cannot be edited) would be stuck for good.
Anything else, including a conversation id that does not exist, is refused as not found
(404, as everywhere else in the API).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import conversations
from wa_desk.hub.queries.audit_log import HUB_CHAINS
from wa_desk.hub.queries.users import User

# Hub facts that name who held a conversation or which queue it was in.
_PLACING_KINDS = (
    AuditKind.CONVERSATION_ROUTED,
    AuditKind.CONVERSATION_ASSIGNED,
    AuditKind.CONVERSATION_RELEASED,
    AuditKind.CONVERSATION_REQUEUED,
    AuditKind.CONVERSATION_TRANSFERRED,
    AuditKind.CONVERSATION_TAKEN_OVER,
)
_USER_KEYS = ("from_user", "to_user", "user", "assignee")
_QUEUE_KEYS = ("queue", "from_queue", "to_queue")
_FACTS = (
    f"SELECT actor, data FROM audit_events WHERE conversation_id = ? AND {HUB_CHAINS} "  # noqa: S608 - constants and placeholders
    f"AND (actor = ? OR kind IN ({', '.join('?' * len(_PLACING_KINDS))}))"
)


def check_may_write_about(conn: Conn, user: User, conversation_ids: Iterable[str]) -> None:
    """Raises ``NotVisible`` for the first conversation ``user`` may not write about."""
    for conversation_id in dict.fromkeys(conversation_ids):
        if not may_write_about(conn, user, conversation_id):
            raise NotVisible(conversation_id)


def may_write_about(conn: Conn, user: User, conversation_id: str) -> bool:
    row = conversations.get(conn, conversation_id)
    if row is None:
        return False
    if user.role.value == "admin" or row["queue"] in user.queues or row["assignee"] == user.id:
        return True
    facts = conn.all(_FACTS, (conversation_id, user.id, *_PLACING_KINDS))
    return any(_involves(fact["actor"], fact["data"], user) for fact in facts)


def _involves(actor: str, data_text: str, user: User) -> bool:
    if actor == user.id:
        return True
    try:
        data: Any = orjson.loads(data_text)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(data, dict):
        return False
    return any(data.get(k) == user.id for k in _USER_KEYS) or any(
        data.get(k) in user.queues for k in _QUEUE_KEYS
    )

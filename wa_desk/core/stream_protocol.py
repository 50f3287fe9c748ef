"""The live stream's words that the hub and the desktop both use (``GET /api/v1/stream``).

The hub ends a stream whose session no longer holds with one last event,
``session_ended``, whose data is ``{"code": <SessionEnd>, "message": ...}`` and which
carries no id (it moves no resume point); the desktop then asks to sign in again, as for
a 401. A resume point the store can no longer serve is refused with 409
``resume_point_expired``: the desktop drops it, reloads its lists and starts afresh.
"""

from __future__ import annotations

from enum import StrEnum

SESSION_ENDED_EVENT = "session_ended"
# An agent's status changed; its data is the agent as ``GET /api/v1/agents`` lists them
# (``id``, ``name``, ``role``, ``status``, ``queues``). Everyone sharing a queue with the
# agent receives it, and administrators.
AGENT_STATUS_EVENT = "agent.status"

# Error codes of ``GET /api/v1/stream``.
BAD_LAST_EVENT_ID = "bad_last_event_id"  # 400: not a sequence number
RESUME_POINT_EXPIRED = "resume_point_expired"  # 409: older than the store, or ahead of it
TOO_MANY_STREAMS = "too_many_streams"  # 429: the token's or the user's streams are at the cap


class SessionEnd(StrEnum):
    """Why the hub ended a stream: the ``code`` of its ``session_ended`` event."""

    REVOKED = "session_revoked"  # signed out, evicted by a newer session, revoked
    EXPIRED = "session_expired"  # past its lifetime, idle for too long, or gone
    USER_DISABLED = "user_disabled"
